using Microsoft.EntityFrameworkCore;
using Training.Core.Content;
using Training.Core.Quiz;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>A submitted attempt as the learner's pages show it.</summary>
public sealed record SubmittedAttempt(string Id, DateTime SubmittedAt, int ScorePercent, bool Passed);

/// <summary>
/// Where a learner stands with a module's quiz now: the latest submitted attempt, how many attempts the window still
/// allows and when the next opens (by <see cref="AttemptRules"/>).
/// </summary>
public sealed record QuizStanding(SubmittedAttempt? Latest, int? AttemptsLeft, DateTime? NextAttemptOpensAt, QuizSettings Settings)
{
    /// <summary>True when no further attempt will ever open (a total limit without a window).</summary>
    public bool NeverAgain => NextAttemptOpensAt == AttemptRules.Never;

    public static async Task<QuizStanding> ForAsync(TrainingDbContext db, string userId, CatalogueModule module, DateTime nowUtc)
    {
        var submitted = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.ModuleVersionId == module.VersionId && a.SubmittedAt != null)
            .OrderByDescending(a => a.SubmittedAt)
            .Select(a => new SubmittedAttempt(a.Id, a.SubmittedAt!.Value, a.ScorePercent ?? 0, a.Passed == true))
            .ToListAsync();
        var times = submitted.Select(a => a.SubmittedAt).ToList();
        return new QuizStanding(
            submitted.FirstOrDefault(),
            AttemptRules.AttemptsLeft(times, module.Quiz, nowUtc),
            AttemptRules.NextAttemptOpensAt(times, module.Quiz, nowUtc),
            module.Quiz);
    }
}
