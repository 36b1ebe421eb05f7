using System.Text.RegularExpressions;
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
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private TrainingSite site = null!;

    public async Task InitializeAsync()
    {
        content.Write("modules/bok/index.md", Book("1.0", "Text."))
            .Write("modules/prov/index.md", Quiz("1.0", "Text."));
        site = new TrainingSite(content.Path) { Clock = clock };
        await site.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        content.Dispose();
    }

    private async Task RestartAsync()
    {
        await site.DisposeAsync();
        site = new TrainingSite(content.Path, site.DataFolder) { Clock = clock };
        await site.StartAsync();
    }

    private static async Task<string> PageTextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return WebUtility.HtmlDecode(Spaces().Replace(Tags().Replace(html, " "), " "));
    }

    [Fact]
    public async Task ACompletionOf10_CountsOn11_AndOnAChangeWithoutABump_AndOn20DuringTheGraceOnly()
    {
        await site.CreateUserAsync("larare@versioner.test.example", "versioner");
        var client = await site.SignInAsync("larare@versioner.test.example");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/bok/1", UriKind.Relative))).StatusCode);
        var confirmed = await Forms.PostAsync(client, "/moduler/bok/1?handler=Confirm", [], "/moduler/bok/1");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        const string Done = "Modulen är genomförd. Du bekräftade 2026-11-02";
        Assert.Contains(Done, await PageTextAsync(client, "/moduler/bok"), StringComparison.Ordinal);

        // A typo fix without a version bump: a new stored version, re-imported while the site runs.
        content.Write("modules/bok/index.md", Book("1.0", "Texten."));
        await site.Importer.ImportAsync(content.Path);
        Assert.Contains(Done, await PageTextAsync(client, "/moduler/bok"), StringComparison.Ordinal);

        // 1.1, and the site restarts.
        clock.Advance(TimeSpan.FromDays(10));
        content.Write("modules/bok/index.md", Book("1.1", "Texten, bättre."));
        await RestartAsync();
        client = await site.SignInAsync("larare@versioner.test.example");
        Assert.Contains(Done, await PageTextAsync(client, "/moduler/bok"), StringComparison.Ordinal);
        Assert.Contains("Boken 0 av 1 0 – Genomförd", await PageTextAsync(client, "/mina-sidor"), StringComparison.Ordinal);
        Assert.Equal(3, site.WithDb(db => db.ModuleVersions.Count(v => v.ModuleId == "bok")));

        // 2.0: first stored now; the 1.0 completion counts for 90 days from here.
        clock.Advance(TimeSpan.FromDays(10));
        content.Write("modules/bok/index.md", Book("2.0", "En ny bok."));
        await RestartAsync();
        client = await site.SignInAsync("larare@versioner.test.example");
        clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        client = await site.SignInAsync("larare@versioner.test.example"); // the session has ended meanwhile
        Assert.Contains(Done, await PageTextAsync(client, "/moduler/bok"), StringComparison.Ordinal);
        Assert.Contains("Boken 0 av 1 0 – Genomförd", await PageTextAsync(client, "/mina-sidor"), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(1));
        client = await site.SignInAsync("larare@versioner.test.example");
        var after = await PageTextAsync(client, "/moduler/bok");
        Assert.DoesNotContain("Modulen är genomförd", after, StringComparison.Ordinal);
        Assert.Contains("Börja läsa", after, StringComparison.Ordinal);
        var myPages = await PageTextAsync(client, "/mina-sidor");
        Assert.DoesNotContain("Boken 0 av 1 0 – Genomförd", myPages, StringComparison.Ordinal);
        Assert.Contains("Boken 1.0 2026-11-02 Bekräftad", myPages, StringComparison.Ordinal); // the history keeps it
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
        Assert.Contains("Provmodulen 1.0 2026-11-02 100 %", await PageTextAsync(client, "/mina-sidor"), StringComparison.Ordinal);
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
