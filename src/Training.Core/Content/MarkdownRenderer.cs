using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Training.Core.Content;

/// <summary>
/// The one Markdown pipeline of the platform: Markdig with raw HTML disabled, then HtmlSanitizer.
/// Both are built once and shared; rendering happens once per module version, never per request.
/// </summary>
public static class MarkdownRenderer
{
    /// <summary>The shared Markdig pipeline (CommonMark + tables, emphasis extras, auto-identifiers, figures; no raw HTML).</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseFigures()
        .UseListExtras()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowDataAttributes = false;
        return sanitizer;
    }

    /// <summary>Parses Markdown with the shared pipeline.</summary>
    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>Renders Markdown to sanitised HTML; <paramref name="resolveUrl"/>, when given, rewrites each relative link and image URL.</summary>
    public static string ToSafeHtml(string markdown, Func<string, string>? resolveUrl = null)
    {
        var document = Parse(markdown);
        if (resolveUrl is not null)
        {
            RewriteRelativeUrls(document, resolveUrl);
        }
        return Sanitize(document.ToHtml(Pipeline));
    }

    /// <summary>Renders an already parsed (and possibly rewritten) block list to sanitised HTML.</summary>
    public static string ToSafeHtml(MarkdownDocument document) => Sanitize(document.ToHtml(Pipeline));

    /// <summary>Removes everything from HTML that could run script or load from a forbidden scheme.</summary>
    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    /// <summary>True when a link target points inside the module (no scheme, not an anchor, not site-absolute).</summary>
    public static bool IsRelativeUrl(string url) =>
        url.Length > 0
        && url[0] != '#'
        && url[0] != '/'
        && !url.Contains(':', StringComparison.Ordinal)
        && !url.StartsWith("//", StringComparison.Ordinal);

    /// <summary>Rewrites every relative link and image URL in a parsed document.</summary>
    public static void RewriteRelativeUrls(MarkdownObject document, Func<string, string> resolveUrl)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url && IsRelativeUrl(url))
            {
                link.Url = resolveUrl(url);
            }
        }
    }
}
