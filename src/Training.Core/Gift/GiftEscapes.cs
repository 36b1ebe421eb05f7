using System.Text;

namespace Training.Core.Gift;

/// <summary>
/// GIFT's backslash escapes. While a question is parsed, each escaped character stands in as a character of
/// Unicode's private use area, so that only unescaped <c>~ = # { } :</c> have a meaning; texts are decoded last.
/// </summary>
internal static class GiftEscapes
{
    private const string Escapable = "~=#{}:\\";
    private const char First = '\uE000';
    private const char Newline = (char)(First + 7);

    /// <summary>True when text holds a character the placeholders would be confused with.</summary>
    public static bool HasPlaceholderClash(string text) => text.Any(c => c >= First && c <= Newline);

    /// <summary>Replaces each escape (<c>\~ \= \# \{ \} \: \\ \n</c>) with its placeholder; any other backslash stays.</summary>
    public static string Encode(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                var index = Escapable.IndexOf(next, StringComparison.Ordinal);
                if (index >= 0)
                {
                    result.Append((char)(First + index));
                    i++;
                    continue;
                }
                if (next == 'n')
                {
                    result.Append(Newline);
                    i++;
                    continue;
                }
            }
            result.Append(c);
        }
        return result.ToString();
    }

    /// <summary>Turns placeholders back into the characters they stand for.</summary>
    public static string Decode(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                Newline => '\n',
                >= First and < Newline => Escapable[c - First],
                _ => c,
            });
        }
        return result.ToString();
    }

    /// <summary>Writes text so that GIFT reads it back unchanged: special characters escaped, line breaks as <c>\n</c>.</summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text.ReplaceLineEndings("\n"))
        {
            if (Escapable.Contains(c, StringComparison.Ordinal))
            {
                result.Append('\\').Append(c);
            }
            else if (c == '\n')
            {
                result.Append("\\n");
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }
}
