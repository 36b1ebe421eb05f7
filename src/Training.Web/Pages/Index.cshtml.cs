using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages;

/// <summary>
/// The start page. Signed in: the learner's mandatory modules first, most urgent first, each with one button to where
/// they stopped; then where they left off elsewhere; then the rest of the catalogue.
/// </summary>
public class IndexModel(ContentCatalogue catalogue, TrainingDbContext db, Progress progress, TimeProvider clock) : PageModel
{
    public IReadOnlyList<RequiredModuleStep> Required { get; private set; } = [];

    /// <summary>For a signed-in learner with unfinished work outside their mandatory modules: where it is.</summary>
    public ResumePoint? Resume { get; private set; }

    /// <summary>The modules that are not mandatory for the learner, with their progress.</summary>
    public IReadOnlyList<ModuleCardModel> Others { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var userId = User.UserIdOf();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId) is not { } person)
        {
            return;
        }
        Required = await RequiredModuleStep.ForAsync(db, catalogue, progress, person, now);
        var requiredIds = Required.Select(r => r.Required.Module.Id).ToHashSet(StringComparer.Ordinal);
        var cards = await CatalogueProgress.LoadAsync(db, catalogue, userId, now);
        if (cards.HasUnfinished(catalogue) && await ResumePoint.FindAsync(db, catalogue, progress, userId, now) is { } resume
            && !requiredIds.Contains(resume.Module.Id))
        {
            Resume = resume;
        }
        Others = [.. catalogue.Modules.Where(m => !requiredIds.Contains(m.Id)).Select(m => cards.Card(m, Resume))];
    }
}

/// <summary>A mandatory module on the learner's list: its status, and the one step that takes them on.</summary>
/// <param name="Required">The module, requirement and status.</param>
/// <param name="Url">Where the button goes: the next unread section, the quiz or the confirmation; the module's page when nothing is to do.</param>
/// <param name="Action">The button's words (a resource key).</param>
public sealed record RequiredModuleStep(RequiredModule Required, string Url, string Action)
{
    public static async Task<IReadOnlyList<RequiredModuleStep>> ForAsync(
        TrainingDbContext db, ContentCatalogue catalogue, Progress progress, User person, DateTime now)
    {
        var steps = new List<RequiredModuleStep>();
        foreach (var required in await Records.RequiredAsync(db, catalogue, person, now))
        {
            var module = required.Module;
            var read = await progress.ReadSectionsAsync(db, person.Id, module.VersionId);
            var resume = new ResumePoint(module, ResumePoint.FirstUnread(module, read));
            steps.Add(required.State.Status switch
            {
                CompetenceStatus.Completed => new(required, $"/moduler/{module.Id}", "Visa modulen"),
                CompetenceStatus.Expiring or CompetenceStatus.Expired => new(required, $"/moduler/{module.Id}", "Förnya"),
                _ when read.Count > 0 => new(required, resume.Url, "Fortsätt"),
                _ => new(required, $"/moduler/{module.Id}", "Börja"),
            });
        }
        return steps;
    }
}
