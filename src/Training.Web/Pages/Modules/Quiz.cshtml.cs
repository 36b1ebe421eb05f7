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
/// The graded quiz: opens once every section of the current version has been read, draws a stored attempt,
/// and grades it on the server. The open attempt's page holds no answer key.
/// </summary>
public class QuizModel(ContentCatalogue catalogue, TrainingDbContext db, Progress progress, DatabaseWrites writes, TimeProvider clock) : PageModel
{
    public CatalogueModule Module { get; private set; } = null!;

    public IReadOnlyList<int> UnreadSections { get; private set; } = [];

    public QuizAttempt? OpenAttempt { get; private set; }

    public IReadOnlyList<PublicQuestion> Questions { get; private set; } = [];

    public Completion? Pass { get; private set; }

    /// <summary>A completion that still counts but is open for renewal (an earlier major version's, or ending soon): the quiz may be taken again.</summary>
    public ModuleRecord? Renewing { get; private set; }

    /// <summary>The latest submitted attempt, the attempts the window leaves and when the next opens.</summary>
    public QuizStanding? Standing { get; private set; }

    public DateTime? NextAttemptOpensAt => Standing?.NextAttemptOpensAt;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (UnreadSections.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden; // the page says why and where to go
        }
        return Page();
    }

    /// <summary>
    /// Starts an attempt when the quiz is open to the learner. The checks that matter when Start is sent many times at
    /// once (no open attempt, no pass, the attempt limit) are made again with the insert, in the learner's turn
    /// (<see cref="DatabaseWrites.RunOneAtATimeAsync{T}"/>), and the database holds at most one open attempt per person
    /// and version (a unique index).
    /// </summary>
    public async Task<IActionResult> OnPostStartAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (UnreadSections.Count == 0 && Pass is null && OpenAttempt is null && NextAttemptOpensAt is null)
        {
            var drawn = QuizDraw.Draw(Module.Pool, Module.Quiz.Questions, new Random(RandomNumberGenerator.GetInt32(int.MaxValue)));
            var (userId, versionId) = (User.UserIdOf(), Module.VersionId);
            await writes.RunOneAtATimeAsync(db, per: userId, async () =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var mine = db.QuizAttempts.Where(a => a.UserId == userId && a.ModuleVersionId == versionId);
                var submitted = await mine.Where(a => a.SubmittedAt != null).Select(a => a.SubmittedAt!.Value).ToListAsync();
                var mayStart = !await mine.AnyAsync(a => a.SubmittedAt == null)
                    && !(await Records.OfAsync(db, userId, Module, now)).Done
                    && AttemptRules.NextAttemptOpensAt(submitted, Module.Quiz, now) is null;
                if (mayStart)
                {
                    db.QuizAttempts.Add(new QuizAttempt
                    {
                        Id = Guid.NewGuid().ToString("N"),
                        UserId = userId,
                        ModuleVersionId = versionId,
                        DrawnJson = drawn.ToJson(),
                        StartedAt = now,
                    });
                    await db.SaveChangesAsync();
                }
            }, HttpContext.RequestAborted);
        }
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// Grades, then records in one short transaction in the learner's turn. The grading (reading the stored quiz,
    /// grading, writing the result) happens before it, so that writers queue only for the writes; the update
    /// takes the attempt only while it is still open, so a second submit of the same attempt (double click, another
    /// tab, a replay) changes nothing and shows the first result, and the unique attempt id on completions makes a
    /// second completion impossible.
    /// </summary>
    public async Task<IActionResult> OnPostSubmitAsync(string id, string attempt)
    {
        if (catalogue.Find(id) is not { } module)
        {
            return NotFound();
        }
        var userId = User.UserIdOf();
        var stored = await FindAttempt(db, attempt, userId);
        if (stored is null)
        {
            return NotFound();
        }
        if (!stored.Submitted)
        {
            var form = await Request.ReadFormAsync();
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
            var (completes, passMark) = module.VersionId == stored.ModuleVersionId
                ? (CompletedVersion.Of(module), module.Quiz.PassMark)
                : await EarlierVersionAsync(stored.ModuleVersionId, module);
            var now = clock.GetUtcNow().UtcDateTime;
            var submission = QuizSubmission.Grade(drawn, responses, passMark, completes, userId, User.AgencyIdOf(), attempt, now);

            await writes.RunOneAtATimeAsync(db, per: userId, async () =>
            {
                var taken = await db.QuizAttempts
                    .Where(a => a.Id == attempt && a.SubmittedAt == null)
                    .ExecuteUpdateAsync(a => a
                        .SetProperty(x => x.SubmittedAt, now)
                        .SetProperty(x => x.ResponsesJson, submission.ResponsesJson)
                        .SetProperty(x => x.ResultJson, submission.ResultJson)
                        .SetProperty(x => x.ScorePercent, submission.Result.ScorePercent)
                        .SetProperty(x => x.Passed, submission.Passed));
                if (taken == 1 && submission.Completion is { } completion)
                {
                    db.Completions.Add(completion);
                    await db.SaveChangesAsync();
                }
            }, HttpContext.RequestAborted);
        }
        return Redirect($"/moduler/{id}/prov/{attempt}");
    }

    // Compiled once: looking up EF's translation cache and extracting the parameters cost a submit more than running
    // the query. (The submit's ExecuteUpdate cannot be compiled in EF Core 10: dotnet/efcore#36741.)
    private static readonly Func<TrainingDbContext, string, string, Task<StoredAttempt?>> FindAttempt = EF.CompileAsyncQuery(
        (TrainingDbContext db, string attempt, string userId) => db.QuizAttempts.AsNoTracking()
            .Where(a => a.Id == attempt && a.UserId == userId)
            .Select(a => new StoredAttempt(a.ModuleVersionId, a.DrawnJson, a.SubmittedAt != null))
            .FirstOrDefault());

    private sealed record StoredAttempt(int ModuleVersionId, string DrawnJson, bool Submitted);

    /// <summary>
    /// For an attempt drawn from an earlier stored version (started before the content changed): that version's pass
    /// mark, and the version a pass completes, which is that one when it is of the module's current major version (a
    /// minor change or a typo fix takes nothing from the learner) and none after a major change.
    /// </summary>
    private async Task<(CompletedVersion? Completes, int PassMark)> EarlierVersionAsync(int versionId, CatalogueModule module)
    {
        var version = await db.ModuleVersions.AsNoTracking().Where(v => v.Id == versionId)
            .Select(v => new { v.ModuleId, v.Version, v.VersionMajor, v.ContentHash, v.ValidForMonths, v.FrontMatterJson })
            .FirstAsync();
        var passMark = System.Text.Json.JsonSerializer.Deserialize<Core.Content.ModuleFrontMatter>(version.FrontMatterJson, ContentImporter.Json)?.Quiz?.PassMark ?? 80;
        var sameMajor = version.ModuleId == module.Id && version.VersionMajor == module.Version.Major;
        return (sameMajor ? new CompletedVersion(versionId, version.ModuleId, version.Version, version.ContentHash, version.ValidForMonths) : null, passMark);
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (catalogue.Find(id) is not { HasQuiz: true } module)
        {
            return false;
        }
        Module = module;
        var userId = User.UserIdOf();
        var read = await progress.ReadSectionsAsync(db, userId, module.VersionId);
        UnreadSections = Enumerable.Range(1, module.SectionCount).Where(n => !read.Contains(n)).ToList();
        var record = await Records.OfAsync(db, userId, module, clock.GetUtcNow().UtcDateTime);
        Pass = record.Done ? record.Counting : null;
        Renewing = record.OpenForRenewal ? record : null;
        OpenAttempt = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.ModuleVersionId == module.VersionId && a.SubmittedAt == null)
            .OrderByDescending(a => a.StartedAt).FirstOrDefaultAsync();
        if (OpenAttempt is not null)
        {
            Questions = DrawnQuiz.FromJson(OpenAttempt.DrawnJson).ToPublic();
        }
        Standing = await QuizStanding.ForAsync(db, userId, module, clock.GetUtcNow().UtcDateTime);
        return true;
    }
}
