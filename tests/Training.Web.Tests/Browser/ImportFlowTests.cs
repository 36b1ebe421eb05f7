using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Training.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public partial class ImportFlowTests(BrowserSite browser)
{
    private const string File = """
        employee_number;name;email;unit;job_role;start_date
        W001;Wilma Webbimport;wilma.webbimport@polisen.se;Region Syd;utredare;2024-01-15
        W002;Walter Webbimport;walter.webbimport@polisen.se;;Utredare;2024-02-01
        W003;Fel Datum;fel.datum.webbimport@polisen.se;;utredare;15/01/2024
        """;

    [Fact]
    public async Task TheUploadPage_HasNoWcagViolations()
    {
        var page = await browser.NewPageAsync(BrowserSite.HrEmail);

        await page.GotoAsync("/hr/medarbetare/import");

        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UploadPreviewAndConfirm_WorkWithTheKeyboardAlone_AndEachStepHasNoWcagViolations()
    {
        var page = await browser.NewPageAsync(BrowserSite.HrEmail);
        await page.GotoAsync("/hr/medarbetare/import");
        await page.GetByLabel("Fil med medarbetare (CSV, högst 10 MB)").SetInputFilesAsync(
            new FilePayload { Name = "personal.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(File) });

        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Förhandsgranska'");
        var previewed = page.WaitForURLAsync(PreviewUrl(), new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Keyboard.PressAsync("Enter");
        await previewed;

        Assert.Contains("Förhandsgranskning", await page.Locator("#importstatus h2").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("startdatumet ”15/01/2024”", await page.Locator("#importstatus table").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);

        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Importera'");
        var confirmed = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Url.Contains("handler=Confirm", StringComparison.Ordinal));
        Assert.Equal(302, confirmed.Status);

        // htmx polls the status every second and swaps in the result when the import is done
        await page.Locator("#importstatus h2", new() { HasText = "Importen är klar" }).WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("2", (await page.Locator("dt:text-is('Nya medarbetare') + dd").TextContentAsync())?.Trim());
        Assert.Equal("1", (await page.Locator("dt:text-is('Avvisade rader') + dd").TextContentAsync())?.Trim());
        await Accessibility.AssertNoViolationsAsync(page);
        Assert.Equal(2, browser.Site.WithDb(db => db.Users.Count(u => u.Email!.EndsWith(".webbimport@polisen.se"))));
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("/hr/medarbetare/import/[0-9a-f]{32}$")]
    private static partial Regex PreviewUrl();
}
