using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Web.Data;

namespace Training.Web.Pages.Hr;

/// <summary>The employees the viewer may see (own agency for HR, all for admins), searchable and paged.</summary>
public class EmployeesModel(TrainingDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(string Id, string Name, string Agency, string? Unit, string? JobRole, DateOnly? StartDate, bool IsActive);

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
        Total = await people.CountAsync();
        PageNumber = Math.Clamp(page, 1, Pages);
        Rows = await people
            .InSurnameOrder()
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new Row(u.Id, u.Name, u.Agency.Name, u.Unit == null ? null : u.Unit.Name, u.JobRole == null ? null : u.JobRole.Name, u.StartDate, u.IsActive))
            .ToListAsync();
        return Page();
    }

    public string PageUrl(int page) =>
        QueryString.Create(new Dictionary<string, string?> { ["sok"] = Search, ["myndighet"] = AgencyCode, ["sida"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            is var query ? "/hr/medarbetare" + query : "";
}
