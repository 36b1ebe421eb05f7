using Microsoft.Playwright;

namespace Training.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class TwoFactorFlowTests(BrowserSite browser)
{
    private static Task<string> KeyOnPageAsync(IPage page) =>
        page.Locator("#delad-nyckel").TextContentAsync().ContinueWith(t => (t.Result ?? "").Replace(" ", "", StringComparison.Ordinal), TaskScheduler.Default);

    /// <summary>Signs in through the form by keyboard and waits until the page after it (the code step or <paramref name="arrivesAt"/>) has loaded.</summary>
    private static async Task TypeEmailAndPasswordAsync(IPage page, string email, string arrivesAt)
    {
        await Keyboard.TabUntilAsync(page, "e => e.id === 'Input_Email'");
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(TrainingSite.Password);
        var arrived = page.WaitForURLAsync(url => new Uri(url).AbsolutePath == arrivesAt, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Keyboard.PressAsync("Enter");
        await arrived;
    }

    [Fact]
    public async Task TheTwoFactorPages_HaveNoWcagViolations_InEveryState()
    {
        await browser.Site.CreateUserAsync("axe.tvasteg@polisen.se");
        var page = await browser.NewPageAsync(null);
        await page.GotoAsync("/konto/logga-in");
        await TypeEmailAndPasswordAsync(page, "axe.tvasteg@polisen.se", "/");

        await page.GotoAsync("/konto/tvastegsverifiering");
        await Accessibility.AssertNoViolationsAsync(page);
        var key = await KeyOnPageAsync(page);

        await page.GetByLabel("Kod från appen").FillAsync(Totp.WrongCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Slå på tvåstegsverifiering" }).ClickAsync();
        await page.Locator(".field-validation-error").First.WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByLabel("Kod från appen").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Slå på tvåstegsverifiering" }).ClickAsync();
        await page.Locator(".recovery-codes").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GotoAsync("/konto/tvastegsverifiering");
        Assert.Contains("Oanvända återställningskoder: 10 av 10.", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GotoAsync("/konto");
        await Accessibility.AssertNoViolationsAsync(page);

        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/konto/logga-in");
        await TypeEmailAndPasswordAsync(page, "axe.tvasteg@polisen.se", "/konto/logga-in/kod");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Kod", new() { Exact = true }).FillAsync(Totp.WrongCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await page.Locator(".field-validation-error").First.WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Har du inte telefonen? Använd en återställningskod" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/konto/logga-in/aterstallningskod");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SettingUpAndSigningInWithACode_WorkWithTheKeyboardAlone()
    {
        await browser.Site.CreateUserAsync("tangent.tvasteg@polisen.se");
        var page = await browser.NewPageAsync(null);
        await page.GotoAsync("/konto/logga-in");
        await TypeEmailAndPasswordAsync(page, "tangent.tvasteg@polisen.se", "/");

        await page.GotoAsync("/konto");
        await Keyboard.TabUntilAsync(page, "e => e.getAttribute('href') === '/konto/tvastegsverifiering'");
        await Keyboard.FollowFocusedLinkAsync(page, "/konto/tvastegsverifiering");
        var key = await KeyOnPageAsync(page);
        await Keyboard.TabUntilAsync(page, "e => e.id === 'Code'");
        await page.Keyboard.TypeAsync(Totp.Code(key));
        var enabled = page.WaitForURLAsync(url => new Uri(url).Query.Contains("handler=Enable", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Keyboard.PressAsync("Enter");
        await enabled;

        Assert.Equal(10, await page.Locator(".recovery-codes li").CountAsync());
        await Keyboard.TabUntilAsync(page, "e => e.getAttribute('href') === '/konto'");
        await Keyboard.FollowFocusedLinkAsync(page, "/konto");
        Assert.Contains("På", await page.Locator(".facts-list").TextContentAsync(), StringComparison.Ordinal);

        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/moduler");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/konto/logga-in");
        await TypeEmailAndPasswordAsync(page, "tangent.tvasteg@polisen.se", "/konto/logga-in/kod");
        await Keyboard.TabUntilAsync(page, "e => e.id === 'Input_Code'");
        await page.Keyboard.TypeAsync(Totp.Code(key));
        var signedIn = page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/moduler", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Keyboard.PressAsync("Enter");
        await signedIn;

        Assert.Equal("Moduler", (await page.Locator("h1").TextContentAsync())?.Trim());
        await page.Context.CloseAsync();
    }
}
