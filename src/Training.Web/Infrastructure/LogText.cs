using System.Globalization;
using System.Text;

namespace Training.Web.Infrastructure;

/// <summary>
/// Text from users, files or content made safe for a log line: control characters (CR and LF above all) are written as
/// escapes, so a name, subject or path cannot end the line and start a forged one, and it is cut to a length a log
/// line can carry.
/// </summary>
public static class LogText
{
    public const int MaximumLength = 300;

    public static string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var text = value.Length > MaximumLength ? value[..MaximumLength] + "…" : value;
        if (!text.Any(IsUnsafe))
        {
            return text;
        }
        var safe = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            safe.Append(c switch
            {
                '\r' => @"\r",
                '\n' => @"\n",
                '\t' => @"\t",
                _ when IsUnsafe(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }
        return safe.ToString();
    }

    // Also the Unicode line and paragraph separators and the next-line character, which some log viewers break on.
    private static bool IsUnsafe(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085';
}
