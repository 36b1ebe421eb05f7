using Training.Core.Quiz;

namespace Training.Web.Tests.Pages.Modules;

/// <summary>A failed attempt's result page must not give the key away, whatever the learner ticked.</summary>
public sealed class QuizResultReviewTests : IAsyncLifetime
{
    private readonly TempFolder content = new();
    private TrainingSite site = null!;

    public async Task InitializeAsync()
    {
        content.Write("modules/flera/index.md", """
            ---
            id: flera
            title: Flervalsmodulen
            version: "1.0"
            quiz:
              pass_mark: 100
            ---
            ## Enda

            Text.

            ```gift
            // [id:m1]
            ::Flera:: Vilka är jämna tal? {
              ~%50%2 # NYCKEL-TVA-RATT
              ~%50%4 # NYCKEL-FYRA-RATT
              ~%-100%3 # NYCKEL-TRE-FEL
              ####ALLMAN-FORKLARING
            }

            // [id:s1]
            ::Sant:: Är himlen blå? {T#NYCKEL-SANT-FEL#NYCKEL-SANT-RATT}
            ```
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
    public async Task TickingEveryBox_Fails_AndTheResultShowsNoVerdictNorPerAnswerFeedback_UntilAPass()
    {
        await site.CreateUserAsync("kryssar@polisen.se");
        var client = await site.SignInAsync("kryssar@polisen.se");
        await client.GetAsync(new Uri("/moduler/flera/1", UriKind.Relative));

        var failed = await TakeAsync(client, everything: true);

        Assert.Contains("Inte godkänt", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("NYCKEL", failed, StringComparison.Ordinal);
        Assert.DoesNotContain(": rätt", failed, StringComparison.Ordinal);
        Assert.DoesNotContain(": fel", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("Rätt svar:", failed, StringComparison.Ordinal);
        Assert.Contains("ALLMAN-FORKLARING", failed, StringComparison.Ordinal);
        Assert.Contains("Vilka svar som är rätt visas när du har klarat provet.", failed, StringComparison.Ordinal);

        var passed = await TakeAsync(client, everything: false);

        Assert.Contains("Godkänt", passed, StringComparison.Ordinal);
        Assert.Contains("NYCKEL-TVA-RATT", passed, StringComparison.Ordinal);
        Assert.Contains("Rätt svar:", passed, StringComparison.Ordinal);
    }

    /// <summary>Every option of both questions (true and false alike), or exactly the right ones; returns the result page.</summary>
    private async Task<string> TakeAsync(HttpClient client, bool everything)
    {
        var start = await Forms.PostAsync(client, "/moduler/flera/prov?handler=Start", [], "/moduler/flera/prov");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var attempt = site.WithDb(db => db.QuizAttempts.Where(a => a.SubmittedAt == null).Select(a => a.Id).Single());
        var drawn = DrawnQuiz.FromJson(site.WithDb(db => db.QuizAttempts.Single(a => a.Id == attempt).DrawnJson));
        var fields = new List<KeyValuePair<string, string>> { new("attempt", attempt) };
        for (var i = 0; i < drawn.Questions.Count; i++)
        {
            var question = drawn.Questions[i];
            var chosen = question.Type == Core.Gift.QuestionType.TrueFalse
                ? [everything ? question.Answers.First(a => a.Fraction < 1) : question.Answers.First(a => a.Fraction >= 1)]
                : question.Answers.Where(a => everything || a.Fraction > 0);
            fields.AddRange(chosen.Select(a => new KeyValuePair<string, string>($"q{i}", a.Id)));
        }
        var submitted = await Forms.PostAsync(client, "/moduler/flera/prov?handler=Submit", fields, "/moduler/flera/prov");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        return await client.GetStringAsync(submitted.Headers.Location);
    }
}
