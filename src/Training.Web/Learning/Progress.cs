using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using System.Text.Json;
using Training.Core.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>
/// Which sections of a module version a learner has read: a section counts as read once its page was shown to the
/// learner. A visit is written once (insert if absent); later visits read a small cache, so reading a page costs no
/// database write and, most of the time, no read. Reading carries over within a major version: a section read in an
/// earlier version of the same major counts as read in this one when it is the same section (by title, else by place;
/// <see cref="SectionMatch"/>), so a minor publish does not send a learner back to the start.
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
        var version = db.ModuleVersions.Where(v => v.Id == versionId);
        var visits = await db.SectionVisits.AsNoTracking()
            .Where(s => s.UserId == userId)
            .Join(db.ModuleVersions, s => s.ModuleVersionId, v => v.Id, (s, v) => new { s.ModuleVersionId, s.Section, v.ModuleId, v.VersionMajor })
            .Where(x => x.ModuleVersionId == versionId
                        || (x.ModuleVersionId < versionId && version.Any(v => v.ModuleId == x.ModuleId && v.VersionMajor == x.VersionMajor)))
            .Select(x => new { x.ModuleVersionId, x.Section })
            .ToListAsync();
        var sections = visits.Where(v => v.ModuleVersionId == versionId).Select(v => v.Section).ToHashSet();
        var earlier = visits.Where(v => v.ModuleVersionId != versionId).GroupBy(v => v.ModuleVersionId).ToList();
        if (earlier.Count > 0)
        {
            var titles = await SectionTitlesAsync(db, versionId);
            foreach (var group in earlier)
            {
                sections.UnionWith(SectionMatch.Carry(await SectionTitlesAsync(db, group.Key), group.Select(v => v.Section).ToHashSet(), titles));
            }
        }
        var read = new ConcurrentDictionary<int, bool>(sections.Select(s => KeyValuePair.Create(s, true)));
        cache.Set(Key(userId, versionId), read, new MemoryCacheEntryOptions { SlidingExpiration = Remember });
        return read;
    }

    private static string Key(string userId, int versionId) => $"besok:{userId}:{versionId}";

    /// <summary>A stored version's section titles, in order; a version never changes, so they are kept long.</summary>
    private async Task<IReadOnlyList<string>> SectionTitlesAsync(TrainingDbContext db, int versionId) =>
        await cache.GetOrCreateAsync($"avsnitt:{versionId}", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            var json = await db.ModuleVersions.Where(v => v.Id == versionId).Select(v => v.RenderedJson).FirstAsync();
            using var document = JsonDocument.Parse(json);
            return (IReadOnlyList<string>)[.. document.RootElement.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("title").GetString() ?? "")];
        }) ?? [];
}
