using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Training.Core.Gift;

namespace Training.Core.Quiz;

/// <summary>
/// Grades an attempt on the server: one point per question, partial credit as the question's fractions give it.
/// </summary>
/// <remarks>
/// <para>Single choice: the chosen answer's fraction, floored at 0 (more than one id is no answer). Multiple answer: the
/// sum of the chosen answers' fractions (each id once), floored at 0 and capped at 1. True/false: the chosen answer's
/// fraction. Short answer: the best fraction among the accepted answers that match, where both texts are trimmed, runs
/// of white space count as one space, case is ignored (invariant culture) and <c>*</c> in an accepted answer matches any
/// run of characters. Matching: the share of left items matched to their right option. Numerical: the best fraction
/// among the ranges that hold the number (bounds included, with a relative slack of 1e-9 so that <c>0.3:0.1</c> holds
/// 0.2), read from an optional sign, digits and at most one decimal point or comma (<c>2,5</c> and <c>2.5</c>);
/// anything else, thousands separators and exponents included, gives 0 points and the wrong-answer feedback.</para>
/// <para>As in Moodle, points within 1e-6 of 0 or 1 are taken as 0 or 1, so three answers weighted 33.33333 % make a
/// right answer.</para>
/// </remarks>
public static partial class QuizGrader
{
    private const double Snap = 1e-6;

    /// <summary>Grades every question of <paramref name="quiz"/>; a question without a response scores 0.</summary>
    /// <param name="quiz">The attempt as drawn.</param>
    /// <param name="responses">The responses by <see cref="DrawnQuestion.Key"/>; keys not in the quiz are ignored.</param>
    public static QuizResult Grade(DrawnQuiz quiz, IReadOnlyDictionary<string, QuestionResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(responses);
        return new QuizResult([.. quiz.Questions.Select(q => GradeQuestion(q, responses.GetValueOrDefault(q.Key)))]);
    }

    /// <summary>Grades one question (also usable for an ungraded knowledge check's instant feedback).</summary>
    /// <param name="question">The question as drawn.</param>
    /// <param name="response">The learner's response; null when unanswered.</param>
    public static QuestionResult GradeQuestion(DrawnQuestion question, QuestionResponse? response)
    {
        ArgumentNullException.ThrowIfNull(question);
        var (answered, points, feedback) = response is null
            ? Unanswered
            : question.Type switch
            {
                QuestionType.Single or QuestionType.TrueFalse => GradeSingle(question, response),
                QuestionType.Multiple => GradeMultiple(question, response),
                QuestionType.Short => GradeShort(question, response),
                QuestionType.Matching => GradeMatching(question, response),
                QuestionType.Numerical => GradeNumerical(question, response),
                _ => throw new ArgumentOutOfRangeException(nameof(question), question.Type, "Unknown question type."),
            };
        points = Math.Clamp(points, 0, 1);
        points = points < Snap ? 0 : points > 1 - Snap ? 1 : points;
        return new QuestionResult(question.Key, answered, points, [.. feedback.Select(f => f.Text)], question.GeneralFeedback, question.Format)
        {
            FeedbackFormats = [.. feedback.Select(f => f.Format ?? question.Format)],
            GeneralFeedbackFormat = question.GeneralFeedbackFormat,
        };
    }

    private static Graded GradeSingle(DrawnQuestion question, QuestionResponse response)
    {
        var chosen = Chosen(question, response);
        return chosen.Count == 1
            ? new(true, chosen[0].Fraction, Feedback(chosen))
            : Unanswered;
    }

    private static Graded GradeMultiple(DrawnQuestion question, QuestionResponse response)
    {
        var chosen = Chosen(question, response);
        return chosen.Count > 0
            ? new(true, chosen.Sum(a => a.Fraction), Feedback(chosen))
            : Unanswered;
    }

    private static Graded GradeShort(DrawnQuestion question, QuestionResponse response)
    {
        if (string.IsNullOrWhiteSpace(response.Text))
        {
            return Unanswered;
        }
        var given = Normalize(response.Text);
        var best = question.Answers
            .Where(a => WildcardMatch(Normalize(a.Text), given))
            .MaxBy(a => a.Fraction);
        return best is null
            ? new(true, 0, [])
            : new(true, best.Fraction, Feedback([best]));
    }

    private static Graded GradeMatching(DrawnQuestion question, QuestionResponse response)
    {
        if (response.Matches.Count == 0 || question.Items.Count == 0)
        {
            return Unanswered;
        }
        var right = question.Items
            .Where((item, index) => response.Matches.TryGetValue(index, out var id) && id == item.RightId)
            .Count();
        return new(true, (double)right / question.Items.Count, []);
    }

    private static Graded GradeNumerical(DrawnQuestion question, QuestionResponse response)
    {
        if (string.IsNullOrWhiteSpace(response.Text))
        {
            return Unanswered;
        }
        FeedbackText[] wrong = question.WrongFeedback is { } w ? [new(w, question.WrongFeedbackFormat)] : [];
        if (ParseNumber(response.Text) is not { } number)
        {
            return new(true, 0, wrong);
        }
        var best = question.Ranges.Where(r => Holds(r, number)).MaxBy(r => r.Fraction);
        return best is null
            ? new(true, 0, wrong)
            : new(true, best.Fraction, best.Feedback is { } f ? [new(f, best.FeedbackFormat)] : []);
    }

