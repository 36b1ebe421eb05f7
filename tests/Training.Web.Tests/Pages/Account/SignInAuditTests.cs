using Training.Web.Audit;

namespace Training.Web.Tests.Pages.Account;

[Collection(SiteCollection.Name)]
public class SignInAuditTests(SharedSite shared)
{
    private TrainingSite Site => shared.Site;

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        Forms.PostAsync(client, "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task AWrongPassword_IsRecorded_WithTheAccountAsSubject()
    {
        var user = await Site.CreateUserAsync("loggad.fel@polisen.se");
        var before = DateTime.UtcNow;

        await SignInAsync(Site.NewClient(), "loggad.fel@polisen.se", "inte mitt lösenord alls");

        var entry = Assert.Single(Site.WithDb(db => db.AuditEntries.Where(e => e.SubjectId == user.Id).ToList()));
        Assert.Equal(AuditActions.SignInFailed, entry.Action);
        Assert.Null(entry.ActorId);
        Assert.Equal("loggad.fel@polisen.se", entry.SubjectLabel);
        Assert.Equal(user.AgencyId, entry.AgencyId);
        Assert.Equal("Fel lösenord.", entry.Details);
        Assert.InRange(entry.At, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task AnUnknownAddress_IsRecorded_AsTyped_WithoutAgency()
    {
        var typed = "  " + new string('x', 300) + "@okand-domän.example ";

        await SignInAsync(Site.NewClient(), typed, "vad som helst här");

        var entry = Assert.Single(Site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.SignInFailed && e.SubjectLabel!.StartsWith("xxxxx")).ToList()));
        Assert.Equal(typed.Trim()[..256], entry.SubjectLabel);
        Assert.Null(entry.SubjectId);
        Assert.Null(entry.AgencyId);
        Assert.Null(entry.ActorId);
    }

    [Fact]
    public async Task TheFailureThatLocks_AndAttemptsWhileLocked_AreRecordedAsLockouts()
    {
        var user = await Site.CreateUserAsync("loggad.last@polisen.se");
        var client = Site.NewClient();
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync(client, "loggad.last@polisen.se", "fel lösenord nummer " + i);
        }

        await SignInAsync(client, "loggad.last@polisen.se", TrainingSite.Password);

        var entries = Site.WithDb(db => db.AuditEntries.Where(e => e.SubjectId == user.Id).OrderBy(e => e.Id).ToList());
        Assert.Equal(
            [.. Enumerable.Repeat(AuditActions.SignInFailed, 5), AuditActions.LockedOut, AuditActions.LockedOut],
            entries.Select(e => e.Action));
        Assert.Equal("Försök att logga in medan kontot var låst.", entries[^1].Details);
    }
}
