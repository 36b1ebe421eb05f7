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
                    AppendFeedback(output, range.Feedback, question.Format);
                    output.Append('\n');
                }
                if (question.WrongFeedback is { } wrong)
                {
                    output.Append("\t~#").Append(Part(wrong, question.Format)).Append('\n');
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
                    var left = pair.Left.Length == 0 ? "" : Part(pair.Left, question.Format) + " ";
                    output.Append("\t=").Append(left).Append("-> ").Append(GiftEscapes.Escape(pair.Right)).Append('\n');
                }
                break;
            default:
                output.Append("{\n");
                foreach (var answer in question.Answers)
                {
                    output.Append('\t').Append(AnswerMarker(question.Type, answer.Fraction)).Append(Part(answer.Text, question.Format));
                    AppendFeedback(output, answer.Feedback, question.Format);
                    output.Append('\n');
                }
                break;
        }
        if (question.GeneralFeedback is { } general)
        {
            output.Append("\t####").Append(Part(general, question.Format)).Append('\n');
        }
        output.Append("}\n");
    }

    private static void WriteTrueFalse(StringBuilder output, GiftQuestion question)
    {
        var trueAnswer = question.Answers.FirstOrDefault(a => a.Text == "true");
        var falseAnswer = question.Answers.FirstOrDefault(a => a.Text == "false");
        var isTrue = trueAnswer is null || trueAnswer.Fraction >= 1;
        var right = isTrue ? trueAnswer?.Feedback : falseAnswer?.Feedback;
        var wrong = isTrue ? falseAnswer?.Feedback : trueAnswer?.Feedback;

        output.Append('{').Append(isTrue ? "TRUE" : "FALSE");
        if (wrong is not null || right is not null)
        {
            output.Append('#').Append(wrong is null ? "" : Part(wrong, question.Format));
        }
        if (right is not null)
        {
            output.Append('#').Append(Part(right, question.Format));
        }
        if (question.GeneralFeedback is { } general)
        {
            output.Append("####").Append(Part(general, question.Format));
        }
        output.Append("}\n");
    }

    private static string AnswerMarker(QuestionType type, double fraction) => type switch
    {
        QuestionType.Single when fraction == 1 => "=",
        QuestionType.Short => "=" + Weight(fraction, fraction != 1),
        _ => "~" + Weight(fraction, fraction != 0),
    };

    private static string Weight(double fraction, bool written) => written ? $"%{GiftParser.Percent(fraction)}%" : "";

    private static void AppendFeedback(StringBuilder output, string? feedback, TextFormat format)
    {
        if (feedback is not null)
        {
            output.Append(" #").Append(Part(feedback, format));
        }
    }

    /// <summary>An answer or feedback text, escaped; with the format prefix when it could be misread without one.</summary>
    private static string Part(string text, TextFormat format) =>
        text.StartsWith('[') || text.StartsWith('%')
            ? $"[{GiftParser.FormatName(format)}]{GiftEscapes.Escape(text)}"
            : GiftEscapes.Escape(text);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Bracketed(string value) => value.Replace("]", "\\]", StringComparison.Ordinal);
}
