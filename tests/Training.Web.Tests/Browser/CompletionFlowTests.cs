using System.Text;
using Microsoft.Playwright;

namespace Training.Web.Tests.Browser;

/// <summary>HR records a completion on the employee page and imports a completions file, in Chromium, with axe at each step.</summary>
[Collection(BrowserCollection.Name)]
public class CompletionFlowTests(BrowserSite browser)
{
    [Fact]
    public async Task RecordingACompletion_WorksWithTheKeyboard_AndThePageHasNoWcagViolations_WithErrorsOrWithTheHistory()
    {
        var person = await browser.Site.CreateUserAsync("webb.manuell@polisen.se");
        var page = await browser.NewPageAsync(BrowserSite.HrEmail);
        await page.GotoAsync("/hr/medarbetare/" + person.Id);

        // sent empty first: every field says what is missing
        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Registrera'");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".field-validation-error").First.WaitForAsync();
        Assert.Equal(3, await page.Locator(".field-validation-error").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        await Keyboard.TabUntilAsync(page, "e => e.id === 'Input_ModuleId'");
        await page.Locator("#Input_ModuleId").SelectOptionAsync("samverkan");
        await page.Locator("#Input_CompletedOn").FillAsync("2025-10-01");
        await Keyboard.TabUntilAsync(page, "e => e.id === 'Input_Note'");
        await page.Keyboard.TypeAsync("Klassrumskurs 1 oktober, Polishögskolan");
        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Registrera'");
        await page.Keyboard.PressAsync("Enter");

        await page.Locator(".notice", new() { HasText = "Den genomförda utbildningen är registrerad." }).WaitForAsync();
        Assert.Contains("Klassrumskurs 1 oktober, Polishögskolan", await page.Locator("table.completions").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);

        // the correction form, reached from the table with the keyboard
        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'A' && e.textContent.trim().startsWith('Rätta')");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("h2#registrera", new() { HasText = "Rätta registrering" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheImportPreviewAndResult_HaveNoWcagViolations()
    {
        await browser.Site.CreateUserAsync("webb.import.ett@polisen.se");
        var page = await browser.NewPageAsync(BrowserSite.HrEmail);
        await page.GotoAsync("/hr/genomforanden/import");
        await page.GetByLabel("Fil med genomförda utbildningar (CSV, högst 10 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = "tidigare.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("email;module_id;completed_at\nwebb.import.ett@polisen.se;samverkan;2025-10-01\nokand@polisen.se;samverkan;2025-10-01\n"),
        });

        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Förhandsgranska'");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#importstatus h2", new() { HasText = "Förhandsgranskning" }).WaitForAsync();
        Assert.Contains("ingen medarbetare hos myndigheten har e-postadressen", await page.Locator("#importstatus table").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);

        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Importera'");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#importstatus h2", new() { HasText = "Importen är klar" }).WaitForAsync();
        Assert.Equal("1", (await page.Locator("dt:text-is('Tillagda genomföranden') + dd").TextContentAsync())?.Trim());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
