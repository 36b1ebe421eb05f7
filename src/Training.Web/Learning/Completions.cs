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
}

/// <summary>The stored version a completion is of: what the completion copies, and how long it is valid.</summary>
public sealed record CompletedVersion(int VersionId, string ModuleId, string Version, string ContentHash, int? ValidForMonths)
{
    public static CompletedVersion Of(CatalogueModule module) =>
        new(module.VersionId, module.Id, module.Source.Version.ToString(), module.Source.ContentHash, module.Source.FrontMatter.ValidForMonths);
}
