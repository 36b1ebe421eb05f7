using Microsoft.EntityFrameworkCore;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>Where a learner's unfinished work is: the module last read in and not yet completed, and its next unread section.</summary>
/// <param name="Module">The module.</param>
/// <param name="NextSection">The first unread section (1-based); null when every section is read and the quiz (or the confirmation) is next.</param>
public sealed record ResumePoint(CatalogueModule Module, int? NextSection)
{
    public string Url => NextSection is { } n ? $"/moduler/{Module.Id}/{n}" : Module.HasQuiz ? $"/moduler/{Module.Id}/prov" : $"/moduler/{Module.Id}/{Module.SectionCount}#bekrafta";

    /// <summary>The first section of <paramref name="module"/> not in <paramref name="read"/>; null when all are read.</summary>
    public static int? FirstUnread(CatalogueModule module, IReadOnlySet<int> read)
    {
        for (var n = 1; n <= module.SectionCount; n++)
        {
            if (!read.Contains(n))
            {
                return n;
            }
        }
        return null;
    }

    /// <summary>The learner's resume point among the modules served now, or null when nothing is begun and unfinished.</summary>
    public static async Task<ResumePoint?> FindAsync(TrainingDbContext db, ContentCatalogue catalogue, Progress progress, string userId, DateTime now)
    {
        var modules = catalogue.Modules;
        var records = await Records.OfAsync(db, userId, modules, now);
        var versionIds = modules.Where(m => !(records.GetValueOrDefault(m.Id)?.Done ?? false)).Select(m => m.VersionId).ToList();
        var versionId = await db.SectionVisits.AsNoTracking()
            .Where(v => v.UserId == userId && versionIds.Contains(v.ModuleVersionId))
            .OrderByDescending(v => v.VisitedAt).ThenByDescending(v => v.Id)
            .Select(v => (int?)v.ModuleVersionId)
            .FirstOrDefaultAsync();
        if (versionId is null || catalogue.Modules.FirstOrDefault(m => m.VersionId == versionId) is not { } module)
        {
            return null;
        }
        return new ResumePoint(module, FirstUnread(module, await progress.ReadSectionsAsync(db, userId, module.VersionId)));
    }
}
