using System.Text.RegularExpressions;
using Training.Core.Quiz;
using Training.Web.Audit;
using Training.Web.Data;
using Training.Web.Tests.Pages.Hr;

namespace Training.Web.Tests.Instances;

/// <summary>
/// Issue #17: the site as an operations team runs it, two instances behind a load balancer on one database. A cookie or
/// form that one instance issued works on the other, a rule that reads and then writes holds across them, and a queued
/// import runs on one of them only.
/// </summary>
public sealed partial class TwoInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private readonly TrainingSite site = instances.Site;

    [Fact]
    public async Task ALearner_SignsInOnA_OpensTheQuizOnB_SubmitsOnA_AndGetsExactlyOneCompletion()
    {
        await site.CreateUserAsync("lara.tva@polisen.se");
        using var browser = instances.NewBrowser();
        await browser.SignInAsync("lara.tva@polisen.se");
        foreach (var section in new[] { 1, 2 })
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.OnA.GetAsync(new Uri($"/moduler/prov/{section}", UriKind.Relative))).StatusCode);
        }

        // B reads A's session cookie; its own form and antiforgery token start the attempt
        var started = await Forms.PostAsync(browser.OnB, "/moduler/prov/prov?handler=Start", [], "/moduler/prov/prov");
        Assert.True(started.StatusCode == HttpStatusCode.Redirect, $"Provet startade inte på B: {(int)started.StatusCode}\n{instances.Output()}");
        var quizOnB = await browser.OnB.GetStringAsync(new Uri("/moduler/prov/prov", UriKind.Relative));
        var attempt = AttemptField().Match(quizOnB).Groups[1].Value;
        Assert.Matches("^[0-9a-f]+$", attempt);
        var answers = RightAnswers(attempt);
        answers["__RequestVerificationToken"] = Forms.AntiforgeryToken(quizOnB);

        // B's token posted to A, and the same answers to B at the same moment, as a double click across instances would
        var submitted = await Task.WhenAll(
            browser.OnA.PostAsync(new Uri("/moduler/prov/prov?handler=Submit", UriKind.Relative), new FormUrlEncodedContent(answers)),
            browser.OnB.PostAsync(new Uri("/moduler/prov/prov?handler=Submit", UriKind.Relative), new FormUrlEncodedContent(answers)));

        Assert.All(submitted, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var result = await browser.OnA.GetStringAsync(new Uri($"/moduler/prov/prov/{attempt}", UriKind.Relative));
        Assert.Contains("Du fick 100 %.", result, StringComparison.Ordinal);
        Assert.Contains("Godkänt", result, StringComparison.Ordinal);
        Assert.Equal(1, site.WithDb(db => db.Completions.Count(c => c.AttemptId == attempt)));
        Assert.Equal(1, site.WithDb(db => db.Completions.Count(c => c.UserId == db.Users.Single(u => u.Email == "lara.tva@polisen.se").Id)));
    }

    [Fact]
    public async Task TwoAdmins_DemotingEachOtherAtOnceOnDifferentInstances_LeaveOneAdmin()
    {
        var first = await site.CreateUserAsync("admin.a@polisen.se", "polisen", Roles.Admin);
        var second = await site.CreateUserAsync("admin.b@polisen.se", "polisen", Roles.Admin);
        // the fixture's database has no other admin: these two are all there are
        Assert.Equal(2, AdminCount());
        using var onA = instances.NewBrowser();
        using var onB = instances.NewBrowser();
        await onA.SignInAsync(first.Email!);
        await onB.SignInAsync(second.Email!, onB: true);
        var firstToken = Forms.AntiforgeryToken(await onA.OnA.GetStringAsync(new Uri("/admin/anvandare/" + second.Id, UriKind.Relative)));
        var secondToken = Forms.AntiforgeryToken(await onB.OnB.GetStringAsync(new Uri("/admin/anvandare/" + first.Id, UriKind.Relative)));

        var responses = await Task.WhenAll(
            onA.OnA.PostAsync(new Uri($"/admin/anvandare/{second.Id}?handler=Roles", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = firstToken })),
            onB.OnB.PostAsync(new Uri($"/admin/anvandare/{first.Id}?handler=Roles", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = secondToken })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)r.StatusCode}\n{instances.Output()}"));
        Assert.Equal(1, AdminCount());
        Assert.Single(site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.RoleRemoved).ToList()));
    }

    [Fact]
    public async Task AnEmployeeImport_UploadedOnA_ConfirmedOnB_RunsOnce_AndItsResultShowsOnA()
    {
        await site.CreateUserAsync("hr.tva@polisen.se", "polisen", Roles.Hr);
        using var browser = instances.NewBrowser();
        await browser.SignInAsync("hr.tva@polisen.se");

        var preview = await ImportSite.UploadAsync(browser.OnA, """
            employee_number;name;email;unit;job_role;start_date
            M1;Maja Multi;maja.multi@polisen.se;Region Syd;utredare;2024-01-15
            M2;Max Multi;max.multi@polisen.se;;utredare;2024-02-01
            """);
        await ImportSite.ConfirmAsync(browser.OnB, preview);
        var onA = await ImportSite.ResultAsync(browser.OnA, preview);

        Assert.Contains("Importen är klar", onA, StringComparison.Ordinal);
        Assert.Equal("2", ImportSite.Counts(onA)["Nya medarbetare"]);
        Assert.Equal("2", ImportSite.Counts(onA)["Inbjudningar skickade"]);
        Assert.Single(site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.UsersImported && e.ActorLabel == "hr.tva@polisen.se").ToList()));
        Assert.Equal(2, site.WithDb(db => db.Users.Count(u => u.Email!.EndsWith(".multi@polisen.se"))));
        Assert.Single(site.Mails(), m => m.Contains("maja.multi@polisen.se", StringComparison.Ordinal));
        var id = preview.Split('/')[^1];
        Assert.False(site.WithDb(db => db.ImportFiles.Any(f => f.Id == id)), "Filen ska tas bort när importen är klar.");
    }

    private int AdminCount() => site.WithDb(db =>
        db.Users.Count(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin))));

    /// <summary>The right answers of an attempt, as the form posts them (read from the stored answer key).</summary>
    private Dictionary<string, string> RightAnswers(string attemptId)
    {
        var drawn = DrawnQuiz.FromJson(site.WithDb(db => db.QuizAttempts.Single(a => a.Id == attemptId).DrawnJson));
        var fields = new Dictionary<string, string> { ["attempt"] = attemptId };
        for (var i = 0; i < drawn.Questions.Count; i++)
        {
            fields[$"q{i}"] = drawn.Questions[i].Answers.First(a => a.Fraction >= 1).Id;
        }
        return fields;
    }

    [GeneratedRegex("name=\"attempt\" value=\"([0-9a-f]+)\"")]
    private static partial Regex AttemptField();
}
