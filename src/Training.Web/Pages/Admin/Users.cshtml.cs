using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Pages.Admin;

/// <summary>Everyone with an account, searchable by name, email or employee number, narrowed by agency and paged.</summary>
public class UsersModel(TrainingDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(string Id, string Name, string? Email, string Agency, IReadOnlyList<string> Roles, bool IsActive);

    public sealed record AgencyOption(string Code, string Name);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];

    public string? Search { get; private set; }

    public string? AgencyCode { get; private set; }

    public int Total { get; private set; }

    public int PageNumber { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync([FromQuery(Name = "sok")] string? search, [FromQuery(Name = "myndighet")] string? agency, [FromQuery(Name = "sida")] int page = 1)
    {
        Search = search;
        AgencyCode = string.IsNullOrEmpty(agency) ? null : agency;
        Agencies = (await db.Agencies.Select(a => new AgencyOption(a.Code, a.Name)).ToListAsync())
            .OrderBy(a => a.Name, StringComparer.Create(TrainingApp.Swedish, ignoreCase: true)).ToList();
        var people = db.Users.AsNoTracking().VisibleTo(User).Matching(search);
        if (AgencyCode is not null)
        {
            people = people.Where(u => u.Agency.Code == AgencyCode);
        }
        Total = await people.CountAsync();
        PageNumber = Math.Clamp(page, 1, Pages);
        var rows = await people
            .InSurnameOrder()
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.Name, u.Email, Agency = u.Agency.Name, u.IsActive })
            .ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync();
        Rows = rows.Select(r => new Row(r.Id, r.Name, r.Email, r.Agency,
                Data.Roles.All.Where(role => roles.Any(x => x.UserId == r.Id && x.Name == role)).Select(role => t[Policies.RoleName(role)].Value).ToList(),
                r.IsActive))
            .ToList();
    }

    public string PageUrl(int page) =>
        "/admin/anvandare" + QueryString.Create(new Dictionary<string, string?>
        {
            ["sok"] = Search, ["myndighet"] = AgencyCode, ["sida"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null));
}
