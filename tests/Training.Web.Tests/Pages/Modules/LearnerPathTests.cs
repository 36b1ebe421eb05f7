using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Training.Core.Quiz;

namespace Training.Web.Tests.Pages.Modules;

/// <summary>
/// The learner's way through a module on content of its own: "forsta" (two sections, a knowledge check, a one-question
/// quiz, 100 % to pass, two tries a day) and "andra" (one section, no quiz), in two tracks whose order is not their
/// files' order.
/// </summary>
public sealed partial class LearnerPathTests : IAsyncLifetime
{
    private const string First = """
        ---
        id: forsta
        title: Första modulen
        version: "1.0"
        valid_for_months: 12
        quiz:
          pass_mark: 100
          max_attempts: 2
          cooldown_hours: 24
        ---
        ## Ett

        Text.

        ```gift check
        ::Kontroll:: Är detta en kunskapskontroll? {T#Fel\: den är en kontroll.#Rätt\: den är en kontroll.}
        ```

        ## Två

        Mer text.

        ```gift
        // [id:f1]
        ::Ett:: Är ett ett? {T#Fel. Ett är ett.#Rätt. Ett är ett.}
        ```
        """;

    private const string Second = """
        ---
        id: andra
        title: Andra modulen
        version: "1.0"
        ---
        ## Bara ett avsnitt

        Text.
        """;

    private readonly TempFolder content = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private TrainingSite site = null!;

    public async Task InitializeAsync()
    {
        content.Write("modules/forsta/index.md", First)
            .Write("modules/andra/index.md", Second)
            .Write("tracks/a-fordjupning.yml", "id: a-fordjupning\ntitle: Fördjupningen\norder: 2\nmodules: [andra]\n")
            .Write("tracks/b-grundkurs.yml", "id: b-grundkurs\ntitle: Grundkursen\norder: 1\nmodules: [forsta, andra]\n");
        site = new TrainingSite(content.Path) { Clock = clock };
        await site.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        content.Dispose();
    }

    private async Task<HttpClient> LearnerAsync(string name)
    {
        await site.CreateUserAsync($"{name}@vag.test.example", "vag");
        return await site.SignInAsync($"{name}@vag.test.example");
    }

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{url} gav {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task ReadAsync(HttpClient client, string module, params int[] sections)
    {
        foreach (var n in sections)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/moduler/{module}/{n}", UriKind.Relative))).StatusCode);
        }
    }

