using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Core.Reports;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Infrastructure;
using Training.Web.Learning;

namespace Training.Web.Pages.Hr;

/// <summary>
/// The figures an agency puts in its reports on the Government assignment ("Underlag för redovisning"), for a period
/// (<c>fran</c>, <c>till</c>; by default the calendar year so far): per agency and per unit, the people in scope at the
/// period's end and how many of them were compliant then (<see cref="ComplianceHistory"/>, the trend's rule), and how
/// many completed each mandatory module within the period (completions in force, one per person and module). As a
/// printable page and as CSV, audited like every export.
/// </summary>
public class ReportModel(TrainingDbContext db, ContentCatalogue catalogue, TimeProvider clock, AuditLog auditLog, DatabaseWrites writes) : PageModel
{
    /// <summary>One line of the report: the agency as a whole, or one unit (an empty name for the people of no unit).</summary>
    public sealed record Line(string Name, bool IsAgency, ComplianceCount AtEnd, IReadOnlyDictionary<string, int> CompletedInPeriod);

    public HrScope Scope { get; private set; } = null!;

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    /// <summary>The moment the period's end figures are taken: the end of <see cref="To"/> in Sweden, or now when that is later.</summary>
    public DateTime PeriodEnd { get; private set; }

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "fran")] string? from, [FromQuery(Name = "till")] string? to)
    {
        if (!await ResolveAsync(Request.Query["myndighet"], from, to))
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            Lines = await LinesAsync(HttpContext.RequestAborted);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCsvAsync([FromForm(Name = "fran")] string? from, [FromForm(Name = "till")] string? to)
    {
        if (!await ResolveAsync(Request.Form["myndighet"], from, to))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Lines = await LinesAsync(HttpContext.RequestAborted);
        var csv = new System.Text.StringBuilder("\uFEFF");
        foreach (var row in CsvRows())
        {
            csv.Append(CsvLines.Line(row));
        }
        await writes.RunAsync(db, async () =>
        {
            auditLog.AddForAgency(db, User, AuditActions.Exported, Scope.Agency,
                $"Underlag för redovisning (csv), {SwedishTime.Date(From)}–{SwedishTime.Date(To)}, {Lines.Count} rader.");
            await db.SaveChangesAsync(CancellationToken.None);
        }, CancellationToken.None);
        Response.Headers.CacheControl = "no-store";
        var fileName = string.Create(CultureInfo.InvariantCulture, $"redovisning-{Scope.Agency.Code}-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.csv");
        return File(System.Text.Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", fileName);
    }

    /// <summary>The CSV's first columns; one per mandatory module follows (<c>completed_in_period:</c> and the module's id).</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
        ["agency_code", "unit", "period_start", "period_end", "people_in_scope_at_end", "compliant_at_end", "compliant_percent_at_end"];

    /// <summary>The header and the lines as CSV fields: text neutralised, numbers as they are.</summary>
    private IEnumerable<IEnumerable<string>> CsvRows()
    {
        var modules = Scope.Modules;
        yield return CsvColumns.Concat(modules.Select(m => CsvLines.Text("completed_in_period:" + m.Id)));
        foreach (var line in Lines)
        {
            yield return new[]
            {
                CsvLines.Text(Scope.Agency.Code), CsvLines.Text(line.IsAgency ? "" : line.Name.Length > 0 ? line.Name : "(ingen enhet)"), SwedishTime.Date(From), SwedishTime.Date(To),
                Number(line.AtEnd.People), Number(line.AtEnd.Compliant), line.AtEnd.Percent is { } p ? Number(p) : "",
            }.Concat(modules.Select(m => Number(line.CompletedInPeriod.GetValueOrDefault(m.Id))));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<bool> ResolveAsync(string? agency, string? from, string? to)
    {
        var scope = await HrScope.ResolveAsync(db, catalogue, User, new HrFilter(string.IsNullOrWhiteSpace(agency) ? null : agency.Trim(), null, null, null, null));
        if (scope is null)
        {
            return false;
        }
        Scope = scope;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = CompetenceRules.DayInSweden(now);
        From = new DateOnly(today.Year, 1, 1);
        To = today;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (DateOnly.TryParseExact(from.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                From = day;
            }
            else
            {
                ModelState.AddModelError("fran", "Skriv periodens första dag som ÅÅÅÅ-MM-DD, till exempel 2026-01-01.");
            }
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            if (DateOnly.TryParseExact(to.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                To = day;
            }
            else
            {
                ModelState.AddModelError("till", "Skriv periodens sista dag som ÅÅÅÅ-MM-DD, till exempel 2026-06-30.");
            }
        }
        if (ModelState.IsValid && To < From)
        {
            ModelState.AddModelError("till", "Periodens sista dag kan inte komma före den första.");
        }
        if (ModelState.IsValid && From > today)
        {
            ModelState.AddModelError("fran", "Perioden kan inte börja i framtiden.");
        }
        var endOfTo = SwedishTime.StartOfDayUtc(To.AddDays(1)).AddTicks(-1);
        PeriodEnd = endOfTo < now ? endOfTo : now;
        return true;
    }

    private async Task<IReadOnlyList<Line>> LinesAsync(CancellationToken cancellationToken)
    {
        var atEnd = (await ComplianceHistory.ByUnitAsync(db, catalogue, Scope.Agency.Id, Scope.People, [PeriodEnd], cancellationToken: cancellationToken))[0];
        var moduleIds = Scope.Modules.Select(m => m.Id).ToList();
        var start = SwedishTime.StartOfDayUtc(From);
        var end = PeriodEnd;
        // One per person and module: a person who completed a module twice in the period (a renewal, a new major) counts once.
        var completed = await Completions.InForce(db).AsNoTracking()
            .Where(c => moduleIds.Contains(c.ModuleId) && c.CompletedAt >= start && c.CompletedAt <= end)
            .Join(Scope.People, c => c.UserId, u => u.Id, (c, u) => new { u.Id, u.UnitId, c.ModuleId })
            .Distinct()
            .GroupBy(x => new { x.UnitId, x.ModuleId })
            .Select(g => new { g.Key.UnitId, g.Key.ModuleId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var completedByUnit = completed.GroupBy(c => c.UnitId ?? 0)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(c => c.ModuleId, c => c.Count, StringComparer.Ordinal));
        IReadOnlyDictionary<string, int> none = new Dictionary<string, int>(StringComparer.Ordinal);

        var lines = new List<Line>
        {
            new(Scope.Agency.Name, true, atEnd.Values.Aggregate(default(ComplianceCount), (a, b) => a + b),
                completed.GroupBy(c => c.ModuleId).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal)),
        };
        var units = Scope.Units.Select(u => (Id: int.Parse(u.Value, CultureInfo.InvariantCulture), u.Name)).Append((Id: 0, Name: ""));
        foreach (var (id, name) in units)
        {
            if (atEnd.ContainsKey(id) || completedByUnit.ContainsKey(id))
            {
                lines.Add(new Line(name, false, atEnd.GetValueOrDefault(id), completedByUnit.GetValueOrDefault(id) ?? none));
            }
        }
        return lines;
    }
}
