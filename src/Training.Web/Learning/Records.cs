using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>
/// The named queries every page uses to read a learner's record: they load the completions and let the competence
/// rules (<see cref="CountingCompletion"/>) say which one counts, so that no page decides it on its own.
/// </summary>
public static class Records
{
    public static CompletionFact Fact(Completion completion) =>
        new(completion.ModuleId, completion.Version, completion.CompletedAt, completion.ExpiresAt);

    /// <summary>
    /// The learner's completion that makes <paramref name="module"/> done now: the latest of its current major version
    /// (any minor version, any content hash), or of an earlier major during the grace period; null when there is none,
    /// or it has expired.
    /// </summary>
    public static async Task<Completion?> CompletedAsync(TrainingDbContext db, string userId, CatalogueModule module, DateTime now)
    {
        var completions = await db.Completions.AsNoTracking()
            .Where(c => c.UserId == userId && c.ModuleId == module.Id)
            .ToListAsync();
        return CountingCompletion.Valid(completions, Fact, module.Current, now);
    }

    /// <summary>The learner's completion that makes each module done now, by module id, for the modules given.</summary>
    public static async Task<IReadOnlyDictionary<string, Completion>> CompletedAsync(
        TrainingDbContext db, string userId, IEnumerable<CatalogueModule> modules, DateTime now)
    {
        var byModule = (await db.Completions.AsNoTracking().Where(c => c.UserId == userId).ToListAsync()).ToLookup(c => c.ModuleId);
        var completed = new Dictionary<string, Completion>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (byModule.Contains(module.Id) && CountingCompletion.Valid(byModule[module.Id], Fact, module.Current, now) is { } completion)
            {
                completed[module.Id] = completion;
            }
        }
        return completed;
    }
}
