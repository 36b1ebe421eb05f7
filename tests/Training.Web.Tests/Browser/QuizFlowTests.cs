using Microsoft.Playwright;

namespace Training.Web.Tests.Browser;

/// <summary>The knowledge checks and the quiz in a real browser, on the shipped curriculum's first module.</summary>
[Collection(BrowserCollection.Name)]
public class QuizFlowTests(BrowserSite browser)
{
    private const string ModuleId = "vad-ar-manniskohandel";

    private async Task<IPage> LearnerWhoReadEverythingAsync(string name)
    {
        var page = await browser.NewLearnerPageAsync(name);
        for (var n = 1; ; n++)
        {
            var response = await page.GotoAsync($"/moduler/{ModuleId}/{n}");
            if (response!.Status == 404)
            {
                break;
            }
        }
        return page;
    }

    [Fact]
    public async Task AKnowledgeCheck_AnswersInPlace_WithHtmx_AndThePageStaysAccessible()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/moduler/{ModuleId}/1");
        var check = page.Locator(".knowledge-check").First;

        await check.Locator("input").First.CheckAsync();
        await check.GetByRole(AriaRole.Button, new() { Name = "Kontrollera svaret" }).ClickAsync();

        await page.Locator(".knowledge-check .feedback").First.WaitForAsync();
        Assert.EndsWith($"/moduler/{ModuleId}/1", page.Url, StringComparison.Ordinal); // no navigation: swapped in place
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheQuiz_CanBeAnsweredAndSubmitted_WithTheKeyboardAlone_AndItsPagesHaveNoWcagViolations()
    {
        var page = await LearnerWhoReadEverythingAsync("tangent.prov");
        await page.GotoAsync($"/moduler/{ModuleId}/prov");
        await Accessibility.AssertNoViolationsAsync(page);

        await Keyboard.TabUntilAsync(page, "e => e.textContent.trim() === 'Starta provet'");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("form.quiz").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        var questions = await page.Locator("fieldset.question").CountAsync();
        Assert.True(questions >= 6);
        for (var i = 0; i < questions; i++)
        {
            // Tab into the question's group, then Space marks the focused choice (a radio or the first checkbox).
            await Keyboard.TabUntilAsync(page, $"e => e.name === 'q{i}'");
            await page.Keyboard.PressAsync("Space");
        }
        await Keyboard.TabUntilAsync(page, "e => e.textContent.trim() === 'Lämna in provet'");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith($"/moduler/{ModuleId}/prov/", StringComparison.Ordinal));
        Assert.Contains("Du fick", await page.Locator(".result-summary").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GotoAsync("/mina-sidor");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
