using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Core.Gift;
using Training.Core.Quiz;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Pages.Authoring;

/// <summary>
/// <c>/redigera/{id}/statistik</c>: how each graded question of a module works, across its versions (followed by the
/// question's id): attempts, facility, discrimination, answer shares, and the questions worth a look.
/// </summary>
public class StatisticsModel(ContentCatalogue catalogue, TrainingDbContext db) : PageModel
{
    public string Id { get; private set; } = "";

    public string Title { get; private set; } = "";

    public int Attempts { get; private set; }

    public IReadOnlyList<QuestionStatistic> Questions { get; private set; } = [];

    /// <summary>The question as the current version has it (for its text), by key; absent for a question since removed.</summary>
    public IReadOnlyDictionary<string, GiftQuestion> Current { get; private set; } = new Dictionary<string, GiftQuestion>();

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Id = id;
        var module = catalogue.Find(id);
        if (module is null && !await db.ModuleVersions.AnyAsync(v => v.ModuleId == id))
        {
            return NotFound();
        }
        Title = module?.Title ?? id;
        Current = module?.Pool.Where(q => q.Key is not null).ToDictionary(q => q.Key!, StringComparer.Ordinal) ?? [];
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.ModuleVersion.ModuleId == id && a.SubmittedAt != null && a.ResultJson != null)
            .Select(a => new { a.DrawnJson, a.ResponsesJson, a.ResultJson })
            .ToListAsync();
        var outcomes = attempts.Select(a => Outcomes(DrawnQuiz.FromJson(a.DrawnJson),
            JsonSerializer.Deserialize<Dictionary<string, QuestionResponse>>(a.ResponsesJson ?? "{}", ContentImporter.Json) ?? [],
            JsonSerializer.Deserialize<QuizResult>(a.ResultJson!, ContentImporter.Json)!)).ToList();
        Attempts = outcomes.Count;
        Questions = QuestionStatistics.Compute(outcomes);
        return Page();
    }

    private static List<QuestionOutcome> Outcomes(DrawnQuiz drawn, Dictionary<string, QuestionResponse> responses, QuizResult result)
    {
        var byKey = drawn.Questions.ToDictionary(q => q.Key, StringComparer.Ordinal);
        return [.. result.Questions.Select(r =>
        {
            if (!byKey.TryGetValue(r.Key, out var question) || question.Type is not (QuestionType.Single or QuestionType.Multiple or QuestionType.TrueFalse))
            {
                return new QuestionOutcome(r.Key, r.Points, [], []);
            }
            var chosen = responses.GetValueOrDefault(r.Key)?.OptionIds ?? [];
            return new QuestionOutcome(r.Key, r.Points,
                [.. question.Answers.Select(a => a.Text)],
                [.. question.Answers.Where(a => chosen.Contains(a.Id)).Select(a => a.Text)]);
        })];
    }

    public static string Percent(double share) => (share * 100).ToString("0", System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) + " %";

    public static string TwoDecimals(double value) => value.ToString("0.00", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"));
}
