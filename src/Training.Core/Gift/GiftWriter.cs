using System.Globalization;
using System.Text;

namespace Training.Core.Gift;

/// <summary>
/// Writes questions as GIFT that <see cref="GiftParser"/> (and Moodle's importer) reads back to equal questions.
/// </summary>
/// <remarks>
/// Ids and tags go in a comment line before the question, a <c>$CATEGORY:</c> paragraph goes before the first
/// question of each new category, line breaks in texts are written as <c>\n</c> and the special characters are
/// escaped. A text that starts with <c>[</c> or <c>%</c> gets an explicit format prefix so that it is not read as a
/// prefix or a weight. Numerical answers are written as <c>min..max</c> (or the single value) with full precision.
/// <see cref="GiftQuestion.Check"/>, <see cref="GiftQuestion.Path"/> and <see cref="GiftQuestion.Line"/> are not
/// part of GIFT and are not written. Two things GIFT cannot express: a short answer containing <c>-&gt;</c> (it would
/// read as matching) and a matching item containing <c>-&gt;</c>; the latter throws.
/// </remarks>
public static class GiftWriter
{
    /// <summary>Writes the questions in order, separated by blank lines.</summary>
    /// <exception cref="ArgumentException">A matching item (left side) contains <c>-&gt;</c>.</exception>
    public static string Write(IEnumerable<GiftQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var output = new StringBuilder();
        string? category = null;
        foreach (var question in questions)
        {
            if (output.Length > 0)
            {
                output.Append('\n');
            }
            if (question.Category != category)
            {
                output.Append(GiftParser.CategoryPrefix).Append(' ').Append(GiftEscapes.Escape(question.Category ?? "")).Append("\n\n");
                category = question.Category;
            }
            WriteQuestion(output, question);
        }
        return output.ToString();
    }

    private static void WriteQuestion(StringBuilder output, GiftQuestion question)
    {
        var marks = new List<string>();
        if (question.Id is { } id)
        {
            marks.Add($"[id:{Bracketed(id)}]");
        }
        marks.AddRange(question.Tags.Select(tag => $"[tag:{Bracketed(tag)}]"));
        if (marks.Count > 0)
        {
            output.Append("// ").AppendJoin(' ', marks).Append('\n');
        }

        if (question.Title is { } title)
        {
            output.Append("::").Append(GiftEscapes.Escape(title)).Append("::");
        }
        var prefixed = question.Format != TextFormat.Moodle
            || question.Text.StartsWith('[')
            || (question.Title is null && question.Text.StartsWith("//", StringComparison.Ordinal));
        if (prefixed)
        {
            output.Append('[').Append(GiftParser.FormatName(question.Format)).Append(']');
        }
        output.Append(GiftEscapes.Escape(question.Text)).Append(' ');

        switch (question.Type)
        {
            case QuestionType.TrueFalse:
                WriteTrueFalse(output, question);
                return;
            case QuestionType.Numerical:
                output.Append("{#\n");
                foreach (var range in question.Ranges)
                {
                    output.Append("\t=").Append(Weight(range.Fraction, range.Fraction != 1)).Append(Number(range.Min));
                    if (range.Max != range.Min)
                    {
                        output.Append("..").Append(Number(range.Max));
                    }
                    AppendFeedback(output, range.Feedback, range.FeedbackFormat, question.Format);
                    output.Append('\n');
                }
                if (question.WrongFeedback is { } wrong)
                {
                    output.Append("\t~#").Append(Part(wrong, question.WrongFeedbackFormat, question.Format)).Append('\n');
                }
                break;
            case QuestionType.Matching:
                output.Append("{\n");
                foreach (var pair in question.Pairs)
                {
                    if (pair.Left.Contains("->", StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"GIFT cannot express a matching item containing '->': {pair.Left}", nameof(question));
                    }
                    var left = pair.Left.Length == 0 ? "" : Part(pair.Left, pair.LeftFormat, question.Format) + " ";
                    output.Append("\t=").Append(left).Append("-> ").Append(GiftEscapes.Escape(pair.Right)).Append('\n');
                }
                break;
            default:
                output.Append("{\n");
                foreach (var answer in question.Answers)
                {
                    output.Append('\t').Append(AnswerMarker(question.Type, answer.Fraction)).Append(Part(answer.Text, answer.Format, question.Format));
                    AppendFeedback(output, answer.Feedback, answer.FeedbackFormat, question.Format);
                    output.Append('\n');
                }
                break;
        }
        if (question.GeneralFeedback is { } general)
        {
            output.Append("\t####").Append(Part(general, question.GeneralFeedbackFormat, question.Format)).Append('\n');
        }
        output.Append('}');
        AppendTextAfter(output, question);
    }

    private static void WriteTrueFalse(StringBuilder output, GiftQuestion question)
    {
        var trueAnswer = question.Answers.FirstOrDefault(a => a.Text == "true");
        var falseAnswer = question.Answers.FirstOrDefault(a => a.Text == "false");
        var isTrue = trueAnswer is null || trueAnswer.Fraction >= 1;
        var right = isTrue ? trueAnswer : falseAnswer;
        var wrong = isTrue ? falseAnswer : trueAnswer;

        output.Append('{').Append(isTrue ? "TRUE" : "FALSE");
        if (wrong?.Feedback is not null || right?.Feedback is not null)
        {
            output.Append('#').Append(wrong?.Feedback is { } w ? Part(w, wrong.FeedbackFormat, question.Format) : "");
        }
        if (right?.Feedback is { } r)
        {
            output.Append('#').Append(Part(r, right.FeedbackFormat, question.Format));
        }
        if (question.GeneralFeedback is { } general)
        {
            output.Append("####").Append(Part(general, question.GeneralFeedbackFormat, question.Format));
        }
        output.Append('}');
        AppendTextAfter(output, question);
    }

    private static string AnswerMarker(QuestionType type, double fraction) => type switch
    {
        QuestionType.Single when fraction == 1 => "=",
        QuestionType.Short => "=" + Weight(fraction, fraction != 1),
        _ => "~" + Weight(fraction, fraction != 0),
    };

    private static string Weight(double fraction, bool written) => written ? $"%{GiftParser.Percent(fraction)}%" : "";

    private static void AppendFeedback(StringBuilder output, string? feedback, TextFormat? own, TextFormat questionFormat)
    {
        if (feedback is not null)
        {
            output.Append(" #").Append(Part(feedback, own, questionFormat));
        }
    }

    /// <summary>A missing-word question's text after the blank: a space before a word, none before punctuation.</summary>
    private static void AppendTextAfter(StringBuilder output, GiftQuestion question)
    {
        if (question.TextAfter is { Length: > 0 } after)
        {
            if (char.IsLetterOrDigit(after[0]))
            {
                output.Append(' ');
            }
            output.Append(GiftEscapes.Escape(after));
        }
        output.Append('\n');
    }

    /// <summary>
    /// An answer or feedback text, escaped; with its own format prefix when it has one that differs from the question's,
    /// else with the question's when it could be misread without one.
    /// </summary>
    private static string Part(string text, TextFormat? own, TextFormat questionFormat) =>
        own is { } format && format != questionFormat
            ? $"[{GiftParser.FormatName(format)}]{GiftEscapes.Escape(text)}"
            : text.StartsWith('[') || text.StartsWith('%')
                ? $"[{GiftParser.FormatName(questionFormat)}]{GiftEscapes.Escape(text)}"
                : GiftEscapes.Escape(text);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Bracketed(string value) => value.Replace("]", "\\]", StringComparison.Ordinal);
}
