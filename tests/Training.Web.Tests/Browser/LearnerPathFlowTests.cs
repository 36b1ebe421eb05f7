using Microsoft.Playwright;
using Training.Core.Gift;
using Training.Core.Quiz;

namespace Training.Web.Tests.Browser;

/// <summary>The learner's way through the shipped curriculum's first module in a real browser, with axe on every state.</summary>
[Collection(BrowserCollection.Name)]
public class LearnerPathFlowTests(BrowserSite browser)
{
    private const string ModuleId = "vad-ar-manniskohandel";

    private static async Task<string> MainButtonAsync(IPage page) =>
        (await page.Locator(".next-step a.button").First.TextContentAsync())!.Trim();

    private static async Task ClickAndWaitAsync(IPage page, ILocator target, string path)
    {
        var arrived = page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await target.ClickAsync();
        await arrived;
    }

    /// <summary>Checks the right answers of the open attempt (read from the stored answer key, as only a test may).</summary>
    private async Task AnswerRightAsync(IPage page, string email)
    {
        var drawn = DrawnQuiz.FromJson(browser.Site.WithDb(db => db.QuizAttempts
            .Single(a => a.SubmittedAt == null && db.Users.Any(u => u.Id == a.UserId && u.Email == email)).DrawnJson));
        for (var i = 0; i < drawn.Questions.Count; i++)
        {
            var question = drawn.Questions[i];
            Assert.True(question.Type is QuestionType.Single or QuestionType.TrueFalse or QuestionType.Multiple, $"Testet kan inte svara på {question.Type}.");
            foreach (var answer in question.Answers.Where(a => question.Type == QuestionType.Multiple ? a.Fraction > 0 : a.Fraction >= 1))
            {
                await page.Locator($"input[name='q{i}'][value='{answer.Id}']").CheckAsync();
            }
        }
    }

    [Fact]
    public async Task TheModulePage_InEachState_AndTheResultPages_HaveNoWcagViolations()
    {
        const string name = "vag.webb";
        var page = await browser.NewLearnerPageAsync(name);

        await page.GotoAsync($"/moduler/{ModuleId}");
        Assert.Equal("Börja läsa", await MainButtonAsync(page));
        await Accessibility.AssertNoViolationsAsync(page);

        await ClickAndWaitAsync(page, page.Locator(".next-step a.button"), $"/moduler/{ModuleId}/1");
        await page.GotoAsync($"/moduler/{ModuleId}");
        Assert.Equal("Fortsätt läsa", await MainButtonAsync(page));
        await Accessibility.AssertNoViolationsAsync(page);

        for (var n = 2; ; n++)
        {
            if ((await page.GotoAsync($"/moduler/{ModuleId}/{n}"))!.Status == 404)
            {
                break;
            }
        }
        await page.GotoAsync($"/moduler/{ModuleId}");
        Assert.Equal("Gör provet", await MainButtonAsync(page));
        await Accessibility.AssertNoViolationsAsync(page);

        // A failed attempt: nothing answered.
        await ClickAndWaitAsync(page, page.Locator(".next-step a.button"), $"/moduler/{ModuleId}/prov");
        await page.GetByRole(AriaRole.Button, new() { Name = "Starta provet" }).ClickAsync();
        await page.Locator("form.quiz").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lämna in provet" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith($"/moduler/{ModuleId}/prov/", StringComparison.Ordinal));
        Assert.Contains("Inte godkänt", await page.Locator(".result-summary").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Du har 2 av 3 försök kvar", await page.Locator(".attempt-standing").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);

        await ClickAndWaitAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Gör ett nytt försök" }), $"/moduler/{ModuleId}/prov");
        Assert.Contains("Ditt senaste försök gav 0 %", await page.Locator(".attempt-standing").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);

        // A passed attempt.
        await page.GetByRole(AriaRole.Button, new() { Name = "Starta provet" }).ClickAsync();
        await page.Locator("form.quiz").WaitForAsync();
        await AnswerRightAsync(page, $"{name}@polisen.se");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lämna in provet" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith($"/moduler/{ModuleId}/prov/", StringComparison.Ordinal));
        Assert.Contains("Godkänt", await page.Locator(".result-summary").TextContentAsync(), StringComparison.Ordinal);
        var onward = page.Locator("nav.onward");
        Assert.Equal("/mina-sidor", await onward.GetByRole(AriaRole.Link, new() { Name = "Till Mina sidor" }).GetAttributeAsync("href"));
        Assert.Equal("/moduler/upptacka-och-identifiera", await onward.GetByRole(AriaRole.Link, new() { NameRegex = new("^Nästa modul i Grundkurs") }).GetAttributeAsync("href"));
        Assert.Equal("/moduler", await onward.GetByRole(AriaRole.Link, new() { Name = "Alla moduler" }).GetAttributeAsync("href"));
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GotoAsync($"/moduler/{ModuleId}");
        Assert.Equal("Till Mina sidor", await MainButtonAsync(page));
        Assert.Contains("Modulen är genomförd.", await page.Locator(".next-step").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WhereTheLearnerLeftOff_AndAnAnsweredCheckOnARevisit_HaveNoWcagViolations()
    {
        var page = await browser.NewLearnerPageAsync("vag.aterkomst");
        await page.GotoAsync($"/moduler/{ModuleId}/1");
        var check = page.Locator(".knowledge-check").First;
        await check.Locator("input").First.CheckAsync();
        await check.GetByRole(AriaRole.Button, new() { Name = "Kontrollera svaret" }).ClickAsync();
        await page.Locator(".knowledge-check .feedback").First.WaitForAsync();

        await page.GotoAsync("/");
        Assert.Equal($"/moduler/{ModuleId}/2", await page.Locator(".resume a.button").GetAttributeAsync("href"));
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GotoAsync("/moduler");
        Assert.Equal(1, await page.Locator(".resume").CountAsync());
        Assert.Equal(1, await page.Locator(".module-card.current").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GotoAsync($"/moduler/{ModuleId}/1");
        Assert.True(await page.Locator(".knowledge-check").First.Locator("input").First.IsCheckedAsync());
        Assert.Matches("^(Rätt|Inte rätt)\\.$", (await page.Locator(".knowledge-check .verdict").First.TextContentAsync())!.Trim());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
