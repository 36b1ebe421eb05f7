using Training.Core.Content;

namespace Training.Core.Competence;

/// <summary>A completion as the competence rules see it: which module and version, when, and until when it is valid.</summary>
/// <param name="ModuleId">The module's id.</param>
/// <param name="Version">The completed version, <c>major.minor</c>.</param>
/// <param name="CompletedAt">When it was completed (UTC).</param>
/// <param name="ExpiresAt">When it expires (UTC), as stored at completion; null when it never does.</param>
public sealed record CompletionFact(string ModuleId, string Version, DateTime CompletedAt, DateTime? ExpiresAt);

/// <summary>A module as it is served now.</summary>
/// <param name="ModuleId">The module's id.</param>
/// <param name="Version">Its current version.</param>
/// <param name="MajorSince">When a version of the current major version was first stored (UTC): the start of the grace period for earlier majors.</param>
public sealed record CurrentModule(string ModuleId, ModuleVersionNumber Version, DateTime MajorSince);

/// <summary>
/// Which completion counts for a module: the latest completion of the module's current major version. A minor version
/// or a changed content hash changes nothing; after a new major version, completions of an earlier major keep counting
/// for a grace period from the new major's first storing, then no longer.
/// </summary>
public static class CountingCompletion
{
    /// <summary>The grace period, in days, when a requirement names none.</summary>
    public const int DefaultGraceDays = 90;

    /// <summary>The end of the grace period for completions of earlier majors (UTC); from then on they no longer count.</summary>
    public static DateTime GraceEnd(CurrentModule module, int graceDays = DefaultGraceDays) => module.MajorSince.AddDays(graceDays);

    /// <summary>Whether <paramref name="completion"/> counts for <paramref name="module"/> at <paramref name="now"/>.</summary>
    /// <remarks>A completion of a later major than the current one (content rolled back) counts: nobody loses competence for it.</remarks>
    public static bool Counts(CompletionFact completion, CurrentModule module, DateTime now, int graceDays = DefaultGraceDays)
    {
        if (completion.ModuleId != module.ModuleId || !ModuleVersionNumber.TryParse(completion.Version, out var version))
        {
            return false;
        }
        return version.Major >= module.Version.Major || now < GraceEnd(module, graceDays);
    }

    /// <summary>Whether <paramref name="completion"/> is of the module's current major version (or a later one), so that no grace period limits it.</summary>
    public static bool OfCurrentMajor(CompletionFact completion, CurrentModule module) =>
        ModuleVersionNumber.TryParse(completion.Version, out var version) && version.Major >= module.Version.Major;

    /// <summary>The latest completion that counts for <paramref name="module"/> at <paramref name="now"/>, or null.</summary>
    public static T? Latest<T>(IEnumerable<T> completions, Func<T, CompletionFact> fact, CurrentModule module, DateTime now, int graceDays = DefaultGraceDays)
        where T : class
    {
        T? latest = null;
        DateTime latestAt = default;
        foreach (var completion in completions)
        {
            var f = fact(completion);
            if (Counts(f, module, now, graceDays) && (latest is null || f.CompletedAt > latestAt))
            {
                latest = completion;
                latestAt = f.CompletedAt;
            }
        }
        return latest;
    }

    /// <summary>The latest completion that counts for <paramref name="module"/> at <paramref name="now"/>, or null.</summary>
    public static CompletionFact? Latest(IEnumerable<CompletionFact> completions, CurrentModule module, DateTime now, int graceDays = DefaultGraceDays) =>
        Latest(completions, c => c, module, now, graceDays);

    /// <summary>
    /// The latest completion that counts and is still valid at <paramref name="now"/> (neither expired nor past the grace
    /// period), or null: what makes a module done for the learner; without it they may complete it (again).
    /// </summary>
    public static T? Valid<T>(IEnumerable<T> completions, Func<T, CompletionFact> fact, CurrentModule module, DateTime now, int graceDays = DefaultGraceDays)
        where T : class =>
        Latest(completions, fact, module, now, graceDays) is { } latest && !(ValidUntil(fact(latest), module, graceDays) <= now) ? latest : null;

    /// <summary>
    /// Whether the learner may do the module again although <paramref name="counting"/> counts: it is of an earlier major
    /// version (the new one is there to take before the grace period ends), or it ends within the renewal window.
    /// </summary>
    public static bool OpenForRenewal(CompletionFact counting, CurrentModule module, DateTime now,
        int renewalWindowDays = CompetenceRequirement.DefaultRenewalWindowDays, int graceDays = DefaultGraceDays) =>
        !OfCurrentMajor(counting, module)
        || ValidUntil(counting, module, graceDays) is { } until && now >= until.AddDays(-renewalWindowDays);

    /// <summary>
    /// Until when the completion keeps the person competent (UTC): its stored expiry, and for a completion of an earlier
    /// major also the end of the grace period, whichever comes first; null when neither ends it.
    /// </summary>
    public static DateTime? ValidUntil(CompletionFact completion, CurrentModule module, int graceDays = DefaultGraceDays)
    {
        if (OfCurrentMajor(completion, module))
        {
            return completion.ExpiresAt;
        }
        var graceEnd = GraceEnd(module, graceDays);
        return completion.ExpiresAt is { } expires && expires < graceEnd ? expires : graceEnd;
    }
}
