using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Web.Data;

namespace Training.Web.Pages.Privacy;

/// <summary>/personuppgifter: how personal data is processed, with each agency's retention period as it is set now.</summary>
public class NoticeModel(TrainingDbContext db, IConfiguration configuration) : PageModel
{
    public sealed record AgencyRetention(string Name, int? Months);

    public IReadOnlyList<AgencyRetention> Agencies { get; private set; } = [];

    /// <summary>Where to write about personal data (<c>Site:ContactEmail</c>); null when not set.</summary>
    public string? Contact { get; private set; }

    public async Task OnGetAsync()
    {
        Contact = configuration["Site:ContactEmail"] is { Length: > 0 } contact ? contact : null;
        Agencies = (await db.Agencies.AsNoTracking().Select(a => new AgencyRetention(a.Name, a.RetentionMonths)).ToListAsync())
            .OrderBy(a => a.Name, StringComparer.Create(TrainingApp.Swedish, ignoreCase: true)).ToList();
    }
}
