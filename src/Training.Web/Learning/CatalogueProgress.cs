using Microsoft.EntityFrameworkCore;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>A learner's progress across the catalogue, for module cards: sections read per served version, and which modules count as completed.</summary>
/// <param name="ReadCounts">Sections read per module version of the catalogue, for the modules the learner has begun.</param>
/// <param name="Completed">The ids of the modules with a completion that counts now.</param>
public sealed record CatalogueProgress(IReadOnlyDictionary<int, int> ReadCounts, IReadOnlySet<string> Completed)
{
    public static async Task<CatalogueProgress> LoadAsync(TrainingDbContext db, ContentCatalogue catalogue, string userId, DateTime now)
    {
        var versionIds = catalogue.Modules.Select(m => m.VersionId).ToList();
        var readCounts = await db.SectionVisits.AsNoTracking()
            .Where(v => v.UserId == userId && versionIds.Contains(v.ModuleVersionId))
            .GroupBy(v => v.ModuleVersionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        var records = await Records.OfAsync(db, userId, catalogue.Modules, now);
        return new CatalogueProgress(readCounts, records.Keys.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Whether the learner has read in a module they have not completed: somewhere to resume.</summary>
    public bool HasUnfinished(ContentCatalogue catalogue) =>
        catalogue.Modules.Any(m => ReadCounts.ContainsKey(m.VersionId) && !Completed.Contains(m.Id));

    public ModuleCardModel Card(CatalogueModule module, ResumePoint? resume) =>
        new(module, ReadCounts.GetValueOrDefault(module.VersionId), Completed.Contains(module.Id), resume?.Module.Id == module.Id);
}

/// <summary>A module in the catalogue with the learner's progress in it.</summary>
public sealed record ModuleCardModel(CatalogueModule Module, int Read, bool Completed, bool Current);
