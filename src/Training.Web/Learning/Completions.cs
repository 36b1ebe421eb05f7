using Training.Core.Competence;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>The one place a completion record is made: who, the agency at that moment, the exact version, and when it expires.</summary>
public static class Completions
{
    public static Completion For(CatalogueModule module, string userId, int agencyId, DateTime completedAt, string source, int? score = null, string? attemptId = null) =>
        For(CompletedVersion.Of(module), userId, agencyId, completedAt, source, score, attemptId);

    /// <summary>A completion of a stored version, which may be an earlier one than the catalogue serves (an attempt drawn from it).</summary>
    public static Completion For(CompletedVersion version, string userId, int agencyId, DateTime completedAt, string source, int? score = null, string? attemptId = null) => new()
    {
        UserId = userId,
        AgencyId = agencyId,
        ModuleId = version.ModuleId,
        ModuleVersionId = version.VersionId,
        Version = version.Version,
        ContentHash = version.ContentHash,
        CompletedAt = completedAt,
        ScorePercent = score,
        ExpiresAt = version.ValidForMonths is { } months ? completedAt.AddMonths(months) : null,
        Source = source,
        AttemptId = attemptId,
        VerificationCode = VerificationCode.New(),
    };

    /// <summary>
    /// A completion someone recorded for the learner (HR's form, a correction, an import): who recorded it (null from the
    /// command line), the evidence, and an expiry when the record gives one (otherwise the version's validity from
    /// <paramref name="completedAt"/>). A correction names the completion it supersedes.
    /// </summary>
    public static Completion Recorded(
        CompletedVersion version, string userId, int agencyId, DateTime completedAt, string source, string? recordedById, string? note,
        int? score = null, DateTime? expiresAt = null, long? supersedesId = null)
    {
        var completion = For(version, userId, agencyId, completedAt, source, score);
        completion.RecordedById = recordedById;
        completion.Note = note;
        completion.SupersedesId = supersedesId;
        if (expiresAt is { } expires)
        {
            completion.ExpiresAt = expires;
        }
        return completion;
    }

    /// <summary>How a completion was made, in Swedish (the key for its translation).</summary>
    public static string SourceName(string source) => source switch
    {
        CompletionSources.Quiz => "Prov",
        CompletionSources.Confirmation => "Bekräftad",
        CompletionSources.Manual => "Manuellt registrerad",
        CompletionSources.Import => "Importerad",
        _ => source,
    };

    /// <summary>
    /// The completions in force: every one that no correction supersedes (a correction is a new record naming the one it
    /// replaces). What counts is always chosen from these.
    /// </summary>
    public static IQueryable<Completion> InForce(TrainingDbContext db) =>
        db.Completions.Where(c => !db.Completions.Any(later => later.SupersedesId == c.Id));
}

/// <summary>The stored version a completion is of: what the completion copies, and how long it is valid.</summary>
public sealed record CompletedVersion(int VersionId, string ModuleId, string Version, string ContentHash, int? ValidForMonths)
{
    public static CompletedVersion Of(CatalogueModule module) =>
        new(module.VersionId, module.Id, module.Version.ToString(), module.ContentHash, module.FrontMatter.ValidForMonths);

    /// <summary>The version an earlier completion was of (its stored version loaded), for a correction that keeps it.</summary>
    public static CompletedVersion Of(Completion completion) =>
        new(completion.ModuleVersionId, completion.ModuleId, completion.Version, completion.ContentHash, completion.ModuleVersion.ValidForMonths);
}
