using Training.Core.Gift;
using Training.Web.Learning;

namespace Training.Web.Tests.Learning;

public class QuestionFormSentenceTests
{
    [Fact]
    public void SentenceHtml_CutsTheRenderedSentenceWhereTheBlankIs()
    {
        var (before, after) = QuestionForm.SentenceHtml("Moodle *kostar*", "att hämta.", TextFormat.Markdown);

        Assert.Equal("Moodle <em>kostar</em> ", before);
        Assert.Equal(" att hämta.", after);
    }

    [Fact]
    public void SentenceHtml_KeepsPunctuationRightAfterTheBlank()
    {
        var (_, after) = QuestionForm.SentenceHtml("Två plus två är", ".", TextFormat.Moodle);

        Assert.Equal(".", after);
    }

    [Fact]
    public void SentenceHtml_WithTheBlankInsideAnAttribute_RendersEachSideOnItsOwn()
    {
        var (before, after) = QuestionForm.SentenceHtml("<img src=\"/a.png\" alt=\"", "\" onerror=\"alert(1)\">", TextFormat.Html);

        Assert.DoesNotContain("GIFTBLANK", before + after, StringComparison.Ordinal);
        Assert.DoesNotMatch("<[^>]*onerror", before + after);
        Assert.DoesNotContain("<", after, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainText_OfAnAnswer_HasNoMarkup()
    {
        Assert.Equal("ett brott", QuestionForm.PlainText("ett **brott**", TextFormat.Markdown));
        Assert.Equal("<ingenting>", QuestionForm.PlainText("<ingenting>", TextFormat.Plain));
    }
}
