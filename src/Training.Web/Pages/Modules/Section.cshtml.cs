using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Core.Content;
using Training.Core.Quiz;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Infrastructure;
using Training.Web.Learning;

namespace Training.Web.Pages.Modules;

public class SectionModel(
    ContentCatalogue catalogue, TrainingDbContext db, Progress progress, KnowledgeCheckAnswers checkAnswers, DatabaseWrites writes, TimeProvider clock,
    RequestTokens tokens) : PageModel, IAsyncResultFilter
{
    private bool servingSection;

    public CatalogueModule Module { get; private set; } = null!;

    public RenderedSection Section { get; private set; } = null!;

    /// <summary>The section's 1-based number, as in the URL.</summary>
    public int Number { get; private set; }

    /// <summary>The knowledge check just answered without JavaScript, shown with its feedback.</summary>
    public int? CheckPart { get; private set; }

    public IReadOnlyDictionary<string, (QuestionResponse? Answer, QuestionResult Result)>? CheckResults { get; private set; }

    /// <summary>This section's knowledge checks the learner answered before, by part: the last answers, graded again for their feedback.</summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, (QuestionResponse? Answer, QuestionResult Result)>> EarlierAnswers { get; private set; } =
        new Dictionary<int, IReadOnlyDictionary<string, (QuestionResponse? Answer, QuestionResult Result)>>();

    /// <summary>For a module without a quiz, on its last section: the learner has confirmed it.</summary>
    public bool Completed { get; private set; }

    // Read straight from the route (already matched and constrained): model binding was a tenth of this hot page.
    public async Task<IActionResult> OnGetAsync()
    {
        if (!Find((string)RouteData.Values["id"]!, int.Parse((string)RouteData.Values["n"]!, System.Globalization.CultureInfo.InvariantCulture)))
        {
            return NotFound();
        }
        await LoadCompletedAsync();
        await LoadEarlierAnswersAsync();
        servingSection = true;
        return Page();
    }

    /// <summary>A section counts as read only once its page was served whole: an error page must not unlock the quiz.</summary>
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var executed = await next();
        if (servingSection && executed.Exception is null && Response.StatusCode == StatusCodes.Status200OK)
        {
            await progress.RecordVisitAsync(db, User.UserIdOf(), Module.VersionId, Number);
        }
    }

    /// <summary>A module without graded questions is completed by confirming it on its last section, once every section is read.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string id, int n)
    {
        if (!Find(id, n) || Module.HasQuiz || n != Module.SectionCount)
        {
            return NotFound();
        }
        var userId = User.UserIdOf();
        var read = await progress.ReadSectionsAsync(db, userId, Module.VersionId);
        if (Enumerable.Range(1, Module.SectionCount).Any(s => !read.Contains(s)))
        {
            return Redirect($"/moduler/{id}");
        }
        // Checked and written in the learner's turn, so that Confirm sent many times at once gives one completion.
        await writes.RunOneAtATimeAsync(db, per: userId, async () =>
        {
            await LoadCompletedAsync();
            if (!Completed)
            {
                db.Completions.Add(Completions.For(Module, userId, User.AgencyIdOf(), clock.GetUtcNow().UtcDateTime, CompletionSources.Confirmation));
                await db.SaveChangesAsync();
            }
        }, HttpContext.RequestAborted);
        return Redirect($"/moduler/{id}/{n}");
    }

    private async Task LoadCompletedAsync()
    {
        if (!Module.HasQuiz && Number == Module.SectionCount)
        {
            var userId = User.UserIdOf();
            Completed = (await Records.OfAsync(db, userId, Module, clock.GetUtcNow().UtcDateTime)).Done;
        }
    }

    private async Task LoadEarlierAnswersAsync()
    {
        var section = Number - 1;
        if (!Module.Checks.Keys.Any(k => k.Section == section))
        {
            return;
        }
        var answers = await checkAnswers.LastAnswersAsync(db, User.UserIdOf(), Module.VersionId);
        if (answers.Count == 0)
        {
            return;
        }
        var earlier = new Dictionary<int, IReadOnlyDictionary<string, (QuestionResponse? Answer, QuestionResult Result)>>();
        foreach (var ((checkSection, part), questions) in Module.Checks)
        {
            if (checkSection != section)
            {
                continue;
            }
            var results = new Dictionary<string, (QuestionResponse?, QuestionResult)>();
            foreach (var question in questions)
            {
                if (answers.TryGetValue(question.Key, out var answer))
                {
                    results[question.Key] = (answer, QuizGrader.GradeQuestion(question, answer));
                }
            }
            if (results.Count > 0)
            {
                earlier[part] = results;
            }
        }
        EarlierAnswers = earlier;
    }

    /// <summary>
    /// Answers a knowledge check: instant feedback, and the learner's last answer is kept for a later visit. htmx gets the check back as a
    /// fragment; without JavaScript the whole page comes back with the feedback in place.
    /// </summary>
    public async Task<IActionResult> OnPostCheckAsync(string id, int n, [FromQuery(Name = "del")] int part)
    {
        if (!Find(id, n) || Module.Checks.GetValueOrDefault((n - 1, part)) is not { Count: > 0 } questions)
        {
            return NotFound();
        }
        var form = await Request.ReadFormAsync();
        var results = new Dictionary<string, (QuestionResponse?, QuestionResult)>();
        for (var i = 0; i < questions.Count; i++)
        {
            var answer = QuestionForm.Read(form, i, questions[i].ToPublic());
            results[questions[i].Key] = (answer, QuizGrader.GradeQuestion(questions[i], answer));
        }
        await checkAnswers.RecordAsync(db, User.UserIdOf(), Module.VersionId,
            results.Where(r => r.Value.Item1 is not null).ToDictionary(r => r.Key, r => r.Value.Item1!));
        if (Request.IsHtmx())
        {
            return Partial("_KnowledgeCheck", new KnowledgeCheckModel(Module.Id, n, part, questions, results) { Token = tokens.For(HttpContext) });
        }
        CheckPart = part;
        CheckResults = results;
        await LoadEarlierAnswersAsync();
        ViewData["PostsWithHtmx"] = true;
        return Page();
    }

    private bool Find(string id, int n)
    {
        if (catalogue.Find(id) is not { } module || n < 1 || n > module.SectionCount)
        {
            return false;
        }
        Module = module;
        Number = n;
        Section = module.Rendered.Sections[n - 1];
        if (module.Checks.Keys.Any(k => k.Section == n - 1))
        {
            ViewData["PostsWithHtmx"] = true;
        }
        return true;
    }
}
