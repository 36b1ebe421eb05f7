using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Hr;

/// <summary>
/// The overview's trend for a hand-built history of one unit, seen on 2026-06-15: a completion that expired mid-year,
/// a person who moved into the agency, and a new major version of the module with a 30-day grace period.
/// </summary>
public sealed class TrendHistoryTests : IAsyncLifetime
{
    private const string Module = "vad-ar-manniskohandel";

    private readonly TrainingSite site = new() { Clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero)) };
    private HttpClient hr = null!;
    private int unit;

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 10, 0, 0, DateTimeKind.Utc);

    public async Task InitializeAsync()
    {
        await site.StartAsync();
        await site.CreateUserAsync("hr.historik@polisen.se", "polisen", Roles.Hr);
        var expired = await site.CreateUserAsync("utgick.historik@polisen.se");
        var moved = await site.CreateUserAsync("flyttade.historik@polisen.se");
        var bumped = await site.CreateUserAsync("bytte.historik@polisen.se");
        await site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            var polisen = await db.Agencies.SingleAsync(a => a.Code == "polisen");
            db.Requirements.Add(new Requirement { AgencyId = polisen.Id, ModuleId = Module, DueWithinDays = 30, GraceDays = 30, CreatedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
            var history = new Unit { AgencyId = polisen.Id, Name = "Historikenheten" };
            db.Units.Add(history);
            // The version everyone did was there from the start; the next major came on 20 March 2026.
            var old = await db.ModuleVersions.Where(v => v.ModuleId == Module).OrderByDescending(v => v.Id).FirstAsync();
            old.StoredAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var next = new ModuleVersion
            {
                ModuleId = Module, Version = $"{old.VersionMajor + 1}.0", VersionMajor = old.VersionMajor + 1, VersionMinor = 0,
                ContentHash = "ny-huvudversion", Title = old.Title, Summary = old.Summary, EstimatedMinutes = old.EstimatedMinutes,
                ValidForMonths = old.ValidForMonths, FrontMatterJson = old.FrontMatterJson, SourceJson = old.SourceJson,
                RenderedJson = old.RenderedJson, StoredAt = new DateTime(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc),
            };
            db.ModuleVersions.Add(next);
            await db.SaveChangesAsync();
            foreach (var person in new[] { expired, moved, bumped })
            {
                var user = await db.Users.SingleAsync(u => u.Id == person.Id);
                user.UnitId = history.Id;
                if (person == moved)
                {
                    user.JoinedAgencyOn = new DateOnly(2026, 1, 15);
                }
            }
            Completion Done(User who, ModuleVersion version, DateTime at, DateTime? expires) => new()
            {
                UserId = who.Id, AgencyId = polisen.Id, ModuleId = Module, ModuleVersionId = version.Id, Version = version.Version,
                ContentHash = version.ContentHash, CompletedAt = at, ExpiresAt = expires, Source = CompletionSources.Quiz,
            };
            db.Completions.AddRange(
                Done(expired, old, Utc(2025, 9, 10), Utc(2026, 3, 10)),
                Done(moved, old, Utc(2026, 2, 20), null),
                Done(bumped, old, Utc(2025, 10, 5), null),
                Done(bumped, next, Utc(2026, 5, 10), null));
            await db.SaveChangesAsync();
            unit = history.Id;
        });
        hr = await site.SignInAsync("hr.historik@polisen.se");
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public async Task EachMonthEnd_CountsWhoWasInTheAgency_AndWhoseCompletionCountedThen()
    {
        var html = await hr.GetStringAsync(new Uri($"/hr?handler=Trend&enhet={unit}", UriKind.Relative));

        void Month(string month, int people, int compliant, string percent) =>
            Assert.Matches($@"{month}</th>\s*<td class=""number"">{people}</td>\s*<td class=""number"">{compliant}</td>\s*<td class=""number"">{percent}</td>", html);

        // Before 15 January 2026 the mover was not in the agency: two people, and neither had completed anything.
        Month("2025-07", 2, 0, "0 %");
        Month("2025-08", 2, 0, "0 %");
        // 10 September: the first completion (valid until 10 March 2026).
        Month("2025-09", 2, 1, "50 %");
        // 5 October: the second; both compliant.
        Month("2025-10", 2, 2, "100 %");
        Month("2025-12", 2, 2, "100 %");
        // The mover is counted from the month they joined (15 January), not yet having completed (due 14 February).
        Month("2026-01", 3, 2, "66 %");
        // 20 February: the mover completes; all three compliant (the first completion is expiring, which still counts).
        Month("2026-02", 3, 3, "100 %");
        // 10 March: the first completion expired. The new major came on 20 March; within its 30-day grace period the old
        // version's completions still count.
        Month("2026-03", 3, 2, "66 %");
        // The grace period ended on 19 April: nobody has completed the new major.
        Month("2026-04", 3, 0, "0 %");
        // 10 May: one person completed the new major; today is the same.
        Month("2026-05", 3, 1, "33 %");
        Month("2026-06", 3, 1, "33 %");
    }
}
