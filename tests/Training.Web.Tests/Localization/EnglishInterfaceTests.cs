using Microsoft.Extensions.DependencyInjection;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Tests.Localization;

/// <summary>The English interface writes percentages as English does, and says when a module's text is only in Swedish.</summary>
[Collection(SiteCollection.Name)]
public class EnglishInterfaceTests(SharedSite shared)
{
    private TrainingSite Site => shared.Site;

    private CatalogueModule SwedishModule => Site.Services.GetRequiredService<ContentCatalogue>().Modules.First(m => m.HasQuiz);

    /// <summary>A learner who has submitted one attempt at 80 %, signed in, in the chosen language.</summary>
    private async Task<HttpClient> LearnerWithAScoreAsync(string email, string culture)
    {
        var learner = await Site.CreateUserAsync(email);
        Site.WithDb(db =>
        {
            db.QuizAttempts.Add(new QuizAttempt
            {
                Id = Guid.NewGuid().ToString("N"), UserId = learner.Id, ModuleVersionId = SwedishModule.VersionId, DrawnJson = "[]",
                StartedAt = DateTime.UtcNow.AddMinutes(-5), SubmittedAt = DateTime.UtcNow, ScorePercent = 80, Passed = false,
            });
            return db.SaveChanges();
        });
        var client = await Site.SignInAsync(email);
        var switched = await client.GetAsync(new Uri($"/sprak?kultur={culture}&tillbaka=%2F", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        return client;
    }

    [Fact]
    public async Task InEnglish_APercentageHasNoSpaceBeforeTheSign_AndInSwedishItHasOne()
    {
        var english = await (await LearnerWithAScoreAsync("procent.en@polisen.se", "en")).GetStringAsync(new Uri("/mina-sidor", UriKind.Relative));
        var swedish = await (await LearnerWithAScoreAsync("procent.sv@polisen.se", "sv-SE")).GetStringAsync(new Uri("/mina-sidor", UriKind.Relative));

        Assert.Contains("<td>80%</td>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("80 %", english, StringComparison.Ordinal);
        Assert.Contains("<td>80 %</td>", swedish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InEnglish_AModuleWrittenInSwedish_SaysItsContentIsOnlyInSwedish()
    {
        var english = await LearnerWithAScoreAsync("bara.svenska.en@polisen.se", "en");
        var swedish = await LearnerWithAScoreAsync("bara.svenska.sv@polisen.se", "sv-SE");
        var overview = "/moduler/" + SwedishModule.Id;
        var section = overview + "/1";

        Assert.Contains("This module’s content is in Swedish only.", await english.GetStringAsync(new Uri(overview, UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("This module’s content is in Swedish only.", await english.GetStringAsync(new Uri(section, UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("content-language", await swedish.GetStringAsync(new Uri(overview, UriKind.Relative)), StringComparison.Ordinal);
        // a screen reader reads the Swedish text as Swedish on the English site (WCAG 3.1.2)
        var page = await english.GetStringAsync(new Uri(section, UriKind.Relative));
        Assert.Contains("<h1 lang=\"sv\">", page, StringComparison.Ordinal);
        Assert.Contains("<div class=\"prose\" lang=\"sv\">", page, StringComparison.Ordinal);
    }
}
