using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Core.Content;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Modules;

/// <summary>What the module page's main button offers, following where the learner is.</summary>
public enum ModuleStep
{
    StartReading,
    ContinueReading,
    /// <summary>Every section read, in a module without a quiz: confirm on the last section.</summary>
    Confirm,
    TakeQuiz,
    ContinueQuiz,
    /// <summary>Every section read, but the attempts are used for now (or for good).</summary>
    WaitForQuiz,
    Done,
}

public class OverviewModel(ContentCatalogue catalogue, TrainingDbContext db, Progress progress, TimeProvider clock) : PageModel
{
    public CatalogueModule Module { get; private set; } = null!;

    public IReadOnlySet<int> Read { get; private set; } = new HashSet<int>();

    /// <summary>The completion that counts now, if any.</summary>
    public Completion? Completion { get; private set; }

    /// <summary>Whether <see cref="Completion"/> is open for renewal (an earlier major's, or ending soon): the steps lead through the module again.</summary>
    public ModuleRecord? Renewing { get; private set; }

    public ModuleStep Step { get; private set; }

    /// <summary>The first unread section (1-based), while there is one.</summary>
    public int? NextSection { get; private set; }

    /// <summary>The quiz's standing once every section is read and the module is not done yet.</summary>
    public QuizStanding? Quiz { get; private set; }

    public (Track Track, CatalogueModule Module)? NextInTrack { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (catalogue.Find(id) is not { } module)
        {
            return NotFound();
        }
        Module = module;
        var userId = User.UserIdOf();
        Read = await progress.ReadSectionsAsync(db, userId, module.VersionId);
        NextSection = ResumePoint.FirstUnread(module, Read);
        var record = await Records.OfAsync(db, userId, module, clock.GetUtcNow().UtcDateTime);
        Completion = record.Counting;
        Renewing = record.OpenForRenewal ? record : null;
        Step = await StepAsync(userId);
        if (Step == ModuleStep.Done)
        {
            NextInTrack = catalogue.NextInTrack(module.Id);
        }
        return Page();
    }

    private async Task<ModuleStep> StepAsync(string userId)
    {
        if (Completion is not null && Renewing is null)
        {
            return ModuleStep.Done;
        }
        if (NextSection is not null)
        {
            return Read.Count == 0 ? ModuleStep.StartReading : ModuleStep.ContinueReading;
        }
        if (!Module.HasQuiz)
        {
            return ModuleStep.Confirm;
        }
        if (await db.QuizAttempts.AnyAsync(a => a.UserId == userId && a.ModuleVersionId == Module.VersionId && a.SubmittedAt == null))
        {
            return ModuleStep.ContinueQuiz;
        }
        Quiz = await QuizStanding.ForAsync(db, userId, Module, clock.GetUtcNow().UtcDateTime);
        return Quiz.NextAttemptOpensAt is null ? ModuleStep.TakeQuiz : ModuleStep.WaitForQuiz;
    }
}
