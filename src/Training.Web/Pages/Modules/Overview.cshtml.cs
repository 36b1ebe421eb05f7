using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Modules;

public class OverviewModel(ContentCatalogue catalogue, TrainingDbContext db, Progress progress) : PageModel
{
    public CatalogueModule Module { get; private set; } = null!;

    public IReadOnlySet<int> Opened { get; private set; } = new HashSet<int>();

    public Completion? Completion { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (catalogue.Find(id) is not { } module)
        {
            return NotFound();
        }
        Module = module;
        var userId = User.UserIdOf();
        Opened = await progress.OpenedSectionsAsync(db, userId, module.VersionId);
        Completion = await db.Completions.AsNoTracking()
            .Where(c => c.UserId == userId && c.ModuleVersionId == module.VersionId)
            .OrderByDescending(c => c.CompletedAt).FirstOrDefaultAsync();
        return Page();
    }
}
