using Training.Core.Content;

namespace Training.Core.Tests.Modules;

public class ModuleRendererTests
{
    private static ModuleSource Load(TempContent content) => Assert.Single(ContentLoader.Load(content.Root, "c").Modules);

    [Fact]
    public void Sections_SplitAtLevelTwo_WithIntroApart_AndSubheadingsMovedUpOneLevel()
    {
        using var content = new TempContent().Module("m", "id: m\ntitle: T\nversion: \"1.0\"",
            "Inledning.\n\n## Första\n\n### Del\n\nText ett.\n\n## Andra\n\nText två.\n");

        var rendered = ModuleRenderer.Render(Load(content));

        Assert.Equal("<p>Inledning.</p>", rendered.IntroHtml);
        Assert.Equal(["Första", "Andra"], rendered.Sections.Select(s => s.Title));
        var html = Assert.Single(rendered.Sections[0].Parts).Content;
        Assert.Contains("<h2 id=\"s-del\">Del</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Andra", html, StringComparison.Ordinal);
    }

    [Fact]
    public void KnowledgeCheck_IsAPartWhereItStands_AndGradedQuestionsAreNeverShown()
    {
        using var content = new TempContent().Module("m", "id: m\ntitle: T\nversion: \"1.0\"",
            "## A\n\nFöre.\n\n```gift check\n::k1:: Fråga? {T}\n```\n\nEfter.\n\n```gift\n::hemlig:: Svar? {=Rätt ~Fel}\n```\n");

        var parts = ModuleRenderer.Render(Load(content)).Sections[0].Parts;

        Assert.Equal([PartKind.Html, PartKind.Check, PartKind.Html], parts.Select(p => p.Kind));
        Assert.Equal("::k1:: Fråga? {T}", parts[1].Content);
        Assert.DoesNotContain(parts, p => p.Content.Contains("hemlig", StringComparison.Ordinal) && p.Kind == PartKind.Html);
    }

    [Fact]
    public void ImagesAndLinks_PointAtTheModuleFilesUrl()
    {
        using var content = new TempContent()
            .Module("m", "id: m\ntitle: T\nversion: \"1.0\"", "## A\n\n![Ett diagram](<bilder/d i a.svg>)\n\n[Bilaga](bilaga.pdf#sida=2)\n")
            .Write("modules/m/bilder/d i a.svg", "<svg/>")
            .Write("modules/m/bilaga.pdf", "%PDF");

        var module = Load(content);
        var html = ModuleRenderer.Render(module).Sections[0].Parts[0].Content;

        Assert.Contains("src=\"/moduler/m/filer/bilder/d%20i%20a.svg?v=" + module.ContentHash[..12] + "\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"Ett diagram\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/moduler/m/filer/bilaga.pdf?v=" + module.ContentHash[..12] + "#sida=2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptInModuleText_ComesOutAsText()
    {
        using var content = new TempContent().Module("m", "id: m\ntitle: T\nversion: \"1.0\"",
            "## A\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n");

        var html = ModuleRenderer.Render(Load(content)).Sections[0].Parts[0].Content;

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
    }
}
