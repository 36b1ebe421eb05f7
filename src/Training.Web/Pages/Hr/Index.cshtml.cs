using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Core.Competence;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Hr;

/// <summary>
/// The compliance overview: per mandatory module and per unit, how many are asked, how many are compliant, overdue and
/// expiring, and the trend over twelve months; every number links to the people behind it. Filters live in the URL;
/// htmx swaps the results in place, a plain GET does the same without JavaScript.
/// </summary>
public class IndexModel(TrainingDbContext db, ContentCatalogue catalogue, TimeProvider clock) : PageModel
{
    public sealed record ModuleLine(CatalogueModule Module, int People, int Compliant, IReadOnlyDictionary<CompetenceStatus, int> ByStatus)
    {
        public int? Percent => Compliance.Percent(Compliant, People);
    }

    public sealed record UnitLine(int? UnitId, string Name, int People, int Compliant, int Overdue, int Expiring)
    {
        public int? Percent => Compliance.Percent(Compliant, People);
    }

    public sealed record TrendPoint(DateTime At, ComplianceCount Count);

    public HrScope Scope { get; private set; } = null!;

    public HrFilter Filter => Scope.Filter;

    public IReadOnlyList<ModuleLine> Modules { get; private set; } = [];

    public IReadOnlyList<UnitLine> Units { get; private set; } = [];

    public int People { get; private set; }

    public int Compliant { get; private set; }

    public int Overdue { get; private set; }

    public int Expired { get; private set; }

    public int Expiring { get; private set; }

    public int? Percent => Compliance.Percent(Compliant, People);

    /// <summary>The trend, when asked for (it reads every completion of the agency, so it comes as its own request).</summary>
    public IReadOnlyList<TrendPoint>? Trend { get; private set; }

    public bool MayExport => User.IsInRole(Roles.Hr) || User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "utveckling")] string? trend)
    {
        if (!await ResolveAsync())
        {
            return NotFound();
        }
        await CountAsync();
        if (trend is not null)
        {
            await TrendAsync();
        }
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() ? Partial("_Overview", this) : Page();
    }

    /// <summary>The trend alone, for htmx to load after the page.</summary>
    public async Task<IActionResult> OnGetTrendAsync()
    {
        if (!await ResolveAsync())
        {
            return NotFound();
        }
        await TrendAsync();
        Response.Headers.Vary = "HX-Request";
        return Partial("_Trend", this);
    }

    private async Task<bool> ResolveAsync()
    {
        var scope = await HrScope.ResolveAsync(db, catalogue, User, HrFilter.From(Request.Query));
        if (scope is null)
        {
            return false;
        }
        Scope = scope;
        return true;
    }

    private async Task CountAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var byModule = new Dictionary<string, Dictionary<CompetenceStatus, int>>(StringComparer.Ordinal);
        var byUnit = new Dictionary<int, (int People, int Compliant, int Overdue, int Expiring)>();
        await foreach (var person in Scope.PeopleAsync(db, catalogue, now, HttpContext.RequestAborted))
        {
            var statuses = person.Modules.Select(m => m.State.Status).ToList();
            foreach (var row in person.Modules)
            {
                var counts = byModule.TryGetValue(row.Module.Id, out var c) ? c : byModule[row.Module.Id] = [];
                counts[row.State.Status] = counts.GetValueOrDefault(row.State.Status) + 1;
            }
            var compliant = Compliance.IsCompliant(statuses);
            var overdue = statuses.Contains(CompetenceStatus.Overdue);
            var expiring = statuses.Contains(CompetenceStatus.Expiring);
            People++;
            Compliant += compliant ? 1 : 0;
            Overdue += overdue ? 1 : 0;
            Expired += statuses.Contains(CompetenceStatus.Expired) ? 1 : 0;
            Expiring += expiring ? 1 : 0;
            var unit = person.Person.UnitId ?? 0;
            var line = byUnit.GetValueOrDefault(unit);
            byUnit[unit] = (line.People + 1, line.Compliant + (compliant ? 1 : 0), line.Overdue + (overdue ? 1 : 0), line.Expiring + (expiring ? 1 : 0));
        }
        Modules = [.. Scope.Modules.Where(m => byModule.ContainsKey(m.Id)).Select(m =>
        {
            var counts = byModule[m.Id];
            return new ModuleLine(m, counts.Values.Sum(), counts.Where(c => Compliance.IsCompliant(c.Key)).Sum(c => c.Value), counts);
        })];
        Units = [.. UnitLines(byUnit.ToDictionary(u => u.Key, u => u.Value))];
    }

    private IEnumerable<UnitLine> UnitLines(Dictionary<int, (int People, int Compliant, int Overdue, int Expiring)> byUnit)
    {
        foreach (var unit in Scope.Units)
        {
            var id = int.Parse(unit.Value, System.Globalization.CultureInfo.InvariantCulture);
            if (byUnit.TryGetValue(id, out var line))
            {
                yield return new UnitLine(id, unit.Name, line.People, line.Compliant, line.Overdue, line.Expiring);
            }
        }
        if (byUnit.TryGetValue(0, out var none))
        {
            yield return new UnitLine(null, "", none.People, none.Compliant, none.Overdue, none.Expiring);
        }
    }

    private async Task TrendAsync()
    {
        var moments = ComplianceHistory.MonthEnds(clock.GetUtcNow().UtcDateTime);
        var counts = await ComplianceHistory.ByUnitAsync(db, catalogue, Scope.Agency.Id, Scope.People, moments, Filter.Module, HttpContext.RequestAborted);
        Trend = [.. moments.Select((at, i) => new TrendPoint(at, counts[i].Values.Aggregate(default(ComplianceCount), (a, b) => a + b)))];
    }
}
