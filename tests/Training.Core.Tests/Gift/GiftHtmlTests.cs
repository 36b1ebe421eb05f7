using Training.Core.Gift;

namespace Training.Core.Tests.Gift;

public class GiftHtmlTests
{
    private static string Html(string gift)
    {
        var q = Assert.Single(GiftParser.Parse(gift, "q.gift").Questions);
        return GiftHtml.TextToHtml(q.Text, q.Format);
    }

    [Fact]
    public void TextToHtml_HtmlScript_IsRemoved()
    {
        var html = Html("[html]<p>Fråga</p><script>alert(1)</script> {T}");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
        Assert.Contains("<p>Fråga</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextToHtml_HtmlImgOnerror_LosesTheHandler()
    {
        var html = Html("[html]<img src=\"x.png\" onerror=\"alert(1)\"> {T}");

        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextToHtml_MarkdownJavascriptLink_HasNoJavascriptHref()
    {
        var html = Html("[markdown][x](javascript:alert(1)) {T}");

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(">x</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextToHtml_MarkdownRawHtml_IsNotPassedThrough()
    {
        var html = Html("[markdown]Hej <script>alert(1)</script> {T}");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TextToHtml_MoodleFormat_IsRenderedAsMarkdown()
    {
        Assert.Equal("<p><strong>Fet</strong> fråga</p>\n", Html("**Fet** fråga {T}"));
    }

    [Fact]
    public void TextToHtml_Plain_IsEncoded_WithLineBreaksKept()
    {
        Assert.Equal("&lt;b&gt;a&lt;/b&gt; &amp; **b**<br>\nrad två", Html(@"[plain]<b>a</b> & **b**\nrad två {T}"));
    }
}
