using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Modules;

/// <summary>The catalogue: tracks in their order, each module with the learner's progress, and where the learner left off.</summary>
public class IndexModel(ContentCatalogue catalogue, TrainingDbContext db, Progress progress, TimeProvider clock) : PageModel
{
    public ContentCatalogue Catalogue => catalogue;

    public ResumePoint? Resume { get; private set; }

    public CatalogueProgress CardProgress { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var userId = User.UserIdOf();
        var now = clock.GetUtcNow().UtcDateTime;
        CardProgress = await CatalogueProgress.LoadAsync(db, catalogue, userId, now);
        if (CardProgress.HasUnfinished(catalogue))
        {
            Resume = await ResumePoint.FindAsync(db, catalogue, progress, userId, now);
        }
    }

    public ModuleCardModel Card(CatalogueModule module) => CardProgress.Card(module, Resume);
}
