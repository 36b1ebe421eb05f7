using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Training.Web.Data;

namespace Training.Web.Tests.Browser;

/// <summary>
/// HR's overview, lists, record, export and report with real data (two units of Åklagarmyndigheten, completions over
/// the last year, some expired, some overdue): axe finds nothing, the charts have text alternatives, and the main
/// ways through work with the keyboard alone with a visible focus that nothing traps.
/// </summary>
[Collection(BrowserCollection.Name)]
public class HrOverviewFlowTests(BrowserSite browser)
{
    private const string HrEmail = "webbhr@aklagare.se";
    private const string Module = "vad-ar-manniskohandel";
    private const string SecondModule = "samverkan";

    /// <summary>The people and units the tests look for, prepared once per site.</summary>
    private sealed record Prepared(BrowserSite Site, string HrState, int Mitt, int Nord, User Compliant, User Expired, User Overdue, User Expiring, User WithAttempts);

    private static readonly SemaphoreSlim Preparing = new(1, 1);
    private static Prepared? prepared;

    private async Task<Prepared> PrepareAsync()
    {
        await Preparing.WaitAsync();
        try
        {
            if (prepared?.Site == browser)
            {
                return prepared;
            }
            var site = browser.Site;
            var hr = await site.CreateUserAsync(HrEmail, "aklagare", Roles.Hr);
            var compliant = await site.CreateUserAsync("klar.webbhr@aklagare.se", "aklagare");
            var expired = await site.CreateUserAsync("utgangen.webbhr@aklagare.se", "aklagare");
            var overdue = await site.CreateUserAsync("forsenad.webbhr@aklagare.se", "aklagare");
            var expiring = await site.CreateUserAsync("snart.webbhr@aklagare.se", "aklagare");
            var withAttempts = await site.CreateUserAsync("forsok.webbhr@aklagare.se", "aklagare");
            var now = DateTime.UtcNow;
            var (mitt, nord) = site.WithDb(db =>
            {
                var agency = db.Agencies.Include(a => a.Units).Single(a => a.Code == "aklagare");
                var mittId = agency.Units.Single(u => u.Name == "Åklagarområde Mitt").Id;
                var nordId = agency.Units.Single(u => u.Name == "Åklagarområde Nord").Id;
                var created = now.AddMonths(-14);
                db.Requirements.AddRange(
                    new Requirement { AgencyId = agency.Id, ModuleId = Module, DueWithinDays = 30, CreatedAt = created },
                    new Requirement { AgencyId = agency.Id, ModuleId = SecondModule, DueWithinDays = 60, CreatedAt = created });
                var unitOf = new Dictionary<string, int>
                {
                    [hr.Id] = mittId, [compliant.Id] = mittId, [expired.Id] = mittId, [withAttempts.Id] = mittId, [overdue.Id] = nordId, [expiring.Id] = nordId,
                };
                foreach (var user in db.Users.Where(u => unitOf.Keys.Contains(u.Id)))
                {
                    user.UnitId = unitOf[user.Id];
                }
                ModuleVersion Latest(string module) => db.ModuleVersions.Where(v => v.ModuleId == module).OrderByDescending(v => v.Id).First();
                var first = Latest(Module);
                var second = Latest(SecondModule);
                Completion Done(User who, ModuleVersion version, int monthsAgo, DateTime? expires, int? score = null, string? attempt = null) => new()
                {
                    UserId = who.Id, AgencyId = agency.Id, ModuleId = version.ModuleId, ModuleVersionId = version.Id, Version = version.Version,
                    ContentHash = version.ContentHash, CompletedAt = now.AddMonths(-monthsAgo), ExpiresAt = expires, ScorePercent = score,
                    Source = score is null ? CompletionSources.Confirmation : CompletionSources.Quiz, AttemptId = attempt,
                };
                QuizAttempt Attempt(int monthsAgo, int score) => new()
                {
                    Id = Guid.NewGuid().ToString("N"), UserId = withAttempts.Id, ModuleVersionId = first.Id, DrawnJson = "[]",
                    StartedAt = now.AddMonths(-monthsAgo).AddMinutes(-20), SubmittedAt = now.AddMonths(-monthsAgo),
                    ScorePercent = score, Passed = score >= 80,
                };
                var failed = Attempt(6, 40);
                var passed = Attempt(5, 90);
                db.QuizAttempts.AddRange(failed, passed);
                db.Completions.AddRange(
                    Done(compliant, first, 10, null), Done(compliant, second, 8, null),
                    Done(expired, first, 11, now.AddMonths(-2)), Done(expired, second, 9, null),
                    Done(expiring, first, 4, now.AddDays(20)), Done(expiring, second, 3, null),
                    Done(withAttempts, first, 5, null, 90, passed.Id), Done(withAttempts, second, 2, null));
                db.SaveChanges();
                return (mittId, nordId);
            });
            var hrState = await SignInStateAsync(HrEmail);
            prepared = new Prepared(browser, hrState, mitt, nord, compliant, expired, overdue, expiring, withAttempts);
            return prepared;
        }
        finally
        {
            Preparing.Release();
        }
    }

