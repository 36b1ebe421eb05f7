namespace Training.Core.Quiz;

/// <summary>What a submitted attempt's result may show of one question.</summary>
/// <param name="Right">Whether the question earned full points; null when that may not be shown.</param>
/// <param name="Answered">Whether the learner answered the question at all (never a hint about the key).</param>
/// <param name="Feedback">The per-answer feedback of the learner's answers that may be shown.</param>
/// <param name="GeneralFeedback">The question's general feedback, written for every learner whatever they answered.</param>
/// <param name="ShowRightAnswer">Whether the right answer may be shown.</param>
public sealed record QuestionReview(bool? Right, bool Answered, IReadOnlyList<string> Feedback, string? GeneralFeedback, bool ShowRightAnswer)
{
    /// <summary>The format of each of <see cref="Feedback"/>, in the same order.</summary>
    public IReadOnlyList<Gift.TextFormat> FeedbackFormats { get; init; } = [];

    /// <summary>The general feedback's format.</summary>
    public Gift.TextFormat GeneralFeedbackFormat { get; init; }
}

/// <summary>
/// The rule for reviewing a graded attempt. Before a pass, nothing that tells which answers are right: no verdict per
/// question (a true/false question's verdict is its key) and no per-answer feedback (ticking every box of a
/// multiple-answer question would show each option's "Rätt …"/"Fel …"). The general feedback stays. After a pass,
/// everything, with the right answers.
/// </summary>
public static class QuizReview
{
    /// <summary>What the result page may show of <paramref name="result"/>, given whether the attempt passed.</summary>
    public static QuestionReview Of(QuestionResult result, bool passed)
    {
        ArgumentNullException.ThrowIfNull(result);
        return passed
            ? new QuestionReview(result.Right, result.Answered, result.Feedback, result.GeneralFeedback, ShowRightAnswer: true)
            {
                FeedbackFormats = [.. result.Feedback.Select((_, i) => result.FeedbackFormat(i))],
                GeneralFeedbackFormat = result.GeneralFeedbackFormat ?? result.Format,
            }
            : new QuestionReview(null, result.Answered, [], result.GeneralFeedback, ShowRightAnswer: false)
            {
                GeneralFeedbackFormat = result.GeneralFeedbackFormat ?? result.Format,
            };
    }
}
