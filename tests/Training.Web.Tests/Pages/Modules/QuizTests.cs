using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Training.Core.Gift;
using Training.Core.Quiz;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Tests.Pages.Modules;

/// <summary>The graded quiz on a small module of its own: two sections, a pool of three, two drawn, 100 % to pass, two tries a day.</summary>
public sealed partial class QuizTests : IAsyncLifetime
{
    private const string Module = """
        ---
        id: prov
        title: Provmodulen
        version: "1.0"
        valid_for_months: 12
        quiz:
          pass_mark: 100
          questions: 2
          max_attempts: 2
          cooldown_hours: 24
        ---
        ## Första

        Text.

        ```gift check
        ::Kontroll:: Är detta en kunskapskontroll? {T#Fel, den är det.#Rätt, den är det.}
        ```

        ## Andra

        Mer text.

        ```gift
        // [id:f1]
        ::Ett:: Är ett ett? {T#HEMLIG-FEL-1#HEMLIG-RATT-1####HEMLIG-ALLMAN-1}

        // [id:f2]
        ::Två:: Är två tre? {F#HEMLIG-FEL-2#HEMLIG-RATT-2}

        // [id:f3]
        ::Tre:: Vilken siffra är tre? {=3#HEMLIG-RATT-3 ~4#HEMLIG-FEL-3 ~5#HEMLIG-FEL-4}
        ```
        """;

    private readonly TempFolder content = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private TrainingSite site = null!;

    public async Task InitializeAsync()
    {
        content.Write("modules/prov/index.md", Module);
        site = new TrainingSite(content.Path) { Clock = clock };
        await site.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        content.Dispose();
    }

