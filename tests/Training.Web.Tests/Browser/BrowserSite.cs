using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Training.Web.Tests.Browser;

/// <summary>
/// The site on real Kestrel and one Debian Chromium, shared by a collection's browser tests; each test opens
/// its own context. Chromium runs without the network services it would otherwise try to reach.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public TrainingSite Site { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site.UseKestrel(0);
        Site.StartServer();
        var server = Site.Services.GetRequiredService<IServer>();
        BaseAddress = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Site.ClientOptions.BaseAddress = BaseAddress;
        await Site.StartAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        await Site.CreateUserAsync(LearnerEmail);
        await Site.CreateUserAsync(HrEmail, "polisen", Data.Roles.Hr);
        await Site.CreateUserAsync(AdminEmail, "polisen", Data.Roles.Admin);
        learnerState = await SignInStateAsync(LearnerEmail);
        hrState = await SignInStateAsync(HrEmail);
        adminState = await SignInStateAsync(AdminEmail);
    }

    public const string LearnerEmail = "webblasare@polisen.se";
    public const string HrEmail = "webbhr@polisen.se";
    public const string AdminEmail = "webbadmin@polisen.se";

    private string learnerState = "";
    private string hrState = "";
    private string adminState = "";

    /// <summary>A new page in its own context: signed in as a learner (default), as HR, as an admin, or not at all.</summary>
    public async Task<IPage> NewPageAsync(string? signedInAs = LearnerEmail)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "sv-SE",
            StorageState = signedInAs switch { LearnerEmail => learnerState, HrEmail => hrState, AdminEmail => adminState, _ => null },
        });
        return await context.NewPageAsync();
    }

    /// <summary>A new learner of polisen, signed in through the real form in a page of its own.</summary>
    public async Task<IPage> NewLearnerPageAsync(string name)
    {
        await Site.CreateUserAsync($"{name}@polisen.se");
        var page = await NewPageAsync(null);
        await SignInAsync(page, $"{name}@polisen.se");
        return page;
    }

    /// <summary>
    /// Signs in through the form and waits for the start page's DOM (not its load event: that also waits for every
    /// script and style, which is not what signing in proves). When it does not arrive, the failure says where the
    /// browser stood, what the page said, and what the site logged.
    /// </summary>
    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/konto/logga-in");
        await page.GetByLabel("E-postadress").FillAsync(email);
        await page.GetByLabel("Lösenord").FillAsync(TrainingSite.Password);
        var arrived = page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/",
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        try
        {
            await arrived;
        }
        catch (TimeoutException)
        {
            var text = await page.EvaluateAsync<string>("document.body ? document.body.innerText : ''");
            Assert.Fail($"Inloggningen för {email} nådde inte startsidan inom 60 s. Sidan: {page.Url}; texten: "
                + $"{text[..Math.Min(400, text.Length)]}; webbplatsens fel: {string.Join(" | ", Site.Errors.Take(5))}");
        }
    }

    /// <summary>Signs in once through the real form and keeps the cookies, so each test starts signed in without hashing again.</summary>
    private async Task<string> SignInStateAsync(string email)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, email);
        var state = await context.StorageStateAsync();
        await context.CloseAsync();
        return state;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Site.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "browser";
}

public static class Accessibility
{
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Runs axe on the page and fails with every violation listed, by rule and element.</summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(WcagAA);
        var found = result.Violations
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {n.Target} – {v.Help}"))
            .ToList();
        Assert.True(found.Count == 0, $"axe hittade brister på {page.Url}:\n{string.Join('\n', found)}");
    }
}

public static class Keyboard
{
    /// <summary>Presses Tab until the focused element matches <paramref name="isTarget"/> (a JS predicate on the element).</summary>
    public static async Task TabUntilAsync(IPage page, string isTarget, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"(() => {{ const e = document.activeElement; return !!e && ({isTarget})(e); }})()"))
            {
                return;
            }
        }
        Assert.Fail($"Hittade inget fokuserbart element som uppfyller {isTarget} efter {maxPresses} tabbar på {page.Url}.");
    }

    /// <summary>Presses Enter on the focused link, which must lead to <paramref name="path"/>, and waits for that page.</summary>
    public static async Task FollowFocusedLinkAsync(IPage page, string path)
    {
        var href = await page.EvaluateAsync<string?>("document.activeElement && document.activeElement.getAttribute('href')");
        Assert.True(href == path, $"Fokus står på '{href}', väntade länken till {path} (sidan {page.Url}).");
        // Start waiting before pressing: a fast navigation can commit before a wait set up afterwards begins.
        var arrived = page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path,
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 30_000 });
        await page.Keyboard.PressAsync("Enter");
        try
        {
            await arrived;
        }
        catch (TimeoutException)
        {
            var focused = await page.EvaluateAsync<string>("document.activeElement ? document.activeElement.outerHTML : 'inget'");
            Assert.Fail($"Enter på länken till {path} ledde inte dit inom 30 s. Sidan: {page.Url}; fokus: {focused[..Math.Min(200, focused.Length)]}");
        }
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
