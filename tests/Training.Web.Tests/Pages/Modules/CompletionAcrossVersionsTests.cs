using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Training.Core.Quiz;

namespace Training.Web.Tests.Pages.Modules;

/// <summary>
/// Which completion counts when a module's files change: a minor version or a typo fix takes nothing from the learner;
/// a new major version leaves earlier completions counting for the grace period (90 days from its first storing), then not.
/// </summary>
public sealed partial class CompletionAcrossVersionsTests : IAsyncLifetime
{
    private static string Book(string version, string text) => $"""
        ---
        id: bok
        title: Boken
        version: "{version}"
        ---
        ## Enda avsnittet

        {text}
        """;

    private static string Quiz(string version, string text) => $"""
        ---
        id: prov
        title: Provmodulen
        version: "{version}"
        quiz:
          pass_mark: 100
        ---
        ## Avsnittet

        {text}

        ```gift
        // [id:p1]
        ::Ett:: Är ett ett? {"{"}T{"}"}
        ```
        """;

    private readonly TempFolder content = new();
    // the site is restarted on its data folder; given the folder, its PostgreSQL database outlives each site
    private readonly TempFolder data = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private TrainingSite site = null!;

    public async Task InitializeAsync()
    {
        content.Write("modules/bok/index.md", Book("1.0", "Text."))
            .Write("modules/prov/index.md", Quiz("1.0", "Text."));
        site = new TrainingSite(content.Path, data.Path) { Clock = clock };
        await site.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        content.Dispose();
        data.Dispose();
    }

    private async Task RestartAsync()
    {
        await site.DisposeAsync();
        site = new TrainingSite(content.Path, data.Path) { Clock = clock };
        await site.StartAsync();
    }

