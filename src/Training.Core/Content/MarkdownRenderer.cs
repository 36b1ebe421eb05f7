using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
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

    /// <summary>
    /// Heading ids from Markdown's auto-identifiers start with this, so that no content id can be one of the page's own
    /// (<c>innehall</c>, …); in-page links (<c>#rubrik</c>) are rewritten to match.
    /// </summary>
    public const string HeadingIdPrefix = "s-";

    /// <summary>Form elements: content must not put a form, or fields, inside the page's own forms.</summary>
    private static readonly string[] FormTags =
        ["form", "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output", "fieldset", "legend", "label"];

    /// <summary>Attributes that name or move elements, so content cannot clobber the page's ids or join its forms.</summary>
    private static readonly string[] NamingAttributes = ["id", "name", "form", "for"];

    private static readonly HtmlSanitizer MarkdownSanitizer = CreateSanitizer(keepHeadingIds: true);

    private static readonly HtmlSanitizer HtmlTextSanitizer = CreateSanitizer(keepHeadingIds: false);

    /// <summary>
    /// The sanitiser for content HTML: http, https and mailto URLs, no style, no data attributes, no form elements, no ids
    /// or names. With <paramref name="keepHeadingIds"/>, a heading keeps an id made by the auto-identifiers (prefixed);
    /// only Markdown output may keep them, since Markdown cannot carry raw HTML.
    /// </summary>
    public static HtmlSanitizer CreateSanitizer(bool keepHeadingIds)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        foreach (var tag in FormTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }
        foreach (var attribute in NamingAttributes)
        {
            sanitizer.AllowedAttributes.Remove(attribute);
        }
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowDataAttributes = false;
        if (keepHeadingIds)
        {
            sanitizer.RemovingAttribute += (_, e) => e.Cancel =
                e.Attribute.Name == "id"
                && e.Tag.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6"
                && e.Attribute.Value.StartsWith(HeadingIdPrefix, StringComparison.Ordinal);
        }
        return sanitizer;
    }

    /// <summary>
    /// Parses Markdown with the shared pipeline; heading ids get <see cref="HeadingIdPrefix"/>, and so do in-page links
    /// to them.
    /// </summary>
    public static MarkdownDocument Parse(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.TryGetAttributes() is { Id: { Length: > 0 } id } attributes)
            {
                attributes.Id = HeadingIdPrefix + id;
            }
        }
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { Length: > 1 } url && url[0] == '#')
            {
                link.Url = "#" + HeadingIdPrefix + url[1..];
            }
        }
        return document;
    }

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

    /// <summary>
    /// Sanitises the HTML Markdig made: removes everything that could run script or load from a forbidden scheme, form
    /// elements, and every id but the prefixed heading ids.
    /// </summary>
    public static string Sanitize(string html) => MarkdownSanitizer.Sanitize(html);

    /// <summary>Sanitises HTML an author wrote (GIFT's <c>[html]</c> texts): as <see cref="Sanitize"/>, and no ids at all.</summary>
    public static string SanitizeAuthoredHtml(string html) => HtmlTextSanitizer.Sanitize(html);

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
