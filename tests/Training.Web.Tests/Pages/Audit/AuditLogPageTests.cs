using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Audit;

/// <summary>/admin/logg: newest first, filtered, scoped to HR's own agency, and read only, down to the database.</summary>
public class AuditLogPageTests(StaffSite staff) : IClassFixture<StaffSite>
{
    private TrainingSite Site => staff.Site;

    private int AgencyId(string code) => Site.WithDb(db => db.Agencies.Single(a => a.Code == code).Id);

    private void Seed(params AuditEntry[] entries) => Site.WithDb(db =>
    {
        db.AuditEntries.AddRange(entries);
        return db.SaveChanges();
    });

    private static AuditEntry Entry(string details, DateTime at, string action, string actor, string subject, int agencyId) =>
        new() { Details = details, At = at, Action = action, ActorLabel = actor, SubjectLabel = subject, SubjectId = subject, AgencyId = agencyId };

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} gav {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Which of the named entries a page shows, in the order it shows them.</summary>
    private static List<string> Shown(string html, params string[] names) =>
        names.Where(n => html.Contains(n, StringComparison.Ordinal)).OrderBy(n => html.IndexOf(n, StringComparison.Ordinal)).ToList();

    private void SeedFilterEntries(string marker)
    {
        var polisen = AgencyId("polisen");
        var aklagare = AgencyId("aklagare");
        Seed(
            // 22:30 UTC on 9 March is 23:30 in Stockholm: still the 9th
            Entry($"{marker}-A", new DateTime(2026, 3, 9, 22, 30, 0, DateTimeKind.Utc), AuditActions.RoleAdded, $"anna.{marker}@polisen.se", $"bo.{marker}@polisen.se", polisen),
            // 23:30 UTC on 9 March is 00:30 on the 10th in Stockholm
            Entry($"{marker}-B", new DateTime(2026, 3, 9, 23, 30, 0, DateTimeKind.Utc), AuditActions.Deactivated, $"cecilia.{marker}@aklagare.se", $"david.{marker}@aklagare.se", aklagare),
            Entry($"{marker}-C", new DateTime(2026, 3, 11, 12, 0, 0, DateTimeKind.Utc), AuditActions.AgencyChanged, $"anna.{marker}@polisen.se", $"myndighet-{marker}", polisen));
    }

    [Fact]
    public async Task Admin_SeesEveryAgencysEntries_NewestFirst_InStockholmTime_WithSwedishActionNames()
    {
        SeedFilterEntries("ordning");

        var html = await GetAsync(staff.AsAdmin, "/admin/logg?person=ordning");

        Assert.Equal(["ordning-C", "ordning-B", "ordning-A"], Shown(html, "ordning-A", "ordning-B", "ordning-C"));
        Assert.Contains("2026-03-09 23:30", html, StringComparison.Ordinal);
        Assert.Contains("2026-03-10 00:30", html, StringComparison.Ordinal);
        Assert.Contains("<td>Konto inaktiverat</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Åklagarmyndigheten</td>", html, StringComparison.Ordinal);
        Assert.Contains("3 händelser", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fran=2026-03-10&till=2026-03-10&person={m}", new[] { "B" })]
    [InlineData("fran=2026-03-10&person={m}", new[] { "C", "B" })]
    [InlineData("till=2026-03-09&person={m}", new[] { "A" })]
    [InlineData("person=anna.{m}", new[] { "C", "A" })]
    [InlineData("person=DAVID.{M}", new[] { "B" })]
    [InlineData("handelse=deactivated&person={m}", new[] { "B" })]
    [InlineData("handelse=role-added&person={m}", new[] { "A" })]
    [InlineData("myndighet=aklagare&person={m}", new[] { "B" })]
    [InlineData("myndighet=polisen&handelse=agency-changed&person={m}", new[] { "C" })]
    public async Task TheFilters_NarrowTheLog(string query, string[] expected)
    {
        var marker = "filter" + Guid.NewGuid().ToString("N")[..6];
        SeedFilterEntries(marker);

        var html = await GetAsync(staff.AsAdmin, "/admin/logg?" + query
            .Replace("{m}", marker, StringComparison.Ordinal).Replace("{M}", marker.ToUpperInvariant(), StringComparison.Ordinal));

        Assert.Equal(expected.Select(e => $"{marker}-{e}"), Shown(html, $"{marker}-A", $"{marker}-B", $"{marker}-C"));
    }

    [Theory]
    [InlineData("ÖRJAN ÅSTRÖM")]
    [InlineData("örjan åström")]
    [InlineData("Ärlig")]
    public async Task ThePersonFilter_FindsSwedishLettersWhateverTheirCase(string typed)
    {
        var marker = "svensk" + Guid.NewGuid().ToString("N")[..6];
        Seed(Entry($"{marker}-A", new DateTime(2026, 3, 9, 10, 0, 0, DateTimeKind.Utc), AuditActions.RoleAdded, $"Örjan Åström {marker}", $"Ärlig Öberg {marker}", AgencyId("polisen")));

        var html = await GetAsync(staff.AsAdmin, "/admin/logg?person=" + Uri.EscapeDataString(typed));

        Assert.Equal([$"{marker}-A"], Shown(html, $"{marker}-A"));
    }

    [Fact]
    public async Task Hr_SeesOnlyTheirOwnAgencysEntries_AndCannotAskForAnother()
    {
        SeedFilterEntries("omfang");

        var polisenHr = await GetAsync(staff.AsHr, "/admin/logg?person=omfang");
        var aklagareHr = await GetAsync(staff.AsOtherHr, "/admin/logg?person=omfang");
        var askingForOthers = await staff.AsHr.GetAsync(new Uri("/admin/logg?myndighet=aklagare", UriKind.Relative));

        Assert.Equal(["omfang-C", "omfang-A"], Shown(polisenHr, "omfang-A", "omfang-B", "omfang-C"));
        Assert.DoesNotContain("david.omfang", polisenHr, StringComparison.Ordinal);
        Assert.Equal(["omfang-B"], Shown(aklagareHr, "omfang-A", "omfang-B", "omfang-C"));
        Assert.Equal(HttpStatusCode.NotFound, askingForOthers.StatusCode);
        Assert.DoesNotContain("id=\"myndighet\"", polisenHr, StringComparison.Ordinal); // no agency filter for HR
    }

    [Fact]
    public async Task Hr_SeesTheEntriesOfChangesTheyMade()
    {
        var person = await Site.CreateUserAsync("loggas.av.hr@polisen.se");
        var page = "/hr/medarbetare/" + person.Id;
        await Forms.PostAsync(staff.AsHr, page + "?handler=Deactivate", new Dictionary<string, string>(), page);

        var html = await GetAsync(staff.AsHr, "/admin/logg?person=loggas.av.hr&handelse=deactivated");

        Assert.Contains("1 händelse", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{StaffSite.HrEmail}</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>loggas.av.hr@polisen.se</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLog_IsPaged()
    {
        var polisen = AgencyId("polisen");
        var start = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        Seed([.. Enumerable.Range(0, 55).Select(i => Entry($"sidlogg-{i:00}", start.AddMinutes(i), AuditActions.Exported, "sidlogg@polisen.se", "sidlogg", polisen))]);

        var first = await GetAsync(staff.AsAdmin, "/admin/logg?person=sidlogg");
        var second = await GetAsync(staff.AsAdmin, "/admin/logg?person=sidlogg&sida=2");

        Assert.Contains("55 händelser", first, StringComparison.Ordinal);
        Assert.Contains("Sida 1 av 2", first, StringComparison.Ordinal);
        Assert.Contains("sidlogg-54", first, StringComparison.Ordinal);
        Assert.DoesNotContain("sidlogg-04", first, StringComparison.Ordinal);
        Assert.Contains("sidlogg-00", second, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/logg?person=sidlogg&amp;sida=1\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadDate_IsExplainedInSwedish()
    {
        var html = await GetAsync(staff.AsAdmin, "/admin/logg?fran=10/3/2026");

        Assert.Contains("Skriv datumet som ÅÅÅÅ-MM-DD", string.Join(" ", Forms.Errors(html)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("till=9999-12-31")]
    [InlineData("fran=9999-12-31")]
    [InlineData("fran=0001-01-01")]
    [InlineData("till=0001-01-01")]
    [InlineData("fran=1999-12-31&till=2100-01-01")]
    public async Task ADateOutsideTheYearsTheLogCovers_IsExplainedInSwedish(string query)
    {
        var html = await GetAsync(staff.AsAdmin, "/admin/logg?" + query);

        Assert.Contains("Skriv ett datum från 2000-01-01 till 2099-12-31.", string.Join(" ", Forms.Errors(html)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APost_IsNotAccepted_WithOrWithoutAToken()
    {
        SeedFilterEntries("post");
        var before = Site.WithDb(db => db.AuditEntries.Count());
        var token = Forms.AntiforgeryToken(await GetAsync(staff.AsAdmin, "/admin/myndigheter"));

        var withToken = await staff.AsAdmin.PostAsync(new Uri("/admin/logg", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var withHandler = await staff.AsAdmin.PostAsync(new Uri("/admin/logg?handler=Delete", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var withoutToken = await staff.AsAdmin.PostAsync(new Uri("/admin/logg", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, withHandler.StatusCode);
        Assert.False(withoutToken.IsSuccessStatusCode);
        Assert.Equal(before, Site.WithDb(db => db.AuditEntries.Count()));
    }

    [Fact]
    public void TheDatabase_RefusesToUpdateOrDeleteAnEntry()
    {
        SeedFilterEntries("trigger");
        var id = Site.WithDb(db => db.AuditEntries.Single(e => e.Details == "trigger-A").Id);

        var update = Assert.ThrowsAny<DbException>(() => Site.WithDb(db => db.Database.ExecuteSql($"UPDATE \"AuditEntries\" SET \"Details\" = 'ändrad' WHERE \"Id\" = {id}")));
        var delete = Assert.ThrowsAny<DbException>(() => Site.WithDb(db => db.Database.ExecuteSql($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {id}")));
        var viaEf = Assert.Throws<DbUpdateException>(() => Site.WithDb(db =>
        {
            db.AuditEntries.Single(e => e.Id == id).Details = "ändrad";
            return db.SaveChanges();
        }));
        var bulk = Assert.ThrowsAny<DbException>(() => Site.WithDb(db => db.AuditEntries.ExecuteDelete()));

        Assert.All(new[] { update, delete, bulk }, e => Assert.Contains("append-only", e.Message, StringComparison.Ordinal));
        Assert.Contains("append-only", viaEf.InnerException?.Message, StringComparison.Ordinal);
        Assert.Equal("trigger-A", Site.WithDb(db => db.AuditEntries.Single(e => e.Id == id).Details));
    }
}
