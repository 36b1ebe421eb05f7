using System.Text.RegularExpressions;
using Training.Core.Quiz;

namespace Training.Web.Tests.Pages.Modules;

/// <summary>
/// The attempt limit and the confirmation under real simultaneous requests on the real SQLite file: the same
/// learner's session sends Start, or Confirm, many times at the same moment.
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