    /// <summary>The chosen answers in the order shown, each once; ids not in the question are ignored.</summary>
    private static List<DrawnAnswer> Chosen(DrawnQuestion question, QuestionResponse response) =>
        [.. question.Answers.Where(a => response.OptionIds.Contains(a.Id, StringComparer.Ordinal))];

    private static FeedbackText[] Feedback(IEnumerable<DrawnAnswer> answers) =>
        [.. answers.Where(a => a.Feedback is not null).Select(a => new FeedbackText(a.Feedback!, a.FeedbackFormat))];

    private static bool Holds(GiftRange range, double number)
    {
        var slack = 1e-9 * Math.Max(1, Math.Max(Math.Abs(range.Min), Math.Abs(range.Max)));
        return number >= range.Min - slack && number <= range.Max + slack;
    }

    /// <summary>A number with an optional sign and at most one decimal point or comma; null for anything else.</summary>
    internal static double? ParseNumber(string text)
    {
        var trimmed = text.Trim();
        return Number().IsMatch(trimmed)
            ? double.Parse(trimmed.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>NFC, trimmed, white-space runs as one space, upper case (invariant): the form short answers compare in.</summary>
    internal static string Normalize(string text) =>
        Whitespace().Replace(text.Normalize(NormalizationForm.FormC).Trim(), " ").ToUpperInvariant();

    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> whole, <c>*</c> matching any run of characters.</summary>
    internal static bool WildcardMatch(string pattern, string text)
    {
        // Greedy matching that backtracks only to the last star: linear in practice, O(n·m) at worst.
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    private static readonly Graded Unanswered = new(false, 0, []);

    private sealed record Graded(bool Answered, double Points, IReadOnlyList<FeedbackText> Feedback);

    private sealed record FeedbackText(string Text, TextFormat? Format);

    [GeneratedRegex(@"^[+-]?[0-9]+(?:[.,][0-9]+)?$")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>How one question was graded.</summary>
/// <param name="Key">The question's key.</param>
/// <param name="Answered">False when there was no usable response (no option, empty text, no match chosen).</param>
/// <param name="Points">The points earned, from 0 to 1.</param>
/// <param name="Feedback">
/// The answer feedback to show, in <paramref name="Format"/>: the chosen answers' (single, multiple, true/false), the
/// best matching accepted answer's (short), the range's or else the wrong-answer feedback (numerical); empty when none.
/// </param>
/// <param name="GeneralFeedback">The general feedback, shown whatever the answer; null when there is none.</param>
/// <param name="Format">The question's format: that of each feedback without a format of its own.</param>
public sealed record QuestionResult(
    string Key,
    bool Answered,
    double Points,
    IReadOnlyList<string> Feedback,
    string? GeneralFeedback,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TextFormat>))] TextFormat Format)
{
    /// <summary>True for full points.</summary>
    public bool Right => Points >= 1;

    /// <summary>The format of each of <see cref="Feedback"/>, in the same order; empty means all are in <see cref="Format"/>.</summary>
    public IReadOnlyList<TextFormat> FeedbackFormats { get; init; } = [];

    /// <summary>The general feedback's own format; null when it is <see cref="Format"/>.</summary>
    public TextFormat? GeneralFeedbackFormat { get; init; }

    /// <summary>The format feedback <paramref name="index"/> is rendered in.</summary>
    public TextFormat FeedbackFormat(int index) => index < FeedbackFormats.Count ? FeedbackFormats[index] : Format;
}

/// <summary>The grade of an attempt.</summary>
/// <param name="Questions">Each question's result, in the order of the quiz.</param>
public sealed record QuizResult(IReadOnlyList<QuestionResult> Questions)
{
    /// <summary>The points earned, one at most per question.</summary>
    public double Points => Questions.Sum(q => q.Points);

    /// <summary>
    /// The unrounded score in percent, points / questions × 100, cut to 6 decimals so that floating-point noise
    /// (79.99999999999999 for 80) does not count; 0 for a quiz without questions. Passing compares this, not
    /// <see cref="ScorePercent"/>.
    /// </summary>
    public double Percent => Questions.Count == 0 ? 0 : Math.Round(Points * 100 / Questions.Count, 6);

    /// <summary>The score in whole percent: <see cref="Percent"/> rounded half away from zero (79.5 → 80), for display and storage.</summary>
    public int ScorePercent => (int)Math.Round(Percent, MidpointRounding.AwayFromZero);

    /// <summary>True when the unrounded score reaches the pass mark: 79.5 % does not pass 80 even though it shows as 80.</summary>
    /// <param name="passMark">The pass mark in percent (<see cref="Content.QuizSettings.PassMark"/>).</param>
    public bool Passed(int passMark) => Percent >= passMark;
}
