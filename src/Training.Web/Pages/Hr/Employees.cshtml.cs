using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Hr;

/// <summary>
/// The employees the viewer may see (own agency for HR, their units for a manager, all for admins), searchable and
/// paged; narrowed by unit, job role, module and status as the overview's numbers link to them.
/// </summary>
public class EmployeesModel(TrainingDbContext db, ContentCatalogue catalogue, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(string Id, string Name, string Agency, string? Unit, string? JobRole, DateOnly? StartDate, bool IsActive)
    {
        /// <summary>The person's mandatory modules the filter keeps, most urgent first; only when the list is narrowed by module or status.</summary>
        public IReadOnlyList<RequiredModule>? Required { get; init; }
    }

    /// <summary>The agency's filters (unit, job role, module, status); null for an admin listing every agency.</summary>
    public HrScope? Scope { get; private set; }

    public HrFilter Filter { get; private set; } = new(null, null, null, null, null);

    /// <summary>Whether the list is narrowed by module or status, so that it shows each person's statuses.</summary>
    public bool ByStatus => Filter.Module is not null || Filter.Status is not null;

    public sealed record AgencyOption(string Code, string Name);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Filled for admins only: they may narrow the list to one agency.</summary>
    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];

    public string? Search { get; private set; }

    public string? AgencyCode { get; private set; }

    public int Total { get; private set; }

    public int PageNumber { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "sok")] string? search, [FromQuery(Name = "myndighet")] string? agency, [FromQuery(Name = "sida")] int page = 1)
    {
        Search = search;
        AgencyCode = agency;
        Filter = HrFilter.From(Request.Query);
        var people = db.Users.AsNoTracking().VisibleTo(User).Matching(search);
        if (User.IsInRole(Roles.Admin))
        {
            Agencies = await db.Agencies.OrderBy(a => a.Name).Select(a => new AgencyOption(a.Code, a.Name)).ToListAsync();
        }
        if (!string.IsNullOrEmpty(agency))
        {
            if (!User.IsInRole(Roles.Admin))
            {
                return NotFound(); // HR never lists another agency, not even by asking for one
            }
            people = people.Where(u => u.Agency.Code == agency);
        }
        var narrowed = Filter.Unit is not null || Filter.JobRole is not null || ByStatus;
        if (!User.IsInRole(Roles.Admin) || !string.IsNullOrEmpty(agency) || narrowed)
        {
            // the filters are an agency's: an admin who narrows without choosing one gets their own agency's
            Scope = await HrScope.ResolveAsync(db, catalogue, User, Filter);
            if (Scope is null)
            {
                return NotFound();
            }
            Filter = Scope.Filter;
            AgencyCode = Scope.Filter.Agency;
            people = Scope.People.Matching(search);
        }
        if (ByStatus)
        {
            await ListByStatusAsync(Scope!, people, page);
            return Page();
        }
        Total = await people.CountAsync();
        PageNumber = Math.Clamp(page, 1, Pages);
        Rows = await people
            .InSurnameOrder()
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new Row(u.Id, u.Name, u.Agency.Name, u.Unit == null ? null : u.Unit.Name, u.JobRole == null ? null : u.JobRole.Name, u.StartDate, u.IsActive))
            .ToListAsync();
        return Page();
    }

    /// <summary>The people whose statuses match, read through the one status query and paged here, in surname order.</summary>
    private async Task ListByStatusAsync(HrScope scope, IQueryable<User> people, int page)
    {
        var matched = new List<Records.PersonRequirements>();
        await foreach (var person in (scope with { People = people }).PeopleAsync(db, catalogue, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted))
        {
            matched.Add(person);
        }
        Total = matched.Count;
        PageNumber = Math.Clamp(page, 1, Pages);
        var shown = matched.OrderBy(p => p.Person.SortName, StringComparer.Ordinal).ThenBy(p => p.Person.Id, StringComparer.Ordinal)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        var ids = shown.Select(p => p.Person.Id).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, Agency = u.Agency.Name, Unit = u.Unit == null ? null : u.Unit.Name, JobRole = u.JobRole == null ? null : u.JobRole.Name })
            .ToDictionaryAsync(u => u.Id);
        Rows = [.. shown.Select(p => new Row(p.Person.Id, p.Person.Name, names[p.Person.Id].Agency, names[p.Person.Id].Unit, names[p.Person.Id].JobRole,
            p.Person.StartDate, p.Person.IsActive) { Required = p.Modules })];
    }

    public string PageUrl(int page)
    {
        var url = Filter.Url("/hr/medarbetare", extra: ("sida", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return string.IsNullOrWhiteSpace(Search) ? url : url + "&sok=" + Uri.EscapeDataString(Search);
    }
}