    private async Task<string> SignInStateAsync(string email)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/konto/logga-in");
        await page.GetByLabel("E-postadress").FillAsync(email);
        await page.GetByLabel("Lösenord").FillAsync(TrainingSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        var state = await context.StorageStateAsync();
        await context.CloseAsync();
        return state;
    }

    private async Task<IPage> NewHrPageAsync(bool javaScript = true)
    {
        var data = await PrepareAsync();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(), Locale = "sv-SE", StorageState = data.HrState, AcceptDownloads = true, JavaScriptEnabled = javaScript,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Opens /hr and waits until htmx has swapped the trend in.</summary>
    private static async Task OpenOverviewWithTrendAsync(IPage page, string url = "/hr")
    {
        await page.GotoAsync(url);
        await page.Locator("#trend table").WaitForAsync();
    }

    [Fact]
    public async Task TheOverview_WithTheTrendSwappedIn_HasBarsAndPoints_AndNoWcagViolations()
    {
        var page = await NewHrPageAsync();

        await OpenOverviewWithTrendAsync(page);

        Assert.Equal(2, await page.Locator("svg.bar-chart rect.chart-bar").CountAsync());
        Assert.True(await page.Locator("svg.line-chart circle.chart-point").CountAsync() >= 12, "Utvecklingen borde ha en punkt för varje månad.");
        Assert.Equal("6", (await page.Locator(".key-figures .figure").First.TextContentAsync())?.Trim()); // HR is in scope too
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WithoutJavaScript_TheTrendComesByAPlainLink_AndThePageHasNoWcagViolations()
    {
        var page = await NewHrPageAsync(javaScript: false);
        await page.GotoAsync("/hr");
        Assert.Equal(0, await page.Locator("#trend table").CountAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Visa utvecklingen" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("utveckling=ja", StringComparison.Ordinal));
        Assert.Equal(12, await page.Locator("#trend table tbody tr").CountAsync());
        Assert.True(await page.Locator("svg.line-chart circle.chart-point").CountAsync() >= 12);
        var url = page.Url;
        await page.Context.CloseAsync();

        // axe runs as a script, so the same address is checked in a page with JavaScript
        var checkedPage = await NewHrPageAsync();
        await checkedPage.GotoAsync(url);
        await Accessibility.AssertNoViolationsAsync(checkedPage);
        await checkedPage.Context.CloseAsync();
    }

    [Fact]
    public async Task TheOverviewOfOneUnit_HasNoWcagViolations()
    {
        var data = await PrepareAsync();
        var page = await NewHrPageAsync();

        await OpenOverviewWithTrendAsync(page, $"/hr?enhet={data.Nord}");

        var units = page.Locator("#per-enhet + .chart-and-table tbody th");
        Assert.Equal(["Åklagarområde Nord"], (await units.AllTextContentsAsync()).Select(t => t.Trim()));
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheOverdueList_ShowsWhoIsOverdue_AndHasNoWcagViolations()
    {
        var data = await PrepareAsync();
        var page = await NewHrPageAsync();

        await page.GotoAsync("/hr/medarbetare?status=overdue");

        var list = await page.Locator("main table").TextContentAsync();
        Assert.Contains(data.Overdue.Name, list, StringComparison.Ordinal);
        Assert.DoesNotContain(data.Compliant.Name, list, StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ARecordWithCompletionsAndAttempts_HasNoWcagViolations()
    {
        var data = await PrepareAsync();
        var page = await NewHrPageAsync();

        await page.GotoAsync("/hr/medarbetare/" + data.WithAttempts.Id);

        Assert.Equal(2, await page.Locator("table.completions tbody tr").CountAsync());
        var main = await page.Locator("main").TextContentAsync();
        Assert.Contains("40", main, StringComparison.Ordinal);
        Assert.Contains("90", main, StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheExportPage_HasNoWcagViolations()
    {
        var page = await NewHrPageAsync();

        await page.GotoAsync("/hr/export");

        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheReportForAChosenPeriod_HasNoWcagViolations()
    {
        var page = await NewHrPageAsync();
        var today = DateTime.UtcNow;

        await page.GotoAsync($"/hr/redovisning?fran={today.AddMonths(-6):yyyy-MM-dd}&till={today:yyyy-MM-dd}");

        var total = page.Locator("main table tbody tr.total");
        Assert.Equal("6", (await total.Locator("td").First.TextContentAsync())?.Trim());
        Assert.Contains("Åklagarområde Nord", await page.Locator("main table").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EveryChart_HasATextAlternative_WithItsNumbers()
    {
        var page = await NewHrPageAsync();
        await OpenOverviewWithTrendAsync(page);

        var charts = page.Locator("svg");
        Assert.True(await charts.CountAsync() >= 2);
        foreach (var chart in await charts.AllAsync())
        {
            if (await chart.GetAttributeAsync("aria-hidden") == "true")
            {
                continue;
            }
            Assert.Equal("img", await chart.GetAttributeAsync("role"));
            await Assertions.Expect(chart).ToHaveAccessibleNameAsync(new Regex(@"\S"));
        }
        // the names are the charts' own, and their descriptions carry the numbers the bars and the line show
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Andel som uppfyller kraven per enhet" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("svg.bar-chart")).ToHaveAccessibleDescriptionAsync(new Regex("Åklagarområde Mitt: \\d+ av 4.*Åklagarområde Nord: \\d+ av 2"));
        await Assertions.Expect(page.Locator("svg.line-chart")).ToHaveAccessibleDescriptionAsync(new Regex(@"^(\d{4}-\d{2}: (\d+ %|–); ){11,}\d{4}-\d{2}: \d+ %$"));
        await page.Context.CloseAsync();
    }

    /// <summary>The focused element shows the site's focus ring.</summary>
    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var (visible, what) = (await page.EvaluateAsync<bool>("""
            (() => { const e = document.activeElement; if (!e || e === document.body) return false;
                     const s = getComputedStyle(e); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; })()
            """), await page.EvaluateAsync<string>("document.activeElement ? document.activeElement.outerHTML.slice(0, 160) : 'inget'"));
        Assert.True(visible, $"Fokus syns inte på {what} ({page.Url}).");
    }

    /// <summary>Tabs through the whole page: focus must come back round to where it began, so nothing traps it.</summary>
    private static async Task AssertNothingTrapsFocusAsync(IPage page, int maxPresses = 200)
    {
        var start = await page.EvaluateAsync<string>("document.activeElement ? document.activeElement.outerHTML : ''");
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("document.activeElement ? document.activeElement.outerHTML : ''") == start && i > 0)
            {
                return;
            }
        }
        Assert.Fail($"Fokus kom inte tillbaka till början efter {maxPresses} tabbar på {page.Url}: något fångar fokus.");
    }

    [Fact]
    public async Task FromTheOverview_AUnitsOverdueNumberLeadsToItsPeople_AndToARecord_WithTheKeyboardAlone()
    {
        var data = await PrepareAsync();
        var page = await NewHrPageAsync();
        await OpenOverviewWithTrendAsync(page);

        await Keyboard.TabUntilAsync(page, "e => e.id === 'enhet'");
        await AssertFocusVisibleAsync(page);
        var nord = data.Nord.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 12 && await page.EvalOnSelectorAsync<string>("#enhet", "e => e.value") != nord; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
        Assert.Equal(nord, await page.EvalOnSelectorAsync<string>("#enhet", "e => e.value"));
        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Visa'");
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains($"enhet={nord}", StringComparison.Ordinal));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#per-enhet + .chart-and-table tbody tr').length === 1");

        var overdueOfNord = $"/hr/medarbetare?enhet={nord}&status=overdue";
        await Keyboard.TabUntilAsync(page, $"e => e.tagName === 'A' && e.getAttribute('href') === '{overdueOfNord}' && !!e.closest('.chart-and-table')");
        await AssertFocusVisibleAsync(page);
        Assert.Equal("1", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
        var arrived = page.WaitForURLAsync(url => url.EndsWith(overdueOfNord, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Keyboard.PressAsync("Enter");
        await arrived;

        var people = (await page.Locator("main table tbody a").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal([data.Overdue.Name], people);
        await Keyboard.TabUntilAsync(page, $"e => e.getAttribute('href') === '/hr/medarbetare/{data.Overdue.Id}'");
        await AssertFocusVisibleAsync(page);
        await Keyboard.FollowFocusedLinkAsync(page, "/hr/medarbetare/" + data.Overdue.Id);

        Assert.Equal(data.Overdue.Name, (await page.Locator("h1").TextContentAsync())?.Trim());
        await AssertNothingTrapsFocusAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task NothingOnTheOverviewTrapsFocus()
    {
        var page = await NewHrPageAsync();
        await OpenOverviewWithTrendAsync(page);

        await Keyboard.TabUntilAsync(page, "e => e.id === 'enhet'");
        await AssertNothingTrapsFocusAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnTheExportPage_AFormatIsChosen_AndTheDownloadStarts_WithTheKeyboardAlone()
    {
        var page = await NewHrPageAsync();
        await page.GotoAsync("/hr/export");

        await Keyboard.TabUntilAsync(page, "e => e.name === 'format'");
        await AssertFocusVisibleAsync(page);
        Assert.Equal("format-csv", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Locator("#format-xlsx").IsCheckedAsync());
        await Keyboard.TabUntilAsync(page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Exportera'");
        await AssertFocusVisibleAsync(page);

        var download = page.WaitForDownloadAsync();
        await page.Keyboard.PressAsync("Enter");
        var file = await download;

        Assert.EndsWith(".xlsx", file.SuggestedFilename, StringComparison.Ordinal);
        await using var content = await file.CreateReadStreamAsync();
        var start = new byte[2];
        await content.ReadExactlyAsync(start);
        Assert.Equal("PK"u8.ToArray(), start);
        await AssertNothingTrapsFocusAsync(page);
        await page.Context.CloseAsync();
    }
}
