using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>The one place a completion record is made: who, the agency at that moment, the exact version, and when it expires.</summary>
public static class Completions
{
    public static Completion For(CatalogueModule module, string userId, int agencyId, DateTime completedAt, string source, int? score = null, string? attemptId = null) => new()
    {
        UserId = userId,
        AgencyId = agencyId,
        ModuleId = module.Id,
        ModuleVersionId = module.VersionId,
        Version = module.Source.Version.ToString(),
        ContentHash = module.Source.ContentHash,
        CompletedAt = completedAt,
        ScorePercent = score,
        ExpiresAt = module.Source.FrontMatter.ValidForMonths is { } months ? completedAt.AddMonths(months) : null,
        Source = source,
        AttemptId = attemptId,
    };
}