    private async Task<HttpClient> LearnerAsync(string name, bool readEverything = true)
    {
        await site.CreateUserAsync($"{name}@prov.test.example", "prov");
        var client = await site.SignInAsync($"{name}@prov.test.example");
        if (readEverything)
        {
            foreach (var n in new[] { 1, 2 })
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/moduler/prov/{n}", UriKind.Relative))).StatusCode);
            }
        }
        return client;
    }

    private static async Task<string> StartAttemptAsync(HttpClient client)
    {
        var started = await Forms.PostAsync(client, "/moduler/prov/prov?handler=Start", [], "/moduler/prov/prov");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var page = await client.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative));
        return AttemptField().Match(page).Groups[1].Value;
    }

    /// <summary>The answers of an attempt, right or wrong, as the form would post them (read from the stored answer key).</summary>
    private Dictionary<string, string> Answers(string attemptId, bool right)
    {
        var drawn = DrawnQuiz.FromJson(site.WithDb(db => db.QuizAttempts.Single(a => a.Id == attemptId).DrawnJson));
        var fields = new Dictionary<string, string> { ["attempt"] = attemptId };
        for (var i = 0; i < drawn.Questions.Count; i++)
        {
            var answers = drawn.Questions[i].Answers;
            fields[$"q{i}"] = (right ? answers.First(a => a.Fraction >= 1) : answers.First(a => a.Fraction < 1)).Id;
        }
        return fields;
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, Dictionary<string, string> fields) =>
        Forms.PostAsync(client, "/moduler/prov/prov?handler=Submit", fields, "/moduler/prov/prov");

    [Fact]
    public async Task TheQuiz_RefusesToOpen_BeforeEverySectionIsOpened()
    {
        var client = await LearnerAsync("olast", readEverything: false);
        await client.GetAsync(new Uri("/moduler/prov/1", UriKind.Relative));

        var response = await client.GetAsync(new Uri("/moduler/prov/prov", UriKind.Relative));
        var started = await Forms.PostAsync(client, "/moduler/prov/prov?handler=Start", [], "/moduler/prov/1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("href=\"/moduler/prov/2\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(0, site.WithDb(db => db.QuizAttempts.Count(a => a.UserId == db.Users.Single(u => u.Email == "olast@prov.test.example").Id)));
    }

    [Fact]
    public async Task ALearnerWhoReadsEverySection_Passes_AndGetsACompletionForThatExactVersion()
    {
        var client = await LearnerAsync("klarar");
        var attempt = await StartAttemptAsync(client);

        var submitted = await SubmitAsync(client, Answers(attempt, right: true));

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var result = await client.GetStringAsync(new Uri($"/moduler/prov/prov/{attempt}", UriKind.Relative));
        Assert.Contains("Du fick 100 %.", result, StringComparison.Ordinal);
        Assert.Contains("Godkänt", result, StringComparison.Ordinal);
        Assert.Contains("Rätt svar:", result, StringComparison.Ordinal);
        var completion = site.WithDb(db => db.Completions.Include(c => c.ModuleVersion).Single(c => c.AttemptId == attempt));
        Assert.Equal(("prov", "1.0", completion.ModuleVersion.ContentHash, 100, "quiz"), (completion.ModuleId, completion.Version, completion.ContentHash, completion.ScorePercent!.Value, completion.Source));
        Assert.Equal(completion.CompletedAt.AddMonths(12), completion.ExpiresAt);
        Assert.Contains("Du har klarat provet", await client.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("Provmodulen", await client.GetStringAsync(new Uri("/mina-sidor", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenAttempt_HoldsNoAnswerKey_AndAReloadShowsTheSameQuestions()
    {
        var client = await LearnerAsync("nyfiken");
        await StartAttemptAsync(client);

        var first = await client.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative));
        var again = await client.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative));

        Assert.DoesNotContain("HEMLIG", first, StringComparison.Ordinal);
        Assert.DoesNotMatch("fraction|####|\"right\"", first);
        Assert.Equal(Legends(first), Legends(again));
        Assert.Equal(2, Legends(first).Count);
    }

    [Fact]
    public async Task AFailure_UsesUpTheAttempts_AndANewOneOpensAfterTheCooldown()
    {
        var client = await LearnerAsync("missar");
        for (var i = 0; i < 2; i++)
        {
            var attempt = await StartAttemptAsync(client);
            await SubmitAsync(client, Answers(attempt, right: false));
            var result = await client.GetStringAsync(new Uri($"/moduler/prov/prov/{attempt}", UriKind.Relative));
            Assert.Contains("Inte godkänt", result, StringComparison.Ordinal);
            Assert.DoesNotContain("Rätt svar:", result, StringComparison.Ordinal); // the right answers only after a pass
            Assert.DoesNotContain("HEMLIG-FEL", result, StringComparison.Ordinal); // nor feedback that tells right from wrong
            Assert.DoesNotContain("HEMLIG-RATT", result, StringComparison.Ordinal);
            Assert.Equal(result.Contains("Är ett ett?", StringComparison.Ordinal), result.Contains("HEMLIG-ALLMAN-1", StringComparison.Ordinal)); // the general feedback, yes
            clock.Advance(TimeSpan.FromHours(1));
        }

        var blocked = await client.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative));
        Assert.Contains("Nästa försök öppnar 2026-11-03 10:00", blocked, StringComparison.Ordinal); // 09:00 UTC + 24 h, in Stockholm time
        Assert.DoesNotContain("Starta provet", blocked, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(23));
        client = await site.SignInAsync("missar@prov.test.example"); // a new day, a new session (they last ten hours)
        var open = await client.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative));
        Assert.Contains("Starta provet", open, StringComparison.Ordinal);
        var third = await StartAttemptAsync(client);
        await SubmitAsync(client, Answers(third, right: true));
        Assert.Equal(1, site.WithDb(db => db.Completions.Count(c => c.AttemptId == third)));
    }

    [Fact]
    public async Task SubmittingTheSameAttemptTwice_GivesOneResult_AndOneCompletion()
    {
        var client = await LearnerAsync("dubbel");
        var attempt = await StartAttemptAsync(client);
        var answers = Answers(attempt, right: true);

        answers["__RequestVerificationToken"] = Forms.AntiforgeryToken(await client.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative)));
        Task<HttpResponseMessage> Post(Dictionary<string, string> fields) =>
            client.PostAsync(new Uri("/moduler/prov/prov?handler=Submit", UriKind.Relative), new FormUrlEncodedContent(fields));

        var both = await Task.WhenAll(Post(new(answers)), Post(new(answers)));
        var replay = await Post(new(answers) { ["q0"] = "fel" });

        Assert.All(both.Append(replay), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, site.WithDb(db => db.Completions.Count(c => c.AttemptId == attempt)));
        Assert.Equal(100, site.WithDb(db => db.QuizAttempts.Single(a => a.Id == attempt).ScorePercent));
    }

    [Fact]
    public async Task ALearner_CannotOpenOrSubmitAnotherLearnersAttempt()
    {
        var owner = await LearnerAsync("agare");
        var attempt = await StartAttemptAsync(owner);
        var other = await LearnerAsync("inkraktare");

        var submit = await SubmitAsync(other, Answers(attempt, right: true));
        await SubmitAsync(owner, Answers(attempt, right: false));
        var view = await other.GetAsync(new Uri($"/moduler/prov/prov/{attempt}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, submit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);
        Assert.Equal(0, site.WithDb(db => db.Completions.Count(c => c.AttemptId == attempt)));
    }

    [Fact]
    public async Task Completions_CannotBeChangedOrRemoved_EvenDirectlyInTheDatabase()
    {
        var client = await LearnerAsync("bestandig");
        var attempt = await StartAttemptAsync(client);
        await SubmitAsync(client, Answers(attempt, right: true));

        var update = await Record.ExceptionAsync(() => Task.FromResult(site.WithDb(db => db.Database.ExecuteSqlRaw("""UPDATE "Completions" SET "ScorePercent" = 1"""))));
        var delete = await Record.ExceptionAsync(() => Task.FromResult(site.WithDb(db => db.Database.ExecuteSqlRaw("""DELETE FROM "Completions" """))));

        Assert.Contains("append-only", update?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordedCompletionsNote_MayOnlyBeCleared_AndNothingElseWithIt()
    {
        var user = await site.CreateUserAsync("anteckning@polisen.se");
        var module = site.Services.GetRequiredService<ContentCatalogue>().Find("prov")!;
        var completion = Completions.Recorded(CompletedVersion.Of(module), user.Id, user.AgencyId, clock.GetUtcNow().UtcDateTime.AddDays(-3),
            CompletionSources.Manual, recordedById: null, note: "Klassrumskurs, Polishögskolan", score: 80);
        site.WithDb(db => db.Completions.Add(completion).Context.SaveChanges());
        var postgres = site.WithDb(db => db.Database.IsNpgsql());
        // Every column of the model, so that a column added later is covered by the database's rule or fails here.
        var columns = site.WithDb(db => db.Model.FindEntityType(typeof(Completion))!.GetProperties()
            .Select(p => (Name: p.GetColumnName(), Type: Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType)).ToList());
        Assert.Contains(columns, c => c.Name == "Note");

        foreach (var (name, type) in columns.Where(c => c.Name != "Note"))
        {
            // A text keeps its length, since PostgreSQL checks a column's length before the trigger sees the row.
            var changed = type == typeof(string) ? $"CASE WHEN SUBSTR(\"{name}\", 1, 1) = 'x' THEN 'y' ELSE 'x' END || SUBSTR(COALESCE(\"{name}\", ''), 2)"
                : type == typeof(int) || type == typeof(long) ? $"COALESCE(\"{name}\", 0) + 1000000"
                : type == typeof(DateTime) ? (postgres ? $"COALESCE(\"{name}\", TIMESTAMP '2000-01-01') + INTERVAL '1 day'" : $"COALESCE(\"{name}\", '') || 'x'")
                : throw new InvalidOperationException($"No changed value is written here for {name} ({type.Name}).");
            // Names from the model, not from input; the id travels as a parameter.
            var sql = "UPDATE \"Completions\" SET \"" + name + "\" = " + changed + ", \"Note\" = NULL WHERE \"Id\" = {0}";
            var error = Record.Exception(() => site.WithDb(db => db.Database.ExecuteSqlRaw(sql, completion.Id)));
            Assert.True(error?.Message.Contains("append-only", StringComparison.Ordinal) == true, $"{name}: {error?.Message ?? "was changed"}");
        }
        var rewritten = Record.Exception(() => site.WithDb(db => db.Completions.Where(c => c.Id == completion.Id).ExecuteUpdate(s => s.SetProperty(c => c.Note, "Något annat"))));
        site.WithDb(db => db.Completions.Where(c => c.Id == completion.Id).ExecuteUpdate(s => s.SetProperty(c => c.Note, (string?)null)));
        var writtenAgain = Record.Exception(() => site.WithDb(db => db.Completions.Where(c => c.Id == completion.Id).ExecuteUpdate(s => s.SetProperty(c => c.Note, "Tillbaka"))));

        Assert.Contains("append-only", rewritten?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", writtenAgain?.Message, StringComparison.Ordinal);
        var stored = site.WithDb(db => db.Completions.AsNoTracking().Single(c => c.Id == completion.Id));
        Assert.Null(stored.Note);
        Assert.Equal((80, CompletionSources.Manual, completion.VerificationCode), (stored.ScorePercent, stored.Source, stored.VerificationCode));
    }

    [Fact]
    public async Task AKnowledgeCheck_GivesFeedbackAsAFragmentWithHtmx_AndAsTheWholePageWithout_AndIsRememberedAsAnswered()
    {
        var client = await LearnerAsync("kontroll", readEverything: false);
        var page = await client.GetStringAsync(new Uri("/moduler/prov/1", UriKind.Relative));
        var option = Regex.Match(page, "name=\"q0\" value=\"([^\"]+)\"").Groups[1].Value; // the first shown answer
        var token = Forms.AntiforgeryToken(page);

        using var htmx = new HttpRequestMessage(HttpMethod.Post, "/moduler/prov/1?handler=Check&del=1")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["q0"] = option, ["__RequestVerificationToken"] = token }),
        };
        htmx.Headers.Add("HX-Request", "true");
        htmx.Headers.Add("RequestVerificationToken", token);
        var fragment = await (await client.SendAsync(htmx)).Content.ReadAsStringAsync();
        var whole = await (await client.PostAsync(new Uri("/moduler/prov/1?handler=Check&del=1", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["q0"] = option, ["__RequestVerificationToken"] = token }))).Content.ReadAsStringAsync();

        Assert.StartsWith("<section class=\"knowledge-check\"", fragment.Trim(), StringComparison.Ordinal);
        Assert.Contains("Den är det.", fragment, StringComparison.Ordinal);
        Assert.Contains("<html", whole, StringComparison.Ordinal);
        Assert.Contains("Den är det.", whole, StringComparison.Ordinal);
        Assert.Equal(1, site.WithDb(db => db.CheckAnswers.Count(a => a.CheckKey == "Kontroll" && db.Users.Any(u => u.Id == a.UserId && u.Email == "kontroll@prov.test.example"))));
    }

    [Fact]
    public async Task TheCachedCheckForms_CarryEachLearnersOwnWorkingToken_ThatNoOtherLearnerCanUse()
    {
        var first = await LearnerAsync("forsta", readEverything: false);
        var second = await LearnerAsync("andra", readEverything: false);
        async Task<(string Form, string Meta)> TokensAsync(HttpClient client)
        {
            var page = await client.GetStringAsync(new Uri("/moduler/prov/1", UriKind.Relative));
            return (Forms.AntiforgeryToken(page), Regex.Match(page, "name=\"request-verification-token\" content=\"([^\"]+)\"").Groups[1].Value);
        }
        Task<HttpResponseMessage> CheckAsync(HttpClient client, string token) =>
            client.PostAsync(new Uri("/moduler/prov/1?handler=Check&del=1", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        var firstView = await TokensAsync(first);
        var firstAgain = await TokensAsync(first); // from the cache
        var secondView = await TokensAsync(second);

        Assert.Equal(firstView.Form, firstView.Meta);
        Assert.Equal(firstView.Form, firstAgain.Form);
        Assert.NotEqual(firstView.Form, secondView.Form);
        Assert.Equal(HttpStatusCode.OK, (await CheckAsync(first, firstAgain.Form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CheckAsync(second, secondView.Form)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await CheckAsync(second, firstView.Form)).StatusCode);
    }

    [Fact]
    public async Task SectionVisits_AreWrittenOnce()
    {
        var client = await LearnerAsync("aterkommer");
        await client.GetAsync(new Uri("/moduler/prov/1", UriKind.Relative));
        await client.GetAsync(new Uri("/moduler/prov/1", UriKind.Relative));

        var visits = site.WithDb(db => db.SectionVisits.Count(v => db.Users.Any(u => u.Id == v.UserId && u.Email == "aterkommer@prov.test.example")));

        Assert.Equal(2, visits);
    }

    [Fact]
    public async Task SixteenLearners_SubmittingAtTheSameMoment_AreAllGraded_WithExactlyOneCompletionEach()
    {
        var learners = new List<(HttpClient Client, Dictionary<string, string> Answers)>();
        for (var i = 0; i < 16; i++)
        {
            var client = await LearnerAsync($"samtidig{i}");
            var attempt = await StartAttemptAsync(client);
            var answers = Answers(attempt, right: true);
            answers["__RequestVerificationToken"] = Forms.AntiforgeryToken(await client.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative)));
            learners.Add((client, answers));
        }
        using var start = new SemaphoreSlim(0);

        var submits = learners.Select(async learner =>
        {
            await start.WaitAsync();
            return await learner.Client.PostAsync(new Uri("/moduler/prov/prov?handler=Submit", UriKind.Relative), new FormUrlEncodedContent(learner.Answers));
        }).ToList();
        start.Release(learners.Count);
        var responses = await Task.WhenAll(submits);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var ids = learners.Select(l => l.Answers["attempt"]).ToList();
        Assert.Equal(16, site.WithDb(db => db.QuizAttempts.Count(a => ids.Contains(a.Id) && a.SubmittedAt != null && a.ScorePercent == 100)));
        Assert.Equal(16, site.WithDb(db => db.Completions.Count(c => ids.Contains(c.AttemptId!))));
        Assert.Empty(site.Errors);
    }

    private static List<string> Legends(string html) => [.. Regex.Matches(html, "<legend>(.*?)</legend>").Select(m => m.Groups[1].Value)];

    [GeneratedRegex("name=\"attempt\" value=\"([0-9a-f]+)\"")]
    private static partial Regex AttemptField();
}