    /// <summary>The module page's main button: its text and where it leads.</summary>
    private static (string Text, string Href) MainButton(string html)
    {
        var match = MainButtonLink().Match(html);
        Assert.True(match.Success, "Modulsidan har ingen huvudknapp:\n" + html);
        return (WebUtility.HtmlDecode(match.Groups[2].Value).Trim(), match.Groups[1].Value);
    }

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " "));

    private static async Task<string> StartAttemptAsync(HttpClient client)
    {
        var started = await Forms.PostAsync(client, "/moduler/forsta/prov?handler=Start", [], "/moduler/forsta/prov");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return AttemptField().Match(await GetAsync(client, "/moduler/forsta/prov")).Groups[1].Value;
    }

    /// <summary>Starts an attempt and submits it right or wrong; returns the result page's path.</summary>
    private async Task<string> TakeQuizAsync(HttpClient client, bool right)
    {
        var attempt = await StartAttemptAsync(client);
        var drawn = DrawnQuiz.FromJson(site.WithDb(db => db.QuizAttempts.Single(a => a.Id == attempt).DrawnJson));
        var answers = drawn.Questions[0].Answers;
        var fields = new Dictionary<string, string>
        {
            ["attempt"] = attempt,
            ["q0"] = (right ? answers.First(a => a.Fraction >= 1) : answers.First(a => a.Fraction < 1)).Id,
        };
        var submitted = await Forms.PostAsync(client, "/moduler/forsta/prov?handler=Submit", fields, "/moduler/forsta/prov");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        return submitted.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task TheModulePagesButton_FollowsTheLearner_FromStartingToReadToTheQuizToDone()
    {
        var client = await LearnerAsync("vandrare");

        Assert.Equal(("Börja läsa", "/moduler/forsta/1"), MainButton(await GetAsync(client, "/moduler/forsta")));

        await ReadAsync(client, "forsta", 1);
        var reading = await GetAsync(client, "/moduler/forsta");
        Assert.Equal(("Fortsätt läsa", "/moduler/forsta/2"), MainButton(reading));
        Assert.Contains("Du har läst 1 av 2 avsnitt.", Text(reading), StringComparison.Ordinal);

        await ReadAsync(client, "forsta", 2);
        Assert.Equal(("Gör provet", "/moduler/forsta/prov"), MainButton(await GetAsync(client, "/moduler/forsta")));

        await StartAttemptAsync(client);
        Assert.Equal(("Fortsätt provet", "/moduler/forsta/prov"), MainButton(await GetAsync(client, "/moduler/forsta")));

        var attempt = site.WithDb(db => db.QuizAttempts.Single(a => a.SubmittedAt == null && db.Users.Any(u => u.Id == a.UserId && u.Email == "vandrare@vag.test.example")).Id);
        var drawn = DrawnQuiz.FromJson(site.WithDb(db => db.QuizAttempts.Single(a => a.Id == attempt).DrawnJson));
        await Forms.PostAsync(client, "/moduler/forsta/prov?handler=Submit",
            new Dictionary<string, string> { ["attempt"] = attempt, ["q0"] = drawn.Questions[0].Answers.First(a => a.Fraction >= 1).Id }, "/moduler/forsta/prov");

        var done = await GetAsync(client, "/moduler/forsta");
        var text = Text(done);
        Assert.Contains("Modulen är genomförd.", text, StringComparison.Ordinal);
        Assert.Contains("Du klarade provet 2026-11-02 med 100 %.", text, StringComparison.Ordinal);
        Assert.Contains("Giltig till 2027-11-02.", text, StringComparison.Ordinal);
        Assert.Contains("Genomförandet och ditt intyg finns på Mina sidor.", text, StringComparison.Ordinal);
        Assert.Equal(("Till Mina sidor", "/mina-sidor"), MainButton(done));
        Assert.Contains($"href=\"/moduler/forsta/prov/{attempt}\"", done, StringComparison.Ordinal);
        Assert.Contains("Nästa modul i Grundkursen: Andra modulen", text, StringComparison.Ordinal);
        Assert.DoesNotContain(">Gör provet<", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModuleWithoutAQuiz_LeadsToItsConfirmation_AndThenShowsItConfirmed()
    {
        var client = await LearnerAsync("bekraftare");
        await ReadAsync(client, "andra", 1);

        Assert.Equal(("Bekräfta att du har läst", "/moduler/andra/1#bekrafta"), MainButton(await GetAsync(client, "/moduler/andra")));
        Assert.Contains("id=\"bekrafta\"", await GetAsync(client, "/moduler/andra/1"), StringComparison.Ordinal);

        var confirmed = await Forms.PostAsync(client, "/moduler/andra/1?handler=Confirm", [], "/moduler/andra/1");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var done = Text(await GetAsync(client, "/moduler/andra"));
        Assert.Contains("Modulen är genomförd. Du bekräftade 2026-11-02 att du har läst och förstått den.", done, StringComparison.Ordinal);
        Assert.Contains("Genomförandet och ditt intyg finns på Mina sidor.", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Nästa modul i", done, StringComparison.Ordinal); // the last of its tracks
    }

    [Fact]
    public async Task AfterAFailure_TheResultAndQuizPages_SayTheScore_TheAttemptsLeft_AndWhenTheNextOpens()
    {
        var client = await LearnerAsync("forsoker");
        await ReadAsync(client, "forsta", 1, 2);

        var first = Text(await GetAsync(client, await TakeQuizAsync(client, right: false)));
        Assert.Contains("Du fick 0 %.", first, StringComparison.Ordinal);
        Assert.Contains("Du har 1 av 2 försök kvar (högst 2 försök per 24 timmar). Nästa försök kan du göra nu.", first, StringComparison.Ordinal);
        Assert.Contains("Gör ett nytt försök", first, StringComparison.Ordinal);

        var quiz = Text(await GetAsync(client, "/moduler/forsta/prov"));
        Assert.Contains("Ditt senaste försök gav 0 %. Godkänt från 100 %.", quiz, StringComparison.Ordinal);
        Assert.Contains("Du har 1 av 2 försök kvar", quiz, StringComparison.Ordinal);
        Assert.Contains("Starta provet", quiz, StringComparison.Ordinal);
        Assert.Equal(("Gör provet", "/moduler/forsta/prov"), MainButton(await GetAsync(client, "/moduler/forsta")));

        clock.Advance(TimeSpan.FromHours(2));
        var second = await GetAsync(client, await TakeQuizAsync(client, right: false));
        Assert.Contains("Du fick 0 %.", Text(second), StringComparison.Ordinal);
        Assert.Contains("Nästa försök öppnar 2026-11-03 10:00.", Text(second), StringComparison.Ordinal); // 09:00 UTC + 24 h, Stockholm time
        Assert.DoesNotContain("Gör ett nytt försök", second, StringComparison.Ordinal);

        var blocked = Text(await GetAsync(client, "/moduler/forsta/prov"));
        Assert.Contains("Ditt senaste försök gav 0 %.", blocked, StringComparison.Ordinal);
        Assert.Contains("Nästa försök öppnar 2026-11-03 10:00.", blocked, StringComparison.Ordinal);
        Assert.DoesNotContain("Starta provet", blocked, StringComparison.Ordinal);
        var overview = await GetAsync(client, "/moduler/forsta");
        Assert.Contains("Nästa försök öppnar 2026-11-03 10:00.", Text(overview), StringComparison.Ordinal);
        Assert.DoesNotContain(">Gör provet<", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterAPass_TheResultPage_LinksToMyPages_TheNextModuleOfTheTrack_AndTheCatalogue()
    {
        var client = await LearnerAsync("klarar");
        await ReadAsync(client, "forsta", 1, 2);

        var result = await GetAsync(client, await TakeQuizAsync(client, right: true));

        var onward = OnwardNav().Match(result);
        Assert.True(onward.Success, result);
        Assert.Contains("href=\"/mina-sidor\"", onward.Value, StringComparison.Ordinal);
        Assert.Contains("href=\"/moduler/andra\"", onward.Value, StringComparison.Ordinal);
        Assert.Contains("Nästa modul i Grundkursen: Andra modulen", Text(onward.Value), StringComparison.Ordinal);
        Assert.Contains("href=\"/moduler\"", onward.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("försök kvar", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKnowledgeChecksFeedback_StatesTheVerdictOnce_ThenTheFeedbackText()
    {
        var client = await LearnerAsync("svarar");
        var page = await GetAsync(client, "/moduler/forsta/1");

        var right = await AnswerCheckAsync(client, page, "Sant");
        var wrong = await AnswerCheckAsync(client, page, "Falskt");

        Assert.Contains("Rätt. Den är en kontroll.", Text(Feedback(right)), StringComparison.Ordinal);
        Assert.Contains("Inte rätt. Den är en kontroll.", Text(Feedback(wrong)), StringComparison.Ordinal);
        Assert.DoesNotContain("Rätt:", Text(right), StringComparison.Ordinal);
        Assert.DoesNotContain("Fel:", Text(wrong), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheQuizResultsFeedback_DoesNotRepeatAVerdictEither()
    {
        var client = await LearnerAsync("repeterar");
        await ReadAsync(client, "forsta", 1, 2);

        var result = Text(await GetAsync(client, await TakeQuizAsync(client, right: true)));

        Assert.Contains("Fråga 1: rätt Är ett ett? Ett är ett.", result, StringComparison.Ordinal);
        Assert.DoesNotContain("Rätt. Ett är ett.", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevisitedSection_ShowsTheLearnersLastAnswerAndItsFeedback_AndOthersStillGetAnEmptyForm()
    {
        var client = await LearnerAsync("atervander");
        var other = await LearnerAsync("annan");
        var page = await GetAsync(client, "/moduler/forsta/1");
        Assert.DoesNotContain("checked", page, StringComparison.Ordinal);

        await AnswerCheckAsync(client, page, "Falskt");
        var revisit = await GetAsync(client, "/moduler/forsta/1");
        Assert.Matches(CheckedOption("Falskt"), revisit);
        Assert.Contains("Inte rätt. Den är en kontroll.", Text(Feedback(revisit)), StringComparison.Ordinal);
        Assert.Contains("Du har svarat på kontrollen tidigare.", revisit, StringComparison.Ordinal);

        await AnswerCheckAsync(client, revisit, "Sant");
        var again = await GetAsync(client, "/moduler/forsta/1");
        Assert.Matches(CheckedOption("Sant"), again);
        Assert.Contains("Rätt. Den är en kontroll.", Text(Feedback(again)), StringComparison.Ordinal);
        Assert.Equal(1, site.WithDb(db => db.CheckAnswers.Count(a => db.Users.Any(u => u.Id == a.UserId && u.Email == "atervander@vag.test.example"))));

        var fresh = await GetAsync(other, "/moduler/forsta/1");
        Assert.DoesNotContain("checked", fresh, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"feedback", fresh, StringComparison.Ordinal);
        Assert.Contains("Kontrollera svaret", fresh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerStoredBeforeResponsesWereKept_LeavesTheFormEmpty()
    {
        var client = await LearnerAsync("tidig");
        var userId = site.WithDb(db => db.Users.Single(u => u.Email == "tidig@vag.test.example").Id);
        var versionId = site.WithDb(db => db.ModuleVersions.Single(v => v.ModuleId == "forsta").Id);
        site.WithDb(db =>
        {
            db.CheckAnswers.Add(new Data.CheckAnswer { UserId = userId, ModuleVersionId = versionId, CheckKey = "Kontroll", AnsweredAt = DateTime.UtcNow });
            return db.SaveChanges();
        });

        var page = await GetAsync(client, "/moduler/forsta/1");

        Assert.DoesNotContain("checked", page, StringComparison.Ordinal);
        Assert.Contains("Kontrollera svaret", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCatalogue_ListsTracksInTheirOrder_AndShowsTheLearnersProgress()
    {
        var client = await LearnerAsync("katalog");
        await ReadAsync(client, "forsta", 1);

        var html = await GetAsync(client, "/moduler");

        Assert.True(html.IndexOf("Grundkursen", StringComparison.Ordinal) < html.IndexOf("Fördjupningen", StringComparison.Ordinal), "Grundkursen (order 1) ska stå före Fördjupningen (order 2)");
        Assert.Contains("Påbörjad: du har läst 1 av 2 avsnitt.", Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedInLearner_LandsWhereTheirWorkIs_OnTheStartPageAndTheCatalogue()
    {
        var client = await LearnerAsync("atervander.hem");
        Assert.DoesNotContain("Fortsätt där du slutade", await GetAsync(client, "/"), StringComparison.Ordinal);

        await ReadAsync(client, "forsta", 1);
        foreach (var url in new[] { "/", "/moduler" })
        {
            var html = await GetAsync(client, url);
            var resume = ResumeBlock().Match(html);
            Assert.True(resume.Success, $"{url} visar inte var lärande slutade:\n{html}");
            Assert.Contains("Första modulen: Avsnitt 2: Två", Text(resume.Value), StringComparison.Ordinal);
            Assert.Contains("href=\"/moduler/forsta/2\"", resume.Value, StringComparison.Ordinal);
        }

        await ReadAsync(client, "forsta", 2);
        Assert.Contains("href=\"/moduler/forsta/prov\"", ResumeBlock().Match(await GetAsync(client, "/")).Value, StringComparison.Ordinal);

        await TakeQuizAsync(client, right: true);
        Assert.DoesNotContain("Fortsätt där du slutade", await GetAsync(client, "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEnglishPages_WritePercentagesAsEnglishDoes()
    {
        var client = await LearnerAsync("engelsk");
        await ReadAsync(client, "forsta", 1, 2);
        var resultUrl = await TakeQuizAsync(client, right: false);
        var link = Regex.Match(await GetAsync(client, "/moduler"), "<a href=\"(/sprak[^\"]+)\" lang=\"en\"").Groups[1].Value;
        await client.GetAsync(new Uri(WebUtility.HtmlDecode(link), UriKind.Relative));

        var quiz = Text(await GetAsync(client, "/moduler/forsta/prov"));

        Assert.Contains("Your latest attempt scored 0%. The pass mark is 100%.", quiz, StringComparison.Ordinal);
        Assert.Contains("You have 1 of 2 attempts left", Text(await GetAsync(client, resultUrl)), StringComparison.Ordinal);
    }

    /// <summary>Answers the page's knowledge check with the option labelled <paramref name="label"/>, without JavaScript; returns the page.</summary>
    private static async Task<string> AnswerCheckAsync(HttpClient client, string page, string label)
    {
        var option = Regex.Match(page, $"name=\"q0\" value=\"([^\"]+)\"[^>]*>\\s*<label[^>]*>{label}</label>").Groups[1].Value;
        Assert.NotEmpty(option);
        var response = await client.PostAsync(new Uri("/moduler/forsta/1?handler=Check&del=1", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["q0"] = option, ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page) }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Feedback(string html) => FeedbackBlock().Match(html) is { Success: true } match ? match.Value : throw new Xunit.Sdk.XunitException("Ingen återkoppling på sidan:\n" + html);

    private static Regex CheckedOption(string label) => new($"name=\"q0\" value=\"[^\"]+\" checked=\"checked\">\\s*<label[^>]*>{label}</label>");

    [GeneratedRegex("<div class=\"next-step\">.*?<a class=\"button\" href=\"([^\"]+)\">([^<]+)</a>", RegexOptions.Singleline)]
    private static partial Regex MainButtonLink();

    [GeneratedRegex("name=\"attempt\" value=\"([^\"]+)\"")]
    private static partial Regex AttemptField();

    [GeneratedRegex("<nav class=\"onward\".*?</nav>", RegexOptions.Singleline)]
    private static partial Regex OnwardNav();

    [GeneratedRegex("<section class=\"resume\".*?</section>", RegexOptions.Singleline)]
    private static partial Regex ResumeBlock();

    [GeneratedRegex("<div class=\"feedback[^\"]*\" role=\"status\">.*?</div>\\s*</div>", RegexOptions.Singleline)]
    private static partial Regex FeedbackBlock();
}
