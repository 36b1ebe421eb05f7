using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>Sections read per module version of the catalogue, for the modules the learner has begun.</summary>
    public IReadOnlyDictionary<int, int> ReadCounts { get; private set; } = new Dictionary<int, int>();

    /// <summary>The served module versions whose module the learner has completed (a completion that counts now).</summary>
    public IReadOnlySet<int> Completed { get; private set; } = new HashSet<int>();

    public async Task OnGetAsync()
    {
        var userId = User.UserIdOf();
        var versionIds = catalogue.Modules.Select(m => m.VersionId).ToList();
        ReadCounts = await db.SectionVisits.AsNoTracking()
            .Where(v => v.UserId == userId && versionIds.Contains(v.ModuleVersionId))
            .GroupBy(v => v.ModuleVersionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        var now = clock.GetUtcNow().UtcDateTime;
        var completed = await Records.CompletedAsync(db, userId, catalogue.Modules, now);
        Completed = catalogue.Modules.Where(m => completed.ContainsKey(m.Id)).Select(m => m.VersionId).ToHashSet();
        if (ReadCounts.Keys.Any(v => !Completed.Contains(v)))
        {
            Resume = await ResumePoint.FindAsync(db, catalogue, progress, userId, now);
        }
    }

    public ModuleCardModel Card(CatalogueModule module) =>
        new(module, ReadCounts.GetValueOrDefault(module.VersionId), Completed.Contains(module.VersionId), Resume?.Module.Id == module.Id);
}

/// <summary>A module in the catalogue with the learner's progress in it.</summary>
public sealed record ModuleCardModel(CatalogueModule Module, int Read, bool Completed, bool Current);
