using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>
/// Which sections of a module version a learner has read: a section counts as read once its page was shown to the
/// learner. A visit is written once (insert if absent); later visits read a small cache, so reading a page costs no
/// database write and, most of the time, no read.
/// </summary>
public sealed class Progress(IMemoryCache cache, TimeProvider clock)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(20);

    public async Task<IReadOnlySet<int>> ReadSectionsAsync(TrainingDbContext db, string userId, int versionId)
    {
        if (cache.TryGetValue(Key(userId, versionId), out ConcurrentDictionary<int, bool>? read))
        {
            return read!.Keys.ToHashSet();
        }
        return (await LoadAsync(db, userId, versionId)).Keys.ToHashSet();
    }

    /// <summary>Records that the learner read section <paramref name="section"/> (1-based), unless that is known already.</summary>
    public async Task RecordVisitAsync(TrainingDbContext db, string userId, int versionId, int section)
    {
        var read = cache.TryGetValue(Key(userId, versionId), out ConcurrentDictionary<int, bool>? known) ? known! : await LoadAsync(db, userId, versionId);
        if (read.ContainsKey(section))
        {
            return;
        }
        db.SectionVisits.Add(new SectionVisit { UserId = userId, ModuleVersionId = versionId, Section = section, VisitedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // the same learner in another tab got there first: the visit is recorded either way
        }
        read[section] = true;
    }

    private async Task<ConcurrentDictionary<int, bool>> LoadAsync(TrainingDbContext db, string userId, int versionId)
    {
        var sections = await db.SectionVisits.AsNoTracking()
            .Where(v => v.UserId == userId && v.ModuleVersionId == versionId)
            .Select(v => v.Section).ToListAsync();
        var read = new ConcurrentDictionary<int, bool>(sections.Select(s => KeyValuePair.Create(s, true)));
        cache.Set(Key(userId, versionId), read, new MemoryCacheEntryOptions { SlidingExpiration = Remember });
        return read;
    }

    private static string Key(string userId, int versionId) => $"besok:{userId}:{versionId}";
}
