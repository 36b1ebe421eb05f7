using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.MyPages;

/// <summary>The learner's own record: mandatory modules and their status, progress in the current versions, attempts, and every completion (all versions).</summary>
public class IndexModel(ContentCatalogue catalogue, TrainingDbContext db, Progress progress, TimeProvider clock) : PageModel
{
    public sealed record ModuleRow(CatalogueModule Module, int Opened, int Attempts, int? BestScore, bool Passed);

    public sealed record CompletionRow(string Title, string Version, DateTime CompletedAt, int? Score, DateTime? ExpiresAt, string Source, long Id, bool HasCertificate);

    /// <summary>The learner's mandatory modules and their status, most urgent first.</summary>
    public IReadOnlyList<RequiredModuleStep> Required { get; private set; } = [];

    public IReadOnlyList<ModuleRow> Modules { get; private set; } = [];

    public IReadOnlyList<CompletionRow> CompletionRows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = User.UserIdOf();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId) is { } person)
        {
            Required = await RequiredModuleStep.ForAsync(db, catalogue, progress, person, now);
        }
        var versionIds = catalogue.Modules.Select(m => m.VersionId).ToList();
        var opened = await db.SectionVisits.AsNoTracking()
            .Where(v => v.UserId == userId && versionIds.Contains(v.ModuleVersionId))
            .GroupBy(v => v.ModuleVersionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.SubmittedAt != null && versionIds.Contains(a.ModuleVersionId))
            .GroupBy(a => a.ModuleVersionId)
            .Select(g => new { g.Key, Count = g.Count(), Best = g.Max(a => a.ScorePercent), Passed = g.Any(a => a.Passed == true) })
            .ToDictionaryAsync(g => g.Key);
        var completed = await Records.OfAsync(db, userId, catalogue.Modules, now);
        Modules = catalogue.Modules
            .Where(m => opened.ContainsKey(m.VersionId) || attempts.ContainsKey(m.VersionId) || completed.ContainsKey(m.Id))
            .Select(m => new ModuleRow(m, opened.GetValueOrDefault(m.VersionId), attempts.GetValueOrDefault(m.VersionId)?.Count ?? 0,
                attempts.GetValueOrDefault(m.VersionId)?.Best, completed.ContainsKey(m.Id)))
            .ToList();
        CompletionRows = await db.Completions.AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderByDescending(c => c.CompletedAt)
            .Select(c => new CompletionRow(c.ModuleVersion.Title, c.Version, c.CompletedAt, c.ScorePercent, c.ExpiresAt, c.Source, c.Id, c.VerificationCode != null))
            .ToListAsync();
    }
}
