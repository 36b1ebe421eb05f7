using System.Text.Json;
using Training.Core.Quiz;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>
/// A submitted attempt, graded, with everything that is recorded for it: the result on the attempt, and for a pass of a
/// version that completes the module, the completion. The one way a submission becomes a record, for the quiz page
/// (which stores it with a conditional update, so a second submit changes nothing) and for the demo data (which stores
/// many at once).
/// </summary>
/// <param name="Result">The graded result.</param>
/// <param name="Passed">Whether it reached the pass mark of the version the attempt was drawn from.</param>
/// <param name="ResponsesJson">The responses, as stored on the attempt.</param>
/// <param name="ResultJson">The result, as stored on the attempt.</param>
/// <param name="Completion">The completion a pass records; null for a fail, or a pass of a version that no longer completes the module.</param>
public sealed record QuizSubmission(QuizResult Result, bool Passed, string ResponsesJson, string ResultJson, Completion? Completion)
{
    /// <summary>Grades <paramref name="responses"/> to attempt <paramref name="attemptId"/>, submitted at <paramref name="submittedAt"/>.</summary>
    /// <param name="drawn">The quiz as drawn for the attempt, with its answer key.</param>
    /// <param name="responses">The learner's responses by question key.</param>
    /// <param name="passMark">The pass mark of the version the attempt was drawn from.</param>
    /// <param name="completes">The version a pass completes (see the quiz page's rule for earlier versions); null when a pass completes nothing.</param>
    /// <param name="userId">The learner.</param>
    /// <param name="agencyId">The learner's agency now.</param>
    /// <param name="attemptId">The attempt.</param>
    /// <param name="submittedAt">When it was submitted (UTC).</param>
    public static QuizSubmission Grade(DrawnQuiz drawn, IReadOnlyDictionary<string, QuestionResponse> responses, int passMark,
        CompletedVersion? completes, string userId, int agencyId, string attemptId, DateTime submittedAt)
    {
        var result = QuizGrader.Grade(drawn, responses);
        var passed = result.Passed(passMark);
        return new QuizSubmission(result, passed,
            JsonSerializer.Serialize(responses, ContentImporter.Json),
            JsonSerializer.Serialize(result, ContentImporter.Json),
            passed && completes is not null
                ? Completions.For(completes, userId, agencyId, submittedAt, CompletionSources.Quiz, result.ScorePercent, attemptId)
                : null);
    }

    /// <summary>Writes the result onto an attempt that is being created (the demo data); the quiz page writes the same fields with a conditional update.</summary>
    public void ApplyTo(QuizAttempt attempt, DateTime submittedAt)
    {
        attempt.SubmittedAt = submittedAt;
        attempt.ResponsesJson = ResponsesJson;
        attempt.ResultJson = ResultJson;
        attempt.ScorePercent = Result.ScorePercent;
        attempt.Passed = Passed;
    }
}
