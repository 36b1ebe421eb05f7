using Microsoft.Playwright;

namespace Training.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class ReadingFlowTests(BrowserSite browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/moduler")]
    [InlineData("/moduler/vad-ar-manniskohandel")]
    [InlineData("/moduler/vad-ar-manniskohandel/1")]
    [InlineData("/moduler/vad-ar-manniskohandel/2")]
    [InlineData("/moduler/finns-inte")]
    public async Task Page_HasNoWcagViolations(string url)
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(url);

        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EverySectionOfEveryModule_HasNoWcagViolations()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/moduler");
        var modules = await page.Locator(".module-card h3 a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.True(modules.Length >= 9);

        foreach (var module in modules)
        {
            for (var n = 1; ; n++)
            {
                var response = await page.GotoAsync($"{module}/{n}");
                if (response!.Status == 404)
                {
                    break;
                }
                await Accessibility.AssertNoViolationsAsync(page);
            }
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Learner_CanReadEverySection_WithTheKeyboardAlone()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/moduler");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Hoppa till innehållet", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await Keyboard.TabUntilAsync(page, "e => e.getAttribute('href') === '/moduler/vad-ar-manniskohandel'");
        await Keyboard.FollowFocusedLinkAsync(page, "/moduler/vad-ar-manniskohandel");
        await Keyboard.TabUntilAsync(page, "e => e.getAttribute('href') === '/moduler/vad-ar-manniskohandel/1'");
        await Keyboard.FollowFocusedLinkAsync(page, "/moduler/vad-ar-manniskohandel/1");

        var total = int.Parse((await page.Locator("progress").GetAttributeAsync("max"))!, System.Globalization.CultureInfo.InvariantCulture);
        for (var n = 1; n < total; n++)
        {
            Assert.Equal($"Avsnitt {n} av {total}", (await page.Locator(".progress-label").TextContentAsync())?.Trim());
            await Keyboard.TabUntilAsync(page, "e => e.getAttribute('rel') === 'next'");
            await Keyboard.FollowFocusedLinkAsync(page, $"/moduler/vad-ar-manniskohandel/{n + 1}");
        }

        Assert.Equal($"Avsnitt {total} av {total}", (await page.Locator(".progress-label").TextContentAsync())?.Trim());
        await Keyboard.TabUntilAsync(page, "e => e.classList.contains('pager-next')");
        await Keyboard.FollowFocusedLinkAsync(page, "/moduler/vad-ar-manniskohandel/prov");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_RunWithoutCspViolationsOrScriptErrors()
    {
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync("/moduler/vad-ar-manniskohandel/1");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(await page.EvaluateAsync<bool>("typeof htmx !== 'undefined'"));
        Assert.Empty(problems);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ModuleImage_LoadsInTheBrowser()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/moduler/vad-ar-manniskohandel/2");
        var image = page.Locator(".prose img").First;

        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AxeSweep_CanFail_WhenAPageHasAViolation()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/moduler");

        await page.EvaluateAsync("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/favicon.svg\">')");

        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Accessibility.AssertNoViolationsAsync(page));
        await page.Context.CloseAsync();
    }
}
