using Microsoft.Playwright;
using Training.Web.Audit;

namespace Training.Web.Tests.Browser;

/// <summary>
/// The wide tables (HR's employees, the audit log) on a desktop at 1280 px and on a 390 px phone: the whole width on
/// the desktop, the log readable without scrolling sideways, and on the phone a table that scrolls in a region the
/// keyboard can reach instead of columns cut off. The breadcrumb keeps a module's title beside "Moduler".
/// </summary>
[Collection(BrowserCollection.Name)]
public class WideTableTests(BrowserSite browser)
{
    private const int Desktop = 1280;
    private const int Phone = 390;

    /// <summary>An entry of polisen with a long address and long details (one word longer than a phone is wide), once.</summary>
    private void SeedALongEntry()
    {
        browser.Site.WithDb(db =>
        {
            if (db.AuditEntries.Any(e => e.SubjectId == "bred-tabell"))
            {
                return 0;
            }
            var polisenId = db.Agencies.Single(a => a.Code == "polisen").Id;
            db.AuditEntries.Add(new AuditEntry
            {
                At = DateTime.UtcNow, Action = AuditActions.RoleAdded, AgencyId = polisenId, SubjectId = "bred-tabell",
                ActorLabel = "en.mycket.lang.adress.for.en.handlaggare.pa.myndigheten@polisen.se",
                SubjectLabel = "ytterligare.en.mycket.lang.adress.till.den.som.andrades@polisen.se",
                Details = string.Join(' ', Enumerable.Repeat("Rollerna utbildare och HR lades till efter en begäran från enhetschefen.", 8))
                    + " https://training.example/hr/medarbetare/0123456789abcdef0123456789abcdef?sok=en-mycket-lang-sokfras-utan-mellanslag",
            });
            return db.SaveChanges();
        });
    }

    private async Task<IPage> OpenAsync(string url, string signedInAs, int width)
    {
        var page = await browser.NewPageAsync(signedInAs);
        await page.SetViewportSizeAsync(width, width == Phone ? 844 : 900);
        await page.GotoAsync(url);
        return page;
    }

    private static Task<bool> PageOverflowsAsync(IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");

    /// <summary>The elements that reach past the window's right edge (outside scroll regions), for a failure message.</summary>
    private static async Task<string> OverflowingAsync(IPage page) => string.Join(", ", await page.EvaluateAsync<string[]>("""
        [...document.body.querySelectorAll('*')]
            .filter(e => !e.closest('[role=region]') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right))
        """));

    [Theory]
    [InlineData("/hr/medarbetare", BrowserSite.HrEmail)]
    [InlineData("/admin/logg", BrowserSite.HrEmail)]
    [InlineData("/admin/logg", BrowserSite.AdminEmail)]
    [InlineData("/admin/anvandare", BrowserSite.AdminEmail)]
    public async Task OnADesktop_TheTableUsesTheWholeWidth_AndNothingScrollsSideways(string url, string signedInAs)
    {
        SeedALongEntry();
        var page = await OpenAsync(url, signedInAs, Desktop);

        var tableWidth = await page.Locator("table").First.EvaluateAsync<double>("t => t.getBoundingClientRect().width");
        Assert.True(tableWidth > 1150, $"Tabellen på {url} är {tableWidth} px bred i ett fönster på {Desktop} px.");
        Assert.False(await PageOverflowsAsync(page), $"Sidan {url} går att rulla i sidled vid {Desktop} px: {await OverflowingAsync(page)}");
        var region = page.Locator("[role=region]:has(table)");
        Assert.True(await region.EvaluateAsync<bool>("r => r.scrollWidth <= r.clientWidth"), $"Tabellen på {url} måste rullas i sidled vid {Desktop} px.");
        Assert.False(await page.Locator(".scroll-hint").IsVisibleAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnADesktop_TheLogsLongDetails_WrapInsideTheirColumn()
    {
        SeedALongEntry();
        var page = await OpenAsync("/admin/logg?person=mycket.lang", BrowserSite.AdminEmail, Desktop);

        var details = page.Locator("table.audit-log tbody tr").First.Locator("td").Last;
        var (width, height) = (await details.EvaluateAsync<double>("d => d.getBoundingClientRect().width"), await details.EvaluateAsync<double>("d => d.getBoundingClientRect().height"));

        Assert.True(width >= 350, $"Detaljerna får bara {width} px.");
        Assert.True(height > 60, "De långa detaljerna borde ha brutits på flera rader.");
        Assert.False(await PageOverflowsAsync(page));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/hr/medarbetare", BrowserSite.HrEmail)]
    [InlineData("/admin/logg", BrowserSite.HrEmail)]
    [InlineData("/admin/anvandare", BrowserSite.AdminEmail)]
    public async Task OnAPhone_TheTableScrollsInARegionTheKeyboardReaches_AndThePageItselfDoesNot(string url, string signedInAs)
    {
        SeedALongEntry();
        var page = await OpenAsync(url, signedInAs, Phone);

        Assert.False(await PageOverflowsAsync(page), $"Sidan {url} går att rulla i sidled vid {Phone} px: {await OverflowingAsync(page)}");
        var region = page.Locator("[role=region]:has(table)");
        Assert.Equal("0", await region.GetAttributeAsync("tabindex"));
        Assert.False(string.IsNullOrWhiteSpace(await region.GetAttributeAsync("aria-label")));
        Assert.True(await region.EvaluateAsync<bool>("r => r.scrollWidth > r.clientWidth"), "Tabellen borde vara bredare än sin ruta på en telefon.");
        Assert.True(await page.Locator(".scroll-hint").IsVisibleAsync(), "Ingen synlig ledtråd om att tabellen kan rullas.");

        await Keyboard.TabUntilAsync(page, "e => e.getAttribute('role') === 'region' && !!e.querySelector('table')");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("() => document.activeElement.scrollLeft > 0");

        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(Desktop)]
    [InlineData(Phone)]
    public async Task TheBreadcrumb_KeepsALongModuleTitleOnTheLineOfModuler(int width)
    {
        // the longest title in the catalogue: at 1280 px the reading column is narrower than "Moduler › " and it together
        var page = await OpenAsync("/moduler/offrets-rattigheter", BrowserSite.LearnerEmail, width);

        var tops = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('.breadcrumbs li')].map(li => li.getClientRects()[0].top)");

        Assert.Equal(2, tops.Length);
        Assert.True(Math.Abs(tops[0] - tops[1]) < 1, $"Vid {width} px börjar modulens titel på en egen rad under Moduler ({tops[0]} och {tops[1]}).");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
