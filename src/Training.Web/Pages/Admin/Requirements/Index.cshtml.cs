using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Admin.Requirements;

/// <summary>The requirements of one agency (or every agency): what is mandatory, for whom, by when, and how many it asks.</summary>
public class IndexModel(TrainingDbContext db, ContentCatalogue catalogue) : PageModel
{
    public sealed record Row(Requirement Requirement, string Agency, string What, int People);

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    /// <summary>The agency chosen (<c>?myndighet=</c>), or null for all.</summary>
    public Agency? Chosen { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.TempData(Key = "Meddelande")]
    public string? Message { get; set; }

    public async Task OnGetAsync(string? myndighet)
    {
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name).ToListAsync();
        Chosen = Agencies.FirstOrDefault(a => a.Code == myndighet);
        var query = db.Requirements.AsNoTracking().Include(r => r.JobRoles).ThenInclude(j => j.JobRole).Include(r => r.Unit)
            .Where(r => r.RemovedAt == null);
        if (Chosen is not null)
        {
            query = query.Where(r => r.AgencyId == Chosen.Id);
        }
        var rows = new List<Row>();
        foreach (var requirement in await query.OrderBy(r => r.AgencyId).ThenBy(r => r.Id).ToListAsync())
        {
            rows.Add(new Row(requirement, Agencies.First(a => a.Id == requirement.AgencyId).Name, RequirementText.What(catalogue, requirement),
                await Records.PeopleRequiredBy(db, requirement).CountAsync()));
        }
        Rows = rows;
    }
}
