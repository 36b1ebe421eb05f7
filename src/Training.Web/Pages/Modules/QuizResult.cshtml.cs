using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Core.Quiz;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Modules;

/// <summary>A submitted attempt: the score, and per question whether it was right and its feedback; the right answers only after a pass.</summary>
public class QuizResultModel(ContentCatalogue catalogue, TrainingDbContext db, TimeProvider clock) : PageModel
{
    public QuizAttempt Attempt { get; private set; } = null!;

    public string ModuleId { get; private set; } = "";

    public string ModuleTitle { get; private set; } = "";

    public DrawnQuiz Drawn { get; private set; } = null!;

    public QuizResult Result { get; private set; } = null!;

    public IReadOnlyDictionary<string, QuestionResponse> Responses { get; private set; } = new Dictionary<string, QuestionResponse>();

    /// <summary>After a failure, while the module's quiz is served: the attempts left now and when the next opens.</summary>
    public QuizStanding? Standing { get; private set; }

    /// <summary>After a pass: the next module of the module's track.</summary>
    public (Core.Content.Track Track, CatalogueModule Module)? NextInTrack { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string attempt)
    {
        var userId = User.UserIdOf();
        var stored = await db.QuizAttempts.AsNoTracking().Include(a => a.ModuleVersion)
            .FirstOrDefaultAsync(a => a.Id == attempt && a.UserId == userId && a.ModuleVersion.ModuleId == id);
        if (stored is null)
        {
            return NotFound(); // another learner's attempt is simply not there
        }
        if (stored.SubmittedAt is null || stored.ResultJson is null)
        {
            return Redirect($"/moduler/{id}/prov");
        }
        Attempt = stored;
        ModuleId = id;
        ModuleTitle = catalogue.Find(id)?.Title ?? stored.ModuleVersion.Title;
        Drawn = DrawnQuiz.FromJson(stored.DrawnJson);
        Result = JsonSerializer.Deserialize<QuizResult>(stored.ResultJson, ContentImporter.Json)!;
        Responses = JsonSerializer.Deserialize<Dictionary<string, QuestionResponse>>(stored.ResponsesJson ?? "{}", ContentImporter.Json)!;
        if (stored.Passed == true)
        {
            NextInTrack = catalogue.NextInTrack(id);
        }
        else if (catalogue.Find(id) is { HasQuiz: true } module)
        {
            Standing = await QuizStanding.ForAsync(db, userId, module, clock.GetUtcNow().UtcDateTime);
        }
        return Page();
    }
}
