using Microsoft.Extensions.Time.Testing;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Infrastructure;

/// <summary>
/// One site on a fake clock shared by a test class, with a signed-in admin (polisen), HR of polisen and of aklagare,
/// and a learner. The clock stands still unless a test moves it, so an audit entry's time is known exactly.
/// </summary>
public sealed class StaffSite : IAsyncLifetime
{
    public const string AdminEmail = "admin.personal@polisen.se";
    public const string HrEmail = "hr.personal@polisen.se";
    public const string OtherHrEmail = "hr.personal@aklagare.se";
    public const string LearnerEmail = "larande.personal@polisen.se";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero));

    public TrainingSite Site { get; private set; } = null!;

    public User Admin { get; private set; } = null!;

    public User Hr { get; private set; } = null!;

    public HttpClient AsAdmin { get; private set; } = null!;

    public HttpClient AsHr { get; private set; } = null!;

    public HttpClient AsOtherHr { get; private set; } = null!;

    public HttpClient AsLearner { get; private set; } = null!;

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public async Task InitializeAsync()
    {
        Site = new TrainingSite { Clock = Clock };
        await Site.StartAsync();
        Admin = await Site.CreateUserAsync(AdminEmail, "polisen", Roles.Admin);
        Hr = await Site.CreateUserAsync(HrEmail, "polisen", Roles.Hr);
        await Site.CreateUserAsync(OtherHrEmail, "aklagare", Roles.Hr);
        await Site.CreateUserAsync(LearnerEmail);
        AsAdmin = await Site.SignInAsync(AdminEmail);
        AsHr = await Site.SignInAsync(HrEmail);
        AsOtherHr = await Site.SignInAsync(OtherHrEmail);
        AsLearner = await Site.SignInAsync(LearnerEmail);
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();

    /// <summary>The audit entries about one subject (a user id or an agency code), oldest first.</summary>
    public IReadOnlyList<AuditEntry> EntriesAbout(string subjectId) =>
        Site.WithDb(db => db.AuditEntries.Where(e => e.SubjectId == subjectId).OrderBy(e => e.Id).ToList());

    /// <summary>Follows a redirect with a GET and returns the page it leads to.</summary>
    public static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"väntade en omdirigering, fick {(int)response.StatusCode}: {string.Join(" | ", Forms.Errors(await response.Content.ReadAsStringAsync()))}");
        return await client.GetStringAsync(response.Headers.Location);
    }
}
