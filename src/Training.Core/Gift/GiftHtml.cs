using Training.Core.Content;

namespace Training.Core.Gift;

/// <summary>Turns GIFT texts (question, answers, feedback) into HTML that is safe to put on a page.</summary>
public static class GiftHtml
{
    /// <summary>
    /// Markdown and Moodle's auto-format go through the platform's Markdown pipeline (raw HTML off, then sanitised);
    /// HTML is sanitised, never trusted; plain text is HTML-encoded with its line breaks kept as <c>&lt;br&gt;</c>.
    /// </summary>
    public static string TextToHtml(string text, TextFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        return format switch
        {
            TextFormat.Html => MarkdownRenderer.SanitizeAuthoredHtml(text),
            TextFormat.Plain => string.Join("<br>\n", text.ReplaceLineEndings("\n").Split('\n').Select(Encode)),
            _ => MarkdownRenderer.ToSafeHtml(text),
        };
    }

    // WebUtility.HtmlEncode would also turn å, ä and ö into entities.
    private static string Encode(string line) => line
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
