using System.Text.RegularExpressions;
using Training.Core.Quiz;

namespace Training.Web.Tests.Pages.Modules;

/// <summary>
/// The attempt limit and the confirmation under real simultaneous requests on the real database: the same learner's
/// session sends Start, or Confirm, many times at the same moment, or many learners start and submit at once.
/// </summary>
public sealed partial class SimultaneousRequestsTests : IAsyncLifetime
{
    private readonly TempFolder content = new();
    private TrainingSite site = null!;

    public async Task InitializeAsync()
    {
        content.Write("modules/prov/index.md", """
            ---
            id: prov
            title: Provmodulen
            version: "1.0"
            quiz:
              pass_mark: 100
              max_attempts: 3
              cooldown_hours: 24
            ---
            ## Enda

            Text.

            ```gift
            // [id:f1]
            ::Ett:: Är ett ett? {T}
            ```
            """);
        content.Write("modules/las/index.md", """
            ---
            id: las
            title: Läsmodulen
            version: "1.0"
            ---
            ## Enda

            Text.
            """);
        site = new TrainingSite(content.Path);
        await site.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        content.Dispose();
    }

    [Fact]
    public async Task SixteenStartsAtOnce_OpenOneAttempt_AndSubmittingCannotPassTheLimit()
    {
        var user = await site.CreateUserAsync("start@polisen.se");
        var client = await site.SignInAsync("start@polisen.se");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/prov/1", UriKind.Relative))).StatusCode);
        var token = Forms.AntiforgeryToken(await client.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative)));

        for (var round = 0; round < 5; round++)
        {
            var starts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.PostAsync(
                new Uri("/moduler/prov/prov?handler=Start", UriKind.Relative),
                new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))));
            Assert.All(starts, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

            var open = site.WithDb(db => db.QuizAttempts.Where(a => a.UserId == user.Id && a.SubmittedAt == null).Select(a => a.Id).ToList());
            Assert.True(round < 3 ? open.Count == 1 : open.Count == 0, $"Omgång {round + 1}: {open.Count} öppna försök.");
            foreach (var attempt in open)
            {
                var wrong = site.WithDb(db => DrawnQuiz.FromJson(db.QuizAttempts.Single(a => a.Id == attempt).DrawnJson)).Questions[0].Answers.First(a => a.Fraction < 1).Id;
                var submitted = await client.PostAsync(new Uri("/moduler/prov/prov?handler=Submit", UriKind.Relative), new FormUrlEncodedContent(
                    [new("__RequestVerificationToken", token), new("attempt", attempt), new("q0", wrong)]));
                Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
            }
        }

        Assert.Equal(3, site.WithDb(db => db.QuizAttempts.Count(a => a.UserId == user.Id && a.SubmittedAt != null)));
    }

    /// <summary>
    /// Many learners starting, then submitting, at the same moment: each is in their own turn, so none waits for or
    /// aborts another (on PostgreSQL, serializable transactions here aborted learners who merely wrote near each other
    /// in an index, until the retries ran out and the learner got an error page).
    /// </summary>
    [Fact]
    public async Task FortyLearnersAtOnce_EachStartsOneAttemptAndPassesOnce()
    {
        var learners = new List<(string Id, HttpClient Client, string Token)>();
        for (var i = 0; i < 40; i++)
        {
            var user = await site.CreateUserAsync($"samtidig{i}@polisen.se");
            var client = await site.SignInAsync($"samtidig{i}@polisen.se");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/prov/1", UriKind.Relative))).StatusCode);
            learners.Add((user.Id, client, Forms.AntiforgeryToken(await client.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative)))));
        }

        var starts = await Task.WhenAll(learners.Select(l => l.Client.PostAsync(
            new Uri("/moduler/prov/prov?handler=Start", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", l.Token)]))));
        Assert.All(starts, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

        var attempts = learners.Select(l => site.WithDb(db => db.QuizAttempts.Single(a => a.UserId == l.Id))).ToList();
        var submits = await Task.WhenAll(learners.Zip(attempts).Select(pair => pair.First.Client.PostAsync(
            new Uri("/moduler/prov/prov?handler=Submit", UriKind.Relative), new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", pair.First.Token),
                new("attempt", pair.Second.Id),
                new("q0", DrawnQuiz.FromJson(pair.Second.DrawnJson).Questions[0].Answers.First(a => a.Fraction == 1).Id),
            ]))));
        Assert.All(submits, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

        var ids = learners.Select(l => l.Id).ToList();
        var completions = site.WithDb(db => db.Completions.Where(c => ids.Contains(c.UserId) && c.ModuleId == "prov")
            .GroupBy(c => c.UserId).Select(g => g.Count()).ToList());
        Assert.Equal(Enumerable.Repeat(1, 40), completions);
        Assert.Empty(site.Errors);
        Assert.True(site.Conflicts.IsEmpty, $"{site.Conflicts.Count} transaktioner krockade och kördes igen, fast varje deltagare bara skrev sitt eget.");
    }

    [Fact]
    public async Task TwelveConfirmsAtOnce_GiveOneCompletion()
    {
        var user = await site.CreateUserAsync("bekraftar@polisen.se");
        var client = await site.SignInAsync("bekraftar@polisen.se");
        var page = await client.GetStringAsync(new Uri("/moduler/las/1", UriKind.Relative));
        var token = Forms.AntiforgeryToken(page);
        Assert.Matches(ConfirmForm(), page);

        var confirms = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.PostAsync(
            new Uri("/moduler/las/1?handler=Confirm", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))));

        Assert.All(confirms, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, site.WithDb(db => db.Completions.Count(c => c.UserId == user.Id && c.ModuleId == "las")));
    }

    [GeneratedRegex("action=\"/moduler/las/1\\?handler=Confirm\"")]
    private static partial Regex ConfirmForm();
}
