using Microsoft.Playwright;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Browser;

/// <summary>The administration pages and the audit log: axe finds nothing, and the main flows work with the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public class AdminFlowTests(BrowserSite browser)
{
    [Theory]
    [InlineData("/admin", BrowserSite.AdminEmail)]
    [InlineData("/admin/myndigheter", BrowserSite.AdminEmail)]
    [InlineData("/admin/myndigheter/polisen", BrowserSite.AdminEmail)]
    [InlineData("/admin/anvandare", BrowserSite.AdminEmail)]
    [InlineData("/admin/logg", BrowserSite.AdminEmail)]
    [InlineData("/admin/logg", BrowserSite.HrEmail)]
    [InlineData("/admin/logg?fran=fel", BrowserSite.AdminEmail)]
    public async Task Page_HasNoWcagViolations(string url, string signedInAs)
    {
        var page = await browser.NewPageAsync(signedInAs);

        await page.GotoAsync(url);

        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheUserPage_HasNoWcagViolations()
    {
        var person = await browser.Site.CreateUserAsync("axe.anvandare@polisen.se", "polisen", Roles.Trainer);
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);

        await page.GotoAsync("/admin/anvandare/" + person.Id);

        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAgencyFormWithAnError_HasNoWcagViolations()
    {
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);
        await page.GotoAsync("/admin/myndigheter/aklagare");

        await page.GetByLabel("Ny domän").FillAsync("polisen.se");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till domänen" }).ClickAsync();

        await page.Locator("#doman-fel").WaitForAsync();
        Assert.Contains("hör redan till Polismyndigheten", await page.Locator("#doman-fel").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EditingAUsersRoles_WorksWithTheKeyboardAlone()
    {
        var person = await browser.Site.CreateUserAsync("tangent.roller@polisen.se");
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);
        await page.GotoAsync("/admin/anvandare/" + person.Id);

        await Keyboard.TabUntilAsync(page, "e => e.id === 'roll-trainer'");
        await page.Keyboard.PressAsync("Space");
        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Spara roller'");
        await page.Keyboard.PressAsync("Enter");

        await page.Locator(".notice", new() { HasText = "Rollerna är sparade." }).WaitForAsync();
        Assert.True(await page.Locator("#roll-trainer").IsCheckedAsync());
        Assert.True(browser.Site.WithDb(db => db.UserRoles.Any(ur => ur.UserId == person.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Trainer))));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AddingADomain_WorksWithTheKeyboardAlone()
    {
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);
        await page.GotoAsync("/admin/myndigheter/migrationsverket");

        await Keyboard.TabUntilAsync(page, "e => e.id === 'ny-doman'");
        await page.Keyboard.TypeAsync("tangent-doman.example");
        await page.Keyboard.PressAsync("Enter");

        await page.Locator(".notice", new() { HasText = "Domänen tangent-doman.example är tillagd." }).WaitForAsync();
        Assert.Contains("tangent-doman.example", await page.Locator(".item-list").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FilteringTheLog_WorksWithTheKeyboardAlone()
    {
        browser.Site.WithDb(db =>
        {
            var polisen = db.Agencies.Single(a => a.Code == "polisen").Id;
            db.AuditEntries.AddRange(
                new AuditEntry { At = DateTime.UtcNow, Action = AuditActions.Exported, ActorLabel = "tangentlogg@polisen.se", AgencyId = polisen, Details = "tangentlogg export" },
                new AuditEntry { At = DateTime.UtcNow, Action = AuditActions.Published, ActorLabel = "tangentlogg@polisen.se", AgencyId = polisen, Details = "tangentlogg publicering" });
            return db.SaveChanges();
        });
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);
        await page.GotoAsync("/admin/logg");

        await Keyboard.TabUntilAsync(page, "e => e.id === 'person'");
        await page.Keyboard.TypeAsync("tangentlogg");
        await Keyboard.TabUntilAsync(page, "e => e.id === 'handelse'");
        await page.Keyboard.TypeAsync("Export"); // a closed select picks the option whose text begins so
        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Filtrera'");
        var filtered = page.WaitForURLAsync(url => url.Contains("handelse=exported", StringComparison.Ordinal),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Keyboard.PressAsync("Enter");
        await filtered;

        var table = await page.Locator("table").TextContentAsync();
        Assert.Contains("tangentlogg export", table, StringComparison.Ordinal);
        Assert.DoesNotContain("tangentlogg publicering", table, StringComparison.Ordinal);
        Assert.Equal("1 händelse", (await page.Locator("main p[role=status]").TextContentAsync())?.Trim());
        await page.Context.CloseAsync();
    }
}
