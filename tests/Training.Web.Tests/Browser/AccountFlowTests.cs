using Microsoft.Playwright;

namespace Training.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class AccountFlowTests(BrowserSite browser)
{
    [Theory]
    [InlineData("/konto/logga-in", null)]
    [InlineData("/konto/registrera", null)]
    [InlineData("/konto/glomt-losenord", null)]
    [InlineData("/konto/aterstall-losenord?anvandare=x&kod=y", null)]
    [InlineData("/konto/logga-ut", BrowserSite.LearnerEmail)]
    [InlineData("/konto", BrowserSite.LearnerEmail)]
    [InlineData("/konto/byt-losenord", BrowserSite.LearnerEmail)]
    [InlineData("/hr", BrowserSite.HrEmail)]
    [InlineData("/hr/medarbetare", BrowserSite.HrEmail)]
    [InlineData("/hr/genomforanden/import", BrowserSite.HrEmail)]
    [InlineData("/hr?utveckling=ja", BrowserSite.HrEmail)]
    [InlineData("/hr/medarbetare?status=overdue", BrowserSite.HrEmail)]
    [InlineData("/hr/export", BrowserSite.HrEmail)]
    [InlineData("/hr/redovisning", BrowserSite.HrEmail)]
    [InlineData("/fel/403", BrowserSite.LearnerEmail)]
    [InlineData("/personuppgifter", null)]
    [InlineData("/tillganglighet", null)]
    [InlineData("/mina-sidor/mina-uppgifter", BrowserSite.LearnerEmail)]
    public async Task Page_HasNoWcagViolations(string url, string? signedInAs)
    {
        var page = await browser.NewPageAsync(signedInAs);

        await page.GotoAsync(url);

        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AFormWithErrors_HasNoWcagViolations()
    {
        var page = await browser.NewPageAsync(null);
        await page.GotoAsync("/konto/registrera");
        await page.GetByLabel("E-postadress i tjänsten").FillAsync("person@gmail.com");
        await page.GetByLabel("Lösenord", new() { Exact = true }).FillAsync("kort");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa konto" }).ClickAsync();

        await page.Locator(".field-validation-error").First.WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HrEmployeePage_HasNoWcagViolations()
    {
        var page = await browser.NewPageAsync(BrowserSite.HrEmail);
        await page.GotoAsync("/hr/medarbetare");
        var first = await page.Locator("tbody a").First.GetAttributeAsync("href");

        await page.GotoAsync(first!);

        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WorksWithTheKeyboardAlone()
    {
        await browser.Site.CreateUserAsync("tangent.inlogg@polisen.se");
        var page = await browser.NewPageAsync(null);
        await page.GotoAsync("/moduler");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/konto/logga-in");

        await Keyboard.TabUntilAsync(page, "e => e.id === 'Input_Email'");
        await page.Keyboard.TypeAsync("tangent.inlogg@polisen.se");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(TrainingSite.Password);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/moduler");
        Assert.Equal("Moduler", (await page.Locator("h1").TextContentAsync())?.Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Registration_WorksWithTheKeyboardAlone()
    {
        var page = await browser.NewPageAsync(null);
        await page.GotoAsync("/konto/registrera");

        await Keyboard.TabUntilAsync(page, "e => e.id === 'Input_Email'");
        await page.Keyboard.TypeAsync("tangent.ny@aklagare.se");
        await Keyboard.TabUntilAsync(page, "e => e.id === 'Input_Password'");
        await page.Keyboard.TypeAsync("mitt tangentbordslösenord");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("mitt tangentbordslösenord");
        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON'");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).Query.Contains("skickat", StringComparison.Ordinal));
        Assert.Contains("Vi har skickat ett mejl", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(browser.Site.Mails(), m => m.Contains("To: tangent.ny@aklagare.se", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