    private static async Task<string> PageTextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return WebUtility.HtmlDecode(Spaces().Replace(Tags().Replace(html, " "), " "));
    }

    /// <summary>The book is mandatory for everyone of the agency, due 30 days from the requirement's start (2026-11-02): 2026-12-02.</summary>
    private void RequireTheBook(string agencyCode) => site.WithDb(db =>
    {
        db.Requirements.Add(new Training.Web.Data.Requirement
        {
            AgencyId = db.Agencies.Single(a => a.Code == agencyCode).Id,
            ModuleId = "bok",
            DueWithinDays = 30,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        return db.SaveChanges();
    });

    [Fact]
    public async Task ACompletionOf10_CountsOn11_AndOnAChangeWithoutABump_AndOn20DuringTheGraceOnly_ThenItIsOverdue()
    {
        var learner = await site.CreateUserAsync("larare@versioner.test.example", "versioner");
        await site.CreateUserAsync("hr@versioner.test.example", "versioner", Training.Web.Data.Roles.Hr);
        RequireTheBook("versioner");
        var client = await site.SignInAsync("larare@versioner.test.example");
        Assert.Contains("Boken Ej påbörjad Senast 2026-12-02", await PageTextAsync(client, "/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/bok/1", UriKind.Relative))).StatusCode);
        Assert.Contains("Boken Pågår Senast 2026-12-02", await PageTextAsync(client, "/"), StringComparison.Ordinal);
        var confirmed = await Forms.PostAsync(client, "/moduler/bok/1?handler=Confirm", [], "/moduler/bok/1");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        const string Done = "Modulen är genomförd. Du bekräftade 2026-11-02";
        const string Completed = "Boken Genomförd Gäller tills vidare";
        Assert.Contains(Done, await PageTextAsync(client, "/moduler/bok"), StringComparison.Ordinal);
        Assert.Contains(Completed, await PageTextAsync(client, "/"), StringComparison.Ordinal);

        // A typo fix without a version bump: a new stored version, re-imported while the site runs.
        content.Write("modules/bok/index.md", Book("1.0", "Texten."));
        await site.Importer.ImportAsync(content.Path);
        Assert.Contains(Done, await PageTextAsync(client, "/moduler/bok"), StringComparison.Ordinal);

        // 1.1, and the site restarts: completed everywhere.
        clock.Advance(TimeSpan.FromDays(10));
        content.Write("modules/bok/index.md", Book("1.1", "Texten, bättre."));
        await RestartAsync();
        client = await site.SignInAsync("larare@versioner.test.example");
        var hr = await site.SignInAsync("hr@versioner.test.example");
        Assert.Contains(Done, await PageTextAsync(client, "/moduler/bok"), StringComparison.Ordinal);
        Assert.Contains(Completed, await PageTextAsync(client, "/"), StringComparison.Ordinal);
        var myPages = await PageTextAsync(client, "/mina-sidor");
        Assert.Contains(Completed, myPages, StringComparison.Ordinal);
        Assert.Contains("Boken 0 av 1 0 – Genomförd", myPages, StringComparison.Ordinal);
        Assert.Contains(Completed, await PageTextAsync(hr, "/hr/medarbetare/" + learner.Id), StringComparison.Ordinal);
        Assert.Equal(3, site.WithDb(db => db.ModuleVersions.Count(v => v.ModuleId == "bok")));

        // 2.0: first stored now (2026-11-22); the 1.0 completion counts for 90 days from here, and the learner may take 2.0.
        clock.Advance(TimeSpan.FromDays(10));
        content.Write("modules/bok/index.md", Book("2.0", "En ny bok."));
        await RestartAsync();
        clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        client = await site.SignInAsync("larare@versioner.test.example"); // the session has ended meanwhile
        hr = await site.SignInAsync("hr@versioner.test.example");
        var overview = await PageTextAsync(client, "/moduler/bok");
        Assert.Contains("Du har genomfört version 1.0 den 2026-11-02. Modulen har en ny version, 2.0, och ditt genomförande gäller till 2027-02-20.", overview, StringComparison.Ordinal);
        Assert.Contains("Börja läsa", overview, StringComparison.Ordinal);
        const string Expiring = "Boken Går snart ut Går ut 2027-02-20";
        Assert.Contains(Expiring, await PageTextAsync(client, "/"), StringComparison.Ordinal);
        Assert.Contains(Expiring, await PageTextAsync(client, "/mina-sidor"), StringComparison.Ordinal);
        Assert.Contains("Boken 0 av 1 0 – Genomförd", await PageTextAsync(client, "/mina-sidor"), StringComparison.Ordinal);
        Assert.Contains(Expiring, await PageTextAsync(hr, "/hr/medarbetare/" + learner.Id), StringComparison.Ordinal);

        // The grace has ended, and so has the due date: overdue.
        clock.Advance(TimeSpan.FromMinutes(1));
        client = await site.SignInAsync("larare@versioner.test.example");
        var after = await PageTextAsync(client, "/moduler/bok");
        Assert.DoesNotContain("Modulen är genomförd", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Du har genomfört version 1.0", after, StringComparison.Ordinal);
        Assert.Contains("Börja läsa", after, StringComparison.Ordinal);
        const string Overdue = "Boken Försenad Skulle vara klar 2026-12-02";
        Assert.Contains(Overdue, await PageTextAsync(client, "/"), StringComparison.Ordinal);
        myPages = await PageTextAsync(client, "/mina-sidor");
        Assert.Contains(Overdue, myPages, StringComparison.Ordinal);
        Assert.DoesNotContain("Boken 0 av 1 0 – Genomförd", myPages, StringComparison.Ordinal);
        Assert.Contains("Boken 1.0 2026-11-02 – Bekräftad", myPages, StringComparison.Ordinal); // the history keeps it

        // 2.0 completed: completed again, and the history shows both.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/bok/1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, "/moduler/bok/1?handler=Confirm", [], "/moduler/bok/1")).StatusCode);
        myPages = await PageTextAsync(client, "/mina-sidor");
        Assert.Contains("Boken Genomförd Gäller tills vidare", myPages, StringComparison.Ordinal);
        Assert.Contains("Boken 2.0 2027-02-20 – Bekräftad", myPages, StringComparison.Ordinal);
        Assert.Contains("Boken 1.0 2026-11-02 – Bekräftad", myPages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAttemptDrawnFrom10_PassedAfterA11IsStored_RecordsACompletionOf10()
    {
        await site.CreateUserAsync("provtagare@versioner.test.example", "versioner");
        var client = await site.SignInAsync("provtagare@versioner.test.example");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/prov/1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, "/moduler/prov/prov?handler=Start", [], "/moduler/prov/prov")).StatusCode);
        var attempt = site.WithDb(db => db.QuizAttempts.Single(a => a.SubmittedAt == null));
        var right = DrawnQuiz.FromJson(attempt.DrawnJson).Questions[0].Answers.First(a => a.Fraction >= 1).Id;
        var token = Forms.AntiforgeryToken(await (await client.GetAsync(new Uri("/moduler/prov/prov", UriKind.Relative))).Content.ReadAsStringAsync());

        content.Write("modules/prov/index.md", Quiz("1.1", "Bättre text."));
        await site.Importer.ImportAsync(content.Path);

        var submitted = await SubmitAsync(client, attempt.Id, right, token);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        Assert.Contains("Du klarade provet 2026-11-02 med 100 %.", await PageTextAsync(client, "/moduler/prov"), StringComparison.Ordinal);
        Assert.Contains("Provmodulen 1.0 2026-11-02 100 % Prov", await PageTextAsync(client, "/mina-sidor"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAttemptDrawnFrom10_PassedAfterA20IsStored_RecordsNoCompletion()
    {
        await site.CreateUserAsync("sen@versioner.test.example", "versioner");
        var client = await site.SignInAsync("sen@versioner.test.example");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/prov/1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, "/moduler/prov/prov?handler=Start", [], "/moduler/prov/prov")).StatusCode);
        var attempt = site.WithDb(db => db.QuizAttempts.Single(a => a.SubmittedAt == null));
        var right = DrawnQuiz.FromJson(attempt.DrawnJson).Questions[0].Answers.First(a => a.Fraction >= 1).Id;
        var token = Forms.AntiforgeryToken(await (await client.GetAsync(new Uri("/moduler/prov/prov", UriKind.Relative))).Content.ReadAsStringAsync());

        content.Write("modules/prov/index.md", Quiz("2.0", "En ny modul."));
        await site.Importer.ImportAsync(content.Path);

        var submitted = await SubmitAsync(client, attempt.Id, right, token);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(0, site.WithDb(db => db.Completions.Count()));
        Assert.DoesNotContain("Modulen är genomförd", await PageTextAsync(client, "/moduler/prov"), StringComparison.Ordinal);
    }

    /// <summary>Submits the attempt with the form as it was served before the content changed.</summary>
    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string attempt, string answer, string token) =>
        client.PostAsync(new Uri("/moduler/prov/prov?handler=Submit", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["attempt"] = attempt,
            ["q0"] = answer,
            ["__RequestVerificationToken"] = token,
        }));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
