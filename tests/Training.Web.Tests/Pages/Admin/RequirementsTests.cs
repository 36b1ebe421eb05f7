using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Admin;

/// <summary>
/// /admin/krav: an admin makes a module mandatory for one job role through the real form; the people of that role see it
/// first on their start page with its status and due date, others do not; changes and removal are audited and never
/// touch a completion.
/// </summary>
public sealed partial class RequirementsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private TrainingSite site = null!;
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        site = new TrainingSite { Clock = clock };
        await site.StartAsync();
        await site.CreateUserAsync("kravadmin@polisen.se", "polisen", Roles.Admin);
        admin = await site.SignInAsync("kravadmin@polisen.se");
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    private int JobRole(string code) => site.WithDb(db => db.JobRoles.Single(j => j.Code == code && j.Agency.Code == "polisen").Id);

    private async Task<User> PersonWithRoleAsync(string email, string roleCode)
    {
        var user = await site.CreateUserAsync(email);
        var role = JobRole(roleCode);
        await site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.JobRoleId, role));
        });
        return user;
    }

    private string Title(string moduleId) => site.Services.GetRequiredService<ContentCatalogue>().Find(moduleId)!.Title;

    private static List<KeyValuePair<string, string>> Form(string target, string due = "dagar", string days = "30", string? date = null, params int[] roles) =>
    [
        new("Form.Target", target),
        new("Form.UnitId", ""),
        .. roles.Select(r => new KeyValuePair<string, string>("Form.JobRoleIds", r.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        new("Form.Due", due),
        new("Form.DueWithinDays", days),
        new("Form.DueDate", date ?? ""),
        new("Form.RenewalWindowDays", "60"),
        new("Form.GraceDays", "90"),
    ];

    private static async Task<string> TextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(Spaces().Replace(Tags().Replace(await response.Content.ReadAsStringAsync(), " "), " "));
    }

    [Fact]
    public async Task ARequirementForOneJobRole_IsOnTheStartPageOfThatRoleOnly_MostUrgentFirst_AndItsChangesAreAudited()
    {
        await PersonWithRoleAsync("utredaren@polisen.se", "utredare");
        await PersonWithRoleAsync("granspolisen@polisen.se", "granspolis");

        var created = await Forms.PostAsync(admin, "/admin/krav/ny?myndighet=polisen", Form("modul:samverkan", roles: JobRole("utredare")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/admin/krav?myndighet=polisen", created.Headers.Location?.OriginalString);
        var requirement = site.WithDb(db => db.Requirements.Include(r => r.JobRoles).Single());
        Assert.Equal("samverkan", requirement.ModuleId);
        Assert.Equal(30, requirement.DueWithinDays);
        Assert.Equal([JobRole("utredare")], requirement.JobRoles.Select(j => j.JobRoleId));
        var added = site.WithDb(db => db.AuditEntries.Single(e => e.Action == AuditActions.RequirementAdded));
        Assert.Contains(Title("samverkan"), added.Details, StringComparison.Ordinal);
        Assert.Contains("utredare", added.Details, StringComparison.OrdinalIgnoreCase);
        var list = await TextAsync(admin, "/admin/krav?myndighet=polisen");
        Assert.Contains($"{Title("samverkan")} Polismyndigheten Utredare Inom 30 dagar från anställningen 1", list, StringComparison.Ordinal);

        // A second, earlier due date for everyone: it comes first on the list.
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(admin, "/admin/krav/ny?myndighet=polisen",
            Form("modul:barn-som-offer", due: "datum", date: "2026-11-20"))).StatusCode);

        var investigator = await site.SignInAsync("utredaren@polisen.se");
        var start = await TextAsync(investigator, "/");
        Assert.Contains("Din obligatoriska utbildning", start, StringComparison.Ordinal);
        // The person started in 2024, before the requirement: 30 days from the requirement's start, 2026-12-02.
        var first = start.IndexOf($"{Title("barn-som-offer")} Ej påbörjad Senast 2026-11-20", StringComparison.Ordinal);
        var second = start.IndexOf($"{Title("samverkan")} Ej påbörjad Senast 2026-12-02", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, start);

        var borderGuard = await site.SignInAsync("granspolisen@polisen.se");
        var other = await TextAsync(borderGuard, "/");
        Assert.Contains($"{Title("barn-som-offer")} Ej påbörjad", other, StringComparison.Ordinal);
        Assert.DoesNotContain($"{Title("samverkan")} Ej påbörjad", other, StringComparison.Ordinal);

        // Overdue once the day has passed, on the start page and on Mina sidor.
        clock.Advance(TimeSpan.FromDays(19));
        (investigator, admin) = (await site.SignInAsync("utredaren@polisen.se"), await site.SignInAsync("kravadmin@polisen.se")); // the sessions have ended meanwhile
        Assert.Contains($"{Title("barn-som-offer")} Försenad Skulle vara klar 2026-11-20", await TextAsync(investigator, "/"), StringComparison.Ordinal);
        Assert.Contains($"{Title("barn-som-offer")} Försenad", await TextAsync(investigator, "/mina-sidor"), StringComparison.Ordinal);

        // Changed to every job role: the border guard has it too, and the entry says from what to what.
        var id = requirement.Id;
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(admin, $"/admin/krav/{id}", Form("modul:samverkan", days: "45"))).StatusCode);
        var changed = site.WithDb(db => db.AuditEntries.Single(e => e.Action == AuditActions.RequirementChanged));
        Assert.Contains("inom 30 dagar", changed.Details, StringComparison.Ordinal);
        Assert.Contains("inom 45 dagar", changed.Details, StringComparison.Ordinal);
        borderGuard = await site.SignInAsync("granspolisen@polisen.se");
        Assert.Contains($"{Title("samverkan")} Ej påbörjad", await TextAsync(borderGuard, "/"), StringComparison.Ordinal);

        // Removed: off the start page, audited, and no completion touched.
        var completions = site.WithDb(db => db.Completions.Count());
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(admin, $"/admin/krav/{id}?handler=Remove", [], $"/admin/krav/{id}")).StatusCode);
        Assert.Single(site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.RequirementRemoved).ToList()));
        Assert.DoesNotContain($"{Title("samverkan")} Ej påbörjad", await TextAsync(borderGuard, "/"), StringComparison.Ordinal);
        Assert.Equal(completions, site.WithDb(db => db.Completions.Count()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/admin/krav/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AFormWithMistakes_IsRefusedWithSwedishMessages_AndStoresNothing()
    {
        var response = await Forms.PostAsync(admin, "/admin/krav/ny?myndighet=polisen", Form("modul:finns-inte", days: "tre"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = Forms.Errors(await response.Content.ReadAsStringAsync());
        Assert.Contains("Välj en modul eller ett spår.", errors);
        Assert.Contains("Skriv hur många dagar, 1–3650.", errors);
        Assert.Equal(0, site.WithDb(db => db.Requirements.Count()));
    }

    [Fact]
    public async Task OnlyAdminsReachTheRequirements()
    {
        await site.CreateUserAsync("kravhr@polisen.se", "polisen", Roles.Hr);
        var hr = await site.SignInAsync("kravhr@polisen.se");

        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync(new Uri("/admin/krav", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync(new Uri("/admin/krav/ny?myndighet=polisen", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/admin/krav/ny?myndighet=finns-inte", UriKind.Relative))).StatusCode);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
