using Training.Core.Content;

namespace Training.Core.Quiz;

/// <summary>When a learner may start another attempt at a module's quiz.</summary>
public static class AttemptRules
{
    /// <summary>What <see cref="NextAttemptOpensAt"/> returns when no further attempt will ever open.</summary>
    public static readonly DateTime Never = DateTime.MaxValue;

    /// <summary>
    /// Null when a new attempt may start now; otherwise the UTC time it opens. At most
    /// <see cref="QuizSettings.MaxAttempts"/> submitted attempts fall within any window of
    /// <see cref="QuizSettings.CooldownHours"/>: when that many were submitted during the last window, the next opens as
    /// the oldest of them leaves it (at its submission time + the window, which counts as outside). Without
    /// <c>MaxAttempts</c> attempts are unlimited. With <c>MaxAttempts</c> but no <c>CooldownHours</c>, it is a limit in
    /// total that never reopens: the result is then <see cref="Never"/> (<see cref="DateTime.MaxValue"/>), as it is
    /// for a <c>MaxAttempts</c> below 1 (which content check rejects).
    /// </summary>
    /// <param name="submittedAtUtc">When the learner's earlier attempts at this quiz were submitted (UTC), in any order.</param>
    /// <param name="settings">The quiz's settings.</param>
    /// <param name="nowUtc">The current time (UTC).</param>
    public static DateTime? NextAttemptOpensAt(IReadOnlyList<DateTime> submittedAtUtc, QuizSettings settings, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(submittedAtUtc);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxAttempts is not { } max)
        {
            return null;
        }
        if (max < 1)
        {
            return Never;
        }
        if (settings.CooldownHours is not { } hours)
        {
            return submittedAtUtc.Count >= max ? Never : null;
        }

        var window = TimeSpan.FromHours(hours);
        var recent = submittedAtUtc.Where(t => t > nowUtc - window).OrderDescending().ToList();
        return recent.Count >= max ? recent[max - 1] + window : null;
    }

    /// <summary>
    /// How many attempts the learner may still submit now, counted the same way as <see cref="NextAttemptOpensAt"/>:
    /// <see cref="QuizSettings.MaxAttempts"/> less those submitted within the last <see cref="QuizSettings.CooldownHours"/>
    /// (or in total, without a window), never below 0. Null when attempts are unlimited. It is 0 exactly when
    /// <see cref="NextAttemptOpensAt"/> gives a time.
    /// </summary>
    /// <param name="submittedAtUtc">When the learner's earlier attempts at this quiz were submitted (UTC), in any order.</param>
    /// <param name="settings">The quiz's settings.</param>
    /// <param name="nowUtc">The current time (UTC).</param>
    public static int? AttemptsLeft(IReadOnlyList<DateTime> submittedAtUtc, QuizSettings settings, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(submittedAtUtc);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxAttempts is not { } max)
        {
            return null;
        }
        var counted = settings.CooldownHours is { } hours
            ? submittedAtUtc.Count(t => t > nowUtc - TimeSpan.FromHours(hours))
            : submittedAtUtc.Count;
        return Math.Max(0, max - counted);
    }
}
