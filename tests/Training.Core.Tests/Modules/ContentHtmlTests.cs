using Training.Core.Content;
using Training.Core.Gift;

namespace Training.Core.Tests.Modules;

/// <summary>Content HTML (issue 13, item 11): no form elements, no ids but prefixed heading ids, and warnings for what is lost.</summary>
public class ContentHtmlTests
{
    private const string FormHtml =
        "<p>Fråga</p><form action=\"/konto/logga-ut\" method=\"post\"><input name=\"x\" value=\"1\"><button>Skicka</button></form>" +
        "<select><option>a</option></select><textarea>t</textarea><p id=\"innehall\">Text</p><h2 id=\"main\">R</h2>";

    [Fact]
    public void HtmlGiftText_LosesFormElementsAndEveryId()
    {
        var html = GiftHtml.TextToHtml(FormHtml, TextFormat.Html);

        foreach (var gone in new[] { "<form", "<input", "<button", "<select", "<option", "<textarea", "id=", "name=" })
        {
            Assert.DoesNotContain(gone, html, StringComparison.Ordinal);
        }
        Assert.Contains("<p>Fråga</p>", html, StringComparison.Ordinal);
        Assert.Contains("Text</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownHeadings_KeepAPrefixedId_AndInPageLinksFollowIt()
    {
        var html = MarkdownRenderer.ToSafeHtml("## Innehall\n\nSe [rubriken](#innehall).\n");

        Assert.Contains("<h2 id=\"s-innehall\">Innehall</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#s-innehall\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"innehall\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SectionPages_CarryOnlyPrefixedHeadingIds()
    {
        using var content = new TempContent().Module("m", "id: m\ntitle: T\nversion: \"1.0\"", "## A\n\n### Main\n\nText [upp](#main).\n");
        var (module, _) = ModuleLoader.Load(Path.Combine(content.Root, "modules", "m"), "c/modules/m");

        var html = ModuleRenderer.Render(module!).Sections[0].Parts[0].Content;

        Assert.Contains("<h2 id=\"s-main\">Main</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#s-main\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentCheck_WarnsAboutRawHtmlInMarkdown_WithItsLine()
    {
        using var content = new TempContent().Module("m", "id: m\ntitle: T\nversion: \"1.0\"", "## A\n\nText.\n\n<form><input name=\"x\"></form>\n\nMer <b>fet</b> text.\n");

        var set = ContentLoader.Load(content.Root, "c");

        Assert.Single(set.Modules);
        Assert.Equal(
            [
                "c/modules/m/index.md:10: varning: rå HTML tolkas inte i Markdown utan visas som text; skriv det med Markdown i stället.",
                "c/modules/m/index.md:12: varning: rå HTML tolkas inte i Markdown utan visas som text; skriv det med Markdown i stället.",
            ],
            set.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void ContentCheck_WarnsAboutHtmlGiftTextThatWillBeDropped_WithTheQuestionsLine()
    {
        using var content = new TempContent()
            .Module("m", "id: m\ntitle: T\nversion: \"1.0\"", "## A\n\nText.\n\n```gift check\n::k1:: [html]<p id=\"main\">Vad?</p><form><input name=\"a\"></form> {T}\n\n::k2:: [html]<p>Bra <b>fråga</b>?</p> {T}\n```\n");

        var set = ContentLoader.Load(content.Root, "c");

        Assert.Single(set.Modules);
        var problem = Assert.Single(set.Problems);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal("c/modules/m/index.md", problem.Path);
        Assert.Equal(11, problem.Line);
        Assert.Contains("<form>", problem.Message, StringComparison.Ordinal);
        Assert.Contains("id=", problem.Message, StringComparison.Ordinal);
    }
}
