using Microsoft.Playwright;

namespace Training.Web.Tests.Browser;

/// <summary>
/// Issue 16: the editor, versions, diff, GIFT preview and statistics pass axe with real data on them, and a trainer can
/// write, save and publish with the keyboard alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AuthoringFlowTests(BrowserSite browser)
{
    private const string ModuleId = "webbredigerad";

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool prepared;

    private static string Text(string body) => $$"""
        ---
        id: {{ModuleId}}
        title: Webbredigerad modul
        version: "1.0"
        summary: Skriven i webbläsaren.
        quiz:
          pass_mark: 50
        ---
        Inledning.

        ## Första avsnittet

        {{body}}

        ## Andra avsnittet

        Text två.

        ```gift
        // [id:w1]
        ::w1::Är detta sant? {T}

        // [id:w2]
        ::w2::Vilken färg har himlen? {=Blå ~Röd ~Grön}
        ```

        """;

    /// <summary>
    /// Once per site: a trainer (an admin) writes the module and publishes 1.0 and 1.1 through the editor's forms, and two
    /// learners take its quiz, so the pages under test show versions, a diff and statistics.
    /// </summary>
    private async Task PrepareAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (prepared)
            {
                return;
            }
            var page = await browser.NewPageAsync(BrowserSite.AdminEmail);
            await page.GotoAsync("/redigera");
            await page.Locator("#Input_Id").FillAsync(ModuleId);
            await page.Locator("#Input_Title").FillAsync("Webbredigerad modul");
            await page.GetByRole(AriaRole.Button, new() { Name = "Skapa utkast" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/redigera/{ModuleId}", new() { Timeout = 60_000 });
            foreach (var (body, note) in new[] { ("Första lydelsen.", "Första versionen."), ("Första lydelsen, rättad.", "Ett stavfel rättat.") })
            {
                await page.Locator("#text").FillAsync(Text(body));
                await page.GetByRole(AriaRole.Button, new() { Name = "Spara utkast" }).ClickAsync();
                await page.WaitForURLAsync(url => url.Contains("sparat=1", StringComparison.Ordinal));
                await page.Locator("#note").FillAsync(note);
                await page.GetByRole(AriaRole.Button, new() { Name = "Publicera", Exact = true }).ClickAsync();
                await page.WaitForURLAsync(url => url.Contains("publicerat=1", StringComparison.Ordinal));
            }
            await page.Context.CloseAsync();

            foreach (var name in new[] { "statistik1", "statistik2" })
            {
                var learner = await browser.NewLearnerPageAsync(name);
                await learner.GotoAsync($"/moduler/{ModuleId}/1");
                await learner.GotoAsync($"/moduler/{ModuleId}/2");
                await learner.GotoAsync($"/moduler/{ModuleId}/prov");
                await learner.GetByRole(AriaRole.Button, new() { Name = "Starta provet" }).ClickAsync();
                await learner.GetByRole(AriaRole.Button, new() { Name = "Lämna in provet" }).WaitForAsync();
                foreach (var field in new[] { "q0", "q1" })
                {
                    await learner.Locator($"input[name='{field}']").First.CheckAsync();
                }
                await learner.GetByRole(AriaRole.Button, new() { Name = "Lämna in provet" }).ClickAsync();
                await learner.WaitForURLAsync(url => !url.EndsWith("/prov", StringComparison.Ordinal));
                await learner.Context.CloseAsync();
            }
            Assert.Equal(2, browser.Site.WithDb(db => db.QuizAttempts.Count(a => a.SubmittedAt != null && a.ModuleVersion.ModuleId == ModuleId)));
            prepared = true;
        }
        finally
        {
            Once.Release();
        }
    }

    [Fact]
    public async Task TheEditor_WithTheLivePreviewShowingProblems_HasNoWcagViolations()
    {
        await PrepareAsync();
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);
        await page.GotoAsync($"/redigera/{ModuleId}");

        var textarea = page.GetByLabel("index.md (front matter och Markdown)");
        await textarea.FillAsync(Text("Ändrad lydelse med [en trasig länk](saknas.pdf)."));
        await textarea.DispatchEventAsync("input");
        await page.Locator("#forhandsvisning .problems").WaitForAsync(new() { Timeout = 15_000 });

        Assert.Contains("Ändrad lydelse", await page.Locator("#forhandsvisning").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("rad 13", await page.Locator("#forhandsvisning .problems").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/redigera")]
    [InlineData("/redigera/" + ModuleId + "/versioner")]
    [InlineData("/redigera/" + ModuleId + "/statistik")]
    public async Task AuthoringPage_WithRealData_HasNoWcagViolations(string url)
    {
        await PrepareAsync();
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);

        await page.GotoAsync(url);

        if (url.EndsWith("/versioner", StringComparison.Ordinal))
        {
            Assert.True(await page.Locator("tbody tr").CountAsync() >= 2);
            Assert.True(await page.Locator("ol.diff ins").CountAsync() >= 1); // the diff between the last two is shown
        }
        if (url.EndsWith("/statistik", StringComparison.Ordinal))
        {
            Assert.Contains("w2", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        }
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDiffBetweenChosenVersions_HasNoWcagViolations()
    {
        await PrepareAsync();
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);
        await page.GotoAsync($"/redigera/{ModuleId}/versioner");

        var values = await page.Locator("#fran option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        await page.Locator("#fran").SelectOptionAsync(values[^1]);
        await page.Locator("#till").SelectOptionAsync(values[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Jämför" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("fran=", StringComparison.Ordinal));

        Assert.Equal(1, await page.Locator("ol.diff del", new() { HasText = "Första lydelsen." }).CountAsync()); // 1.0's text, taken away since
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheGiftUploadPreview_WithAnError_HasNoWcagViolations()
    {
        await PrepareAsync();
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);
        await page.GotoAsync($"/redigera/{ModuleId}/fragor");

        await page.GetByLabel("GIFT-fil (till exempel exporterad från Moodle)").SetInputFilesAsync(new FilePayload
        {
            Name = "moodle.gift",
            MimeType = "text/plain",
            Buffer = System.Text.Encoding.UTF8.GetBytes("// [id:n1]\n::Ny:: Är detta en ny fråga? {T}\n\n// [id:n2]\n::Trasig:: Saknar slut {\n=a\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Läs filen" }).ClickAsync();
        await page.Locator(".problems").WaitForAsync();

        Assert.Contains("rad 5", await page.Locator(".problems").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".question-list li").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ATrainer_CanWriteSaveAndPublishAMajorVersion_WithTheKeyboardAlone()
    {
        await PrepareAsync();
        var page = await browser.NewPageAsync(BrowserSite.AdminEmail);
        await page.GotoAsync("/redigera");

        await Keyboard.TabUntilAsync(page, $"e => e.getAttribute('href') === '/redigera/{ModuleId}'");
        await Keyboard.FollowFocusedLinkAsync(page, $"/redigera/{ModuleId}");
        await Keyboard.TabUntilAsync(page, "e => e.id === 'text'");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync("Ett tillägg skrivet med tangentbordet.\n");
        await page.Locator("#forhandsvisning").GetByText("Ett tillägg skrivet med tangentbordet.").WaitForAsync(new() { Timeout = 15_000 });

        await Keyboard.TabUntilAsync(page, "e => e.textContent.trim() === 'Spara utkast'");
        var saved = page.WaitForURLAsync(url => url.Contains("sparat=1", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await saved;

        await Keyboard.TabUntilAsync(page, "e => e.id === 'kind-minor'");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Locator("#kind-major").IsCheckedAsync());
        await Keyboard.TabUntilAsync(page, "e => e.id === 'note'");
        await page.Keyboard.TypeAsync("Ny huvudversion via tangentbordet.");
        await Keyboard.TabUntilAsync(page, "e => e.textContent.trim() === 'Publicera'");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".confirm").WaitForAsync();
        Assert.Contains("är en ny huvudversion", await page.Locator(".confirm").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);

        await Keyboard.TabUntilAsync(page, "e => e.textContent.trim().startsWith('Ja, publicera version')");
        var published = page.WaitForURLAsync(url => url.Contains("publicerat=1", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await published;

        Assert.Contains("Versionen är publicerad.", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(2, browser.Site.WithDb(db => db.ModuleVersions.Where(v => v.ModuleId == ModuleId).OrderByDescending(v => v.Id).Select(v => v.VersionMajor).First()));
        await page.Context.CloseAsync();
    }
}
