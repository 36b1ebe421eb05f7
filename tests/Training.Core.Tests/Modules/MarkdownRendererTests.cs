using Training.Core.Content;

namespace Training.Core.Tests.Modules;

public class MarkdownRendererTests
{
    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](  javascript:alert(1) )")]
    [InlineData("<javascript:alert(1)>")]
    public void JavascriptLinks_LoseTheirHref(string markdown)
    {
        var html = MarkdownRenderer.ToSafeHtml(markdown);

        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void JavascriptImage_IsRemovedOrHarmless()
    {
        var html = MarkdownRenderer.ToSafeHtml("![x](JaVaScRiPt:alert(1))");

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ScriptTag_IsEscapedText()
    {
        var html = MarkdownRenderer.ToSafeHtml("Hej <script>alert(1)</script> då");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ImgWithOnerror_IsEscapedText()
    {
        var html = MarkdownRenderer.ToSafeHtml("<img src=x onerror=alert(1)>");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;img", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+)")]
    [InlineData("[x](data:text/html,<script>alert(1)</script>)")]
    public void DataUrls_AreRemoved(string markdown)
    {
        var html = MarkdownRenderer.ToSafeHtml(markdown);

        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[a](https://riksdagen.se)", "href=\"https://riksdagen.se\"")]
    [InlineData("[a](mailto:info@example.se)", "href=\"mailto:info@example.se\"")]
    [InlineData("[a](#avsnitt)", "href=\"#s-avsnitt\"")]
    public void AllowedUrls_AreKept(string markdown, string expected)
    {
        Assert.Contains(expected, MarkdownRenderer.ToSafeHtml(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_AndEmphasisExtras_Render()
    {
        var html = MarkdownRenderer.ToSafeHtml("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~bort~~");

        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<del>bort</del>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RelativeUrls_AreRewrittenByTheResolver()
    {
        var html = MarkdownRenderer.ToSafeHtml("![bild](bilder/a.png) [extern](https://x.se)", url => "/moduler/m/filer/" + url);

        Assert.Contains("src=\"/moduler/m/filer/bilder/a.png\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://x.se\"", html, StringComparison.Ordinal);
    }
}
