using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Training.Core.Reports;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Hr;

/// <summary>
/// The report to the Government (/hr/redovisning) for the period 2026-03-01–2026-05-31, seen on 2026-06-15, with two
/// units of polisen made for the test: "Rapportenheten" (Anna completed in the period; Bertil before it, still valid;
/// Eva twice in the period) and "=SUMMA(1)" (Carl after the period; David in the period, but that completion was
/// corrected to a day before the period).
/// </summary>
public sealed class ReportTests : IAsyncLifetime
{
    private const string Module = "vad-ar-manniskohandel";
    private const string Period = "fran=2026-03-01&till=2026-05-31";

    private readonly TrainingSite site = new() { Clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero)) };
    private HttpClient hr = null!, otherHr = null!, manager = null!, learner = null!;

    public async Task InitializeAsync()
    {
        await site.StartAsync();
        await site.CreateUserAsync("hr.rapport@polisen.se", "polisen", Roles.Hr);
        await site.CreateUserAsync("hr.rapport@aklagare.se", "aklagare", Roles.Hr);
        await site.CreateUserAsync("chef.rapport@polisen.se", "polisen", Roles.Manager);
        await site.CreateUserAsync("larande.rapport@polisen.se");
        var names = new[] { "anna", "bertil", "eva", "carl", "david" };
        var people = new Dictionary<string, User>();
        foreach (var name in names)
        {
            people[name] = await site.CreateUserAsync($"{name}.rapport@polisen.se");
        }
        var prosecutor = await site.CreateUserAsync("fredrik.rapport@aklagare.se", "aklagare");
        await site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            var polisen = await db.Agencies.SingleAsync(a => a.Code == "polisen");
            var aklagare = await db.Agencies.SingleAsync(a => a.Code == "aklagare");
            var version = await db.ModuleVersions.Where(v => v.ModuleId == Module).OrderByDescending(v => v.Id).FirstAsync();
            foreach (var agency in new[] { polisen, aklagare })
            {
                db.Requirements.Add(new Requirement { AgencyId = agency.Id, ModuleId = Module, DueWithinDays = 30, CreatedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
            }
            var first = new Unit { AgencyId = polisen.Id, Name = "Rapportenheten" };
            var second = new Unit { AgencyId = polisen.Id, Name = "=SUMMA(1)" };
            db.Units.AddRange(first, second);
            await db.SaveChangesAsync();
            foreach (var (name, unit) in new[] { ("anna", first), ("bertil", first), ("eva", first), ("carl", second), ("david", second) })
            {
                (await db.Users.SingleAsync(u => u.Id == people[name].Id)).UnitId = unit.Id;
            }
            Completion Done(User who, int agencyId, DateTime at) => new()
            {
                UserId = who.Id, AgencyId = agencyId, ModuleId = Module, ModuleVersionId = version.Id, Version = version.Version,
                ContentHash = version.ContentHash, CompletedAt = at, ExpiresAt = at.AddYears(1), Source = CompletionSources.Quiz,
            };
            static DateTime On(int month, int day) => new(2026, month, day, 10, 0, 0, DateTimeKind.Utc);
            db.Completions.AddRange(
                Done(people["anna"], polisen.Id, On(4, 10)),
                Done(people["bertil"], polisen.Id, On(2, 1)),
                Done(people["eva"], polisen.Id, On(3, 5)),
                Done(people["eva"], polisen.Id, On(5, 20)),
                Done(people["carl"], polisen.Id, On(6, 5)),
                Done(prosecutor, aklagare.Id, On(4, 1)));
            var wrong = Done(people["david"], polisen.Id, On(4, 1));
            db.Completions.Add(wrong);
            await db.SaveChangesAsync();
            var corrected = Done(people["david"], polisen.Id, On(2, 15));
            corrected.Source = CompletionSources.Manual;
            corrected.SupersedesId = wrong.Id;
            db.Completions.Add(corrected);
            await db.SaveChangesAsync();
        });
        hr = await site.SignInAsync("hr.rapport@polisen.se");
        otherHr = await site.SignInAsync("hr.rapport@aklagare.se");
        manager = await site.SignInAsync("chef.rapport@polisen.se");
        learner = await site.SignInAsync("larande.rapport@polisen.se");
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    private static string Row(string name, int people, int compliant, string percent, int completed) =>
        $@"<th scope=""row"">{System.Text.RegularExpressions.Regex.Escape(name)}</th>\s*<td class=""number"">{people}</td>\s*<td class=""number"">{compliant}</td>\s*<td class=""number"">{percent}</td>\s*<td class=""number"">{completed}</td>";

    private static Task<HttpResponseMessage> CsvAsync(HttpClient client, string? agency = null) =>
        Forms.PostAsync(client, "/hr/redovisning?handler=Csv",
            new Dictionary<string, string> { ["myndighet"] = agency ?? "", ["fran"] = "2026-03-01", ["till"] = "2026-05-31" }, "/hr/redovisning");

    [Fact]
    public async Task Page_CountsPeopleAndComplianceAtThePeriodsEnd_AndCompletionsWithinIt_OncePerPerson_SupersededNot()
    {
        var html = await hr.GetStringAsync(new Uri($"/hr/redovisning?{Period}", UriKind.Relative));

        Assert.Contains("2026-03-01–2026-05-31", html, StringComparison.Ordinal);
        // Anna, Bertil and Eva compliant on 31 May; Anna and Eva completed in the period (Eva twice: counted once); Bertil before it
        Assert.Matches(Row("Rapportenheten", 3, 3, "100 %", 2), html);
        // Carl completed only after the period; David's completion in April was corrected to February: compliant, not counted
        Assert.Matches(Row("=SUMMA(1)", 2, 1, "50 %", 0), html);
        // The agency: everyone of polisen in scope (the staff accounts too, none compliant), the same two completions
        var periodEnd = new DateTime(2026, 5, 31, 21, 59, 59, DateTimeKind.Utc);
        var inScope = site.WithDb(db => db.Users.Where(u => u.Agency.Code == "polisen" && u.IsActive).ToList())
            .Count(u => Training.Web.Learning.ComplianceHistory.InAgencyAt(u.StartDate, u.JoinedAgencyOn, u.CreatedAt, periodEnd));
        Assert.Matches(Row("Polismyndigheten", inScope, 4, $"{400 / inScope} %", 2), html);
        Assert.Contains("Så räknas siffrorna", html, StringComparison.Ordinal);

        // The default period is the calendar year so far; a bad date gets a Swedish answer
        Assert.Contains("2026-01-01–2026-06-15", await hr.GetStringAsync(new Uri("/hr/redovisning", UriKind.Relative)), StringComparison.Ordinal);
        var bad = await hr.GetAsync(new Uri("/hr/redovisning?fran=2026-13-01&till=2026-05-31", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Skriv periodens första dag som ÅÅÅÅ-MM-DD", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("kan inte komma före", await hr.GetStringAsync(new Uri("/hr/redovisning?fran=2026-05-01&till=2026-04-01", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("href=\"/hr/redovisning\"", await hr.GetStringAsync(new Uri("/hr", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_IsTheSameTable_WithABom_NeutralisedNames_NoStore_AndIsAudited()
    {
        var response = await CsvAsync(hr);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = CsvLines.Read(System.Text.Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["agency_code", "unit", "period_start", "period_end", "people_in_scope_at_end", "compliant_at_end", "compliant_percent_at_end", "completed_in_period:" + Module], rows[0]);
        Assert.Equal(["polisen", "Rapportenheten", "2026-03-01", "2026-05-31", "3", "3", "100", "2"], rows.Single(r => r[1] == "Rapportenheten"));
        Assert.Equal(["polisen", "'=SUMMA(1)", "2026-03-01", "2026-05-31", "2", "1", "50", "0"], rows.Single(r => r[1] == "'=SUMMA(1)"));
        Assert.Equal("", rows[1][1]); // the agency as a whole comes first
        Assert.All(rows.Skip(1), r => Assert.Equal("polisen", r[0]));
        Assert.Contains(site.WithDb(db => db.AuditEntries.Where(e => e.Action == "exported").Select(e => e.Details).ToList()),
            d => d!.StartsWith("Underlag för redovisning (csv), 2026-03-01–2026-05-31", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scope_HrOfAnotherAgency_GetsOnlyItsOwn_ManagersAndLearnersAreForbidden()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await otherHr.GetAsync(new Uri($"/hr/redovisning?myndighet=polisen&{Period}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await CsvAsync(otherHr, "polisen")).StatusCode);
        var own = await otherHr.GetStringAsync(new Uri($"/hr/redovisning?{Period}", UriKind.Relative));
        Assert.Contains("Åklagarmyndigheten", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Rapportenheten", own, StringComparison.Ordinal);
        var ownCsv = await (await CsvAsync(otherHr)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("polisen", ownCsv, StringComparison.Ordinal);
        Assert.Contains("aklagare", ownCsv, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(new Uri("/hr/redovisning", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(new Uri("/hr/redovisning", UriKind.Relative))).StatusCode);
    }
}
