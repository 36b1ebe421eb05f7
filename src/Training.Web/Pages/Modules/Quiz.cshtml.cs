using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Core.Quiz;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Modules;

/// <summary>
/// The graded quiz: opens once every section of the current version has been opened, draws a stored attempt,
/// and grades it on the server. The open attempt's page holds no answer key.
/// </summary>
public class QuizModel(ContentCatalogue catalogue, TrainingDbContext db, Progress progress, WriteGate writes, TimeProvider clock) : PageModel
{
    public CatalogueModule Module { get; private set; } = null!;

    public IReadOnlyList<int> UnopenedSections { get; private set; } = [];

    public QuizAttempt? OpenAttempt { get; private set; }

    public IReadOnlyList<PublicQuestion> Questions { get; private set; } = [];

    public Completion? Pass { get; private set; }

    public DateTime? NextAttemptOpensAt { get; private set; }

    public int SubmittedInWindow { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (UnopenedSections.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden; // the page says why and where to go
        }
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (UnopenedSections.Count == 0 && Pass is null && OpenAttempt is null && NextAttemptOpensAt is null)
        {
            var drawn = QuizDraw.Draw(Module.Pool, Module.Quiz.Questions, new Random(RandomNumberGenerator.GetInt32(int.MaxValue)));
            db.QuizAttempts.Add(new QuizAttempt
            {
                Id = Guid.NewGuid().ToString("N"),
                UserId = User.UserIdOf(),
                ModuleVersionId = Module.VersionId,
                DrawnJson = drawn.ToJson(),
                StartedAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// Grades and records in one short immediate transaction. A second submit of the same attempt (double click,
    /// another tab, a replay) finds it submitted and shows the same result; the unique attempt id on completions
    /// makes a second completion impossible.
    /// </summary>
    public async Task<IActionResult> OnPostSubmitAsync(string id, string attempt)
    {
        if (catalogue.Find(id) is not { } module)
        {
            return NotFound();
        }
        var userId = User.UserIdOf();
        var form = await Request.ReadFormAsync();
        using (await writes.EnterAsync(HttpContext.RequestAborted))
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var stored = await db.QuizAttempts.FirstOrDefaultAsync(a => a.Id == attempt && a.UserId == userId);
            if (stored is null)
            {
                return NotFound();
            }
            if (stored.SubmittedAt is null)
            {
                var drawn = DrawnQuiz.FromJson(stored.DrawnJson);
                var questions = drawn.ToPublic();
                var responses = new Dictionary<string, QuestionResponse>();
                for (var i = 0; i < questions.Count; i++)
                {
                    if (QuestionForm.Read(form, i, questions[i]) is { } response)
                    {
                        responses[questions[i].Key] = response;
                    }
                }
                var result = QuizGrader.Grade(drawn, responses);
                var passMark = module.VersionId == stored.ModuleVersionId ? module.Quiz.PassMark : await StoredPassMarkAsync(stored.ModuleVersionId);
                var now = clock.GetUtcNow().UtcDateTime;
                stored.SubmittedAt = now;
                stored.ResponsesJson = System.Text.Json.JsonSerializer.Serialize(responses, ContentImporter.Json);
                stored.ResultJson = System.Text.Json.JsonSerializer.Serialize(result, ContentImporter.Json);
                stored.ScorePercent = result.ScorePercent;
                stored.Passed = result.Passed(passMark);
                if (stored.Passed == true && module.VersionId == stored.ModuleVersionId)
                {
                    db.Completions.Add(Completions.For(module, userId, User.AgencyIdOf(), now, CompletionSources.Quiz, result.ScorePercent, stored.Id));
                }
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
        }
        return Redirect($"/moduler/{id}/prov/{attempt}");
    }

    /// <summary>The pass mark of an older stored version (an attempt started before the content changed).</summary>
    private async Task<int> StoredPassMarkAsync(int versionId)
    {
        var json = await db.ModuleVersions.Where(v => v.Id == versionId).Select(v => v.FrontMatterJson).FirstAsync();
        return System.Text.Json.JsonSerializer.Deserialize<Core.Content.ModuleFrontMatter>(json, ContentImporter.Json)?.Quiz?.PassMark ?? 80;
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (catalogue.Find(id) is not { HasQuiz: true } module)
        {
            return false;
        }
        Module = module;
        var userId = User.UserIdOf();
        var opened = await progress.OpenedSectionsAsync(db, userId, module.VersionId);
        UnopenedSections = Enumerable.Range(1, module.SectionCount).Where(n => !opened.Contains(n)).ToList();
        Pass = await db.Completions.AsNoTracking()
            .Where(c => c.UserId == userId && c.ModuleVersionId == module.VersionId)
            .OrderByDescending(c => c.CompletedAt).FirstOrDefaultAsync();
        OpenAttempt = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.ModuleVersionId == module.VersionId && a.SubmittedAt == null)
            .OrderByDescending(a => a.StartedAt).FirstOrDefaultAsync();
        if (OpenAttempt is not null)
        {
            Questions = DrawnQuiz.FromJson(OpenAttempt.DrawnJson).ToPublic();
        }
        var submitted = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.ModuleVersionId == module.VersionId && a.SubmittedAt != null)
            .Select(a => a.SubmittedAt!.Value).ToListAsync();
        NextAttemptOpensAt = AttemptRules.NextAttemptOpensAt(submitted, module.Quiz, clock.GetUtcNow().UtcDateTime);
        SubmittedInWindow = submitted.Count;
        return true;
    }
}
