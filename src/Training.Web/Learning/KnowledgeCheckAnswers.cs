using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Training.Core.Quiz;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>
/// The learner's last answer to each knowledge check of a module version, so that a revisited section shows the
/// check answered. Read once into a small cache like <see cref="Progress"/>: a section page usually costs no query.
/// </summary>
public sealed class KnowledgeCheckAnswers(IMemoryCache cache, TimeProvider clock)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(20);

    /// <summary>The last answers by check question key; answers kept before responses were stored are left out.</summary>
    public async Task<IReadOnlyDictionary<string, QuestionResponse>> LastAnswersAsync(TrainingDbContext db, string userId, int versionId) =>
        cache.TryGetValue(Key(userId, versionId), out ConcurrentDictionary<string, QuestionResponse>? known) ? known! : await LoadAsync(db, userId, versionId);

    /// <summary>Keeps <paramref name="answers"/> as the learner's last answers (one row per question, replaced on each answer).</summary>
    public async Task RecordAsync(TrainingDbContext db, string userId, int versionId, IReadOnlyDictionary<string, QuestionResponse> answers)
    {
        if (answers.Count == 0)
        {
            return;
        }
        var keys = answers.Keys.ToList();
        var stored = await db.CheckAnswers
            .Where(a => a.UserId == userId && a.ModuleVersionId == versionId && keys.Contains(a.CheckKey))
            .ToDictionaryAsync(a => a.CheckKey, StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (key, response) in answers)
        {
            var json = JsonSerializer.Serialize(response, ContentImporter.Json);
            if (stored.TryGetValue(key, out var row))
            {
                row.ResponseJson = json;
                row.AnsweredAt = now;
            }
            else
            {
                db.CheckAnswers.Add(new CheckAnswer { UserId = userId, ModuleVersionId = versionId, CheckKey = key, AnsweredAt = now, ResponseJson = json });
            }
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // answered in another tab at the same moment: that answer is kept instead, and the next view reads it
            cache.Remove(Key(userId, versionId));
            return;
        }
        var cached = await LastAnswersAsync(db, userId, versionId);
        if (cached is ConcurrentDictionary<string, QuestionResponse> known)
        {
            foreach (var (key, response) in answers)
            {
                known[key] = response;
            }
        }
    }

    private async Task<ConcurrentDictionary<string, QuestionResponse>> LoadAsync(TrainingDbContext db, string userId, int versionId)
    {
        var rows = await db.CheckAnswers.AsNoTracking()
            .Where(a => a.UserId == userId && a.ModuleVersionId == versionId && a.ResponseJson != null)
            .Select(a => new { a.CheckKey, a.ResponseJson }).ToListAsync();
        var answers = new ConcurrentDictionary<string, QuestionResponse>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (JsonSerializer.Deserialize<QuestionResponse>(row.ResponseJson!, ContentImporter.Json) is { } response)
            {
                answers[row.CheckKey] = response;
            }
        }
        cache.Set(Key(userId, versionId), answers, new MemoryCacheEntryOptions { SlidingExpiration = Remember });
        return answers;
    }

    private static string Key(string userId, int versionId) => $"kontrollsvar:{userId}:{versionId}";
}
