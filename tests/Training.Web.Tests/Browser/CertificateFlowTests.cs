using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Training.Core.Competence;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Tests.Browser;

/// <summary>Certificates in a real browser: the check at /intyg with the keyboard alone, and axe on every page of it and on Mina sidor's download link.</summary>
[Collection(BrowserCollection.Name)]
public class CertificateFlowTests(BrowserSite browser)
{
    private const string ModuleId = "vad-ar-manniskohandel";

    private async Task<(Completion Completion, string Title)> CompleteAsync(string email)
    {
        var module = browser.Site.Services.GetRequiredService<ContentCatalogue>().Find(ModuleId)!;
        var user = browser.Site.WithDb(db => db.Users.Single(u => u.Email == email));
        var completion = Completions.For(module, user.Id, user.AgencyId, DateTime.UtcNow.AddDays(-4), CompletionSources.Quiz, 95);
        await browser.Site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            db.Completions.Add(completion);
            await db.SaveChangesAsync();
        });
        return (completion, module.Title);
    }

    [Fact]
    public async Task SomeoneWithAPrintedCertificate_ChecksItsCode_WithTheKeyboardAlone_OnPagesWithoutWcagViolations()
    {
        await browser.Site.CreateUserAsync("intyg.webb@polisen.se");
        var (completion, title) = await CompleteAsync("intyg.webb@polisen.se");
        var page = await browser.NewPageAsync(signedInAs: null);

        await page.GotoAsync("/intyg");
        await Accessibility.AssertNoViolationsAsync(page);
        await Keyboard.TabUntilAsync(page, "e => e.id === 'kod'");
        await page.Keyboard.TypeAsync("nix");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).Query.Contains("kod=nix", StringComparison.Ordinal));
        Assert.Contains("Det är ingen verifieringskod.", await page.Locator("#kod-fel").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);

        await Keyboard.TabUntilAsync(page, "e => e.id === 'kod'");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(VerificationCode.Grouped(completion.VerificationCode!).ToLowerInvariant());
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/intyg/", StringComparison.Ordinal));

        Assert.Equal("Intyget gäller.", (await page.Locator(".certificate-state").TextContentAsync())!.Trim());
        Assert.Contains(title, await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MinaSidor_WithACertificate_HasNoWcagViolations_AndItsLinkNamesTheModule()
    {
        var page = await browser.NewLearnerPageAsync("intyg.minasidor");
        var (_, title) = await CompleteAsync("intyg.minasidor@polisen.se");

        await page.GotoAsync("/mina-sidor");

        var link = page.GetByRole(AriaRole.Link, new() { Name = $"Intyg (PDF) för {title}, genomförd", Exact = false });
        Assert.True(await link.CountAsync() == 1, string.Join(" | ", await page.Locator("a[download]").EvaluateAllAsync<string[]>("els => els.map(e => e.outerHTML)")));
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
