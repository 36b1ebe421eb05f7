using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Training.Core.Gift;

namespace Training.Core.Content;

/// <summary>
/// Warnings for HTML an author wrote that will not reach the page as written: raw HTML in Markdown is shown as text,
/// and what the sanitiser removes from GIFT's <c>[html]</c> texts (script, form elements, ids, …) is dropped.
/// </summary>
public static class ContentHtmlChecks
{
    /// <summary>The platform's pipeline but with HTML parsed, only to find where an author wrote it.</summary>
    private static readonly MarkdownPipeline HtmlFinder = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseFigures()
        .UseListExtras()
        .Build();

    /// <summary>A warning for each line of Markdown text that holds raw HTML (lines counted from <paramref name="firstLine"/>).</summary>
    public static IEnumerable<ContentProblem> CheckMarkdown(string markdown, string path, int firstLine = 1)
    {
        var document = Markdown.Parse(markdown, HtmlFinder);
        var lines = document.Descendants<HtmlBlock>().Select(b => b.Line)
            .Concat(document.Descendants<HtmlInline>().Select(i => i.Line))
            .Distinct()
            .Order();
        return lines.Select(line => new ContentProblem(path, firstLine + line,
            "rå HTML tolkas inte i Markdown utan visas som text; skriv det med Markdown i stället.", ProblemSeverity.Warning));
    }

    /// <summary>
    /// A warning for each question whose texts lose something: in <c>[html]</c> what the sanitiser removes, in Markdown
    /// (and Moodle's auto-format) raw HTML, which is shown as text.
    /// </summary>
    public static IEnumerable<ContentProblem> CheckGift(IEnumerable<GiftQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        HtmlSanitizer? sanitizer = null;
        var removed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            var texts = question.FormattedTexts().Where(t => t.Text.Length > 0).ToList();
            var html = texts.Where(t => t.Format == TextFormat.Html).Select(t => t.Text).ToList();
            if (html.Count > 0)
            {
                if (sanitizer is null)
                {
                    sanitizer = MarkdownRenderer.CreateSanitizer(keepHeadingIds: false);
                    sanitizer.RemovingTag += (_, e) => removed.Add($"<{e.Tag.LocalName}>");
                    sanitizer.RemovingAttribute += (_, e) => removed.Add($"{e.Attribute.Name}=");
                    sanitizer.RemovingStyle += (_, e) => removed.Add("style");
                    sanitizer.RemovingAtRule += (_, e) => removed.Add("style");
                    sanitizer.RemovingComment += (_, e) => removed.Add("<!-- -->");
                }
                removed.Clear();
                foreach (var text in html)
                {
                    sanitizer.Sanitize(text);
                }
                if (removed.Count > 0)
                {
                    yield return new ContentProblem(question.Path, question.Line,
                        $"HTML-texten förlorar {string.Join(", ", removed)}: sådant tas bort innan frågan visas.", ProblemSeverity.Warning);
                }
            }
            if (texts.Any(t => t.Format is TextFormat.Markdown or TextFormat.Moodle && CheckMarkdown(t.Text, question.Path).Any()))
            {
                yield return new ContentProblem(question.Path, question.Line,
                    "frågan innehåller rå HTML, som visas som text; skriv [html] före texten eller använd Markdown.", ProblemSeverity.Warning);
            }
        }
    }
}
