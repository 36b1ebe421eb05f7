using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Training.Web.Data;

namespace Training.Web.Tests.Browser;

/// <summary>
/// Mandatory training in the browser: an admin sets a requirement with the keyboard alone, and the requirement pages,
/// the learner's start page and Mina sidor with their mandatory modules have no WCAG violations.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RequirementFlowTests(BrowserSite browser)
{
    [Fact]
    public async Task ARequirementIsSetWithTheKeyboardAlone_AndItsPagesAndTheLearnersPagesHaveNoWcagViolations()
    {
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);
        await page.GotoAsync("/admin/krav/ny?myndighet=polisen");
        await Accessibility.AssertNoViolationsAsync(page);

        await Keyboard.TabUntilAsync(page, "e => e.id === 'Target'");
        for (var i = 0; i < 30 && await page.EvalOnSelectorAsync<string>("#Target", "e => e.value") != "modul:samverkan"; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
        Assert.Equal("modul:samverkan", await page.EvalOnSelectorAsync<string>("#Target", "e => e.value"));
        var borderPolice = browser.Site.WithDb(db => db.JobRoles.Single(j => j.Code == "granspolis" && j.Agency.Code == "polisen").Id);
        await Keyboard.TabUntilAsync(page, $"e => e.id === 'befattning-{borderPolice}'");
        await page.Keyboard.PressAsync("Space");
        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Spara kravet'");
        await page.Keyboard.PressAsync("Enter");

        await page.Locator(".notice", new() { HasText = "Kravet är sparat." }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        var requirement = browser.Site.WithDb(db => db.Requirements.Include(r => r.JobRoles).Single(r => r.ModuleId == "samverkan" && r.RemovedAt == null));
        Assert.Equal([borderPolice], requirement.JobRoles.Select(j => j.JobRoleId));
        try
        {
            await page.GotoAsync($"/admin/krav/{requirement.Id}");
            await Accessibility.AssertNoViolationsAsync(page);

            // A mistake, shown at its field and in the summary.
            await page.GetByLabel("Antal dagar", new() { Exact = true }).FillAsync("många");
            await page.GetByRole(AriaRole.Button, new() { Name = "Spara ändringen" }).ClickAsync();
            await page.Locator("#DueWithinDays-fel").WaitForAsync();
            await Accessibility.AssertNoViolationsAsync(page);
            await page.Context.CloseAsync();

            var user = await browser.Site.CreateUserAsync("webbgranspolis@polisen.se");
            browser.Site.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdate(u => u.SetProperty(x => x.JobRoleId, borderPolice)));
            var learner = await browser.NewPageAsync(null);
            await learner.GotoAsync("/konto/logga-in");
            await learner.GetByLabel("E-postadress").FillAsync("webbgranspolis@polisen.se");
            await learner.GetByLabel("Lösenord").FillAsync(TrainingSite.Password);
            await learner.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
            await learner.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

            var mandatory = learner.Locator(".required-module", new() { HasText = "Samverkan" });
            await mandatory.WaitForAsync();
            Assert.Contains("Ej påbörjad", await mandatory.TextContentAsync(), StringComparison.Ordinal);
            await Accessibility.AssertNoViolationsAsync(learner);
            // The one button takes the learner to the module, with the keyboard.
            await Keyboard.TabUntilAsync(learner, "e => e.classList.contains('button') && e.closest('.required-module') && e.textContent.includes('Samverkan')");
            await Keyboard.FollowFocusedLinkAsync(learner, "/moduler/samverkan");

            await learner.GotoAsync("/mina-sidor");
            await learner.Locator(".required-module", new() { HasText = "Samverkan" }).WaitForAsync();
            await Accessibility.AssertNoViolationsAsync(learner);
            await learner.Context.CloseAsync();
        }
        finally
        {
            browser.Site.WithDb(db => db.Requirements.Where(r => r.Id == requirement.Id).ExecuteUpdate(r => r.SetProperty(x => x.RemovedAt, DateTime.UtcNow)));
        }
    }
}
