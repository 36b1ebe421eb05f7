using System.Text.Json.Nodes;

namespace Training.Core.Gift;

/// <summary>Questions as the question objects of <c>content inspect --json</c> (design §7).</summary>
public static class GiftJson
{
    /// <summary>
    /// The §7 question object, fields in this order: <c>id, title, type, check, text, answers, pairs, ranges,
    /// generalFeedback, category, tags, line</c>; a numerical question with <c>~#feedback</c> also has
    /// <c>wrongFeedback</c>. Absent values are null, absent lists empty; fractions are numbers from -1 to 1.
    /// Only when they apply: <c>textAfter</c> (a missing-word question's text after the blank), <c>format</c> (the
    /// question's when it is not Moodle's default, and an answer's, pair's or range's own), and the feedback formats
    /// (<c>feedbackFormat</c>, <c>generalFeedbackFormat</c>, <c>wrongFeedbackFormat</c>) where a text has its own.
    /// </summary>
    public static JsonObject ToJson(GiftQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var json = new JsonObject
        {
            ["id"] = question.Id,
            ["title"] = question.Title,
            ["type"] = TypeName(question.Type),
            ["check"] = question.Check,
            ["text"] = question.Text,
            ["answers"] = new JsonArray([.. question.Answers.Select(a => WithFormats(new JsonObject
            {
                ["text"] = a.Text,
                ["fraction"] = a.Fraction,
                ["feedback"] = a.Feedback,
            }, ("format", a.Format), ("feedbackFormat", a.FeedbackFormat)))]),
            ["pairs"] = new JsonArray([.. question.Pairs.Select(p => WithFormats(new JsonObject
            {
                ["left"] = p.Left,
                ["right"] = p.Right,
            }, ("format", p.LeftFormat)))]),
            ["ranges"] = new JsonArray([.. question.Ranges.Select(r => WithFormats(new JsonObject
            {
                ["min"] = r.Min,
                ["max"] = r.Max,
                ["fraction"] = r.Fraction,
                ["feedback"] = r.Feedback,
            }, ("feedbackFormat", r.FeedbackFormat)))]),
            ["generalFeedback"] = question.GeneralFeedback,
            ["category"] = question.Category,
            ["tags"] = new JsonArray([.. question.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["line"] = question.Line,
        };
        if (question.WrongFeedback is { } wrong)
        {
            json["wrongFeedback"] = wrong;
        }
        if (question.TextAfter is { } after)
        {
            json["textAfter"] = after;
        }
        return WithFormats(json,
            ("format", question.Format == TextFormat.Moodle ? null : question.Format),
            ("generalFeedbackFormat", question.GeneralFeedbackFormat),
            ("wrongFeedbackFormat", question.WrongFeedbackFormat));
    }

    private static JsonObject WithFormats(JsonObject json, params (string Name, TextFormat? Format)[] formats)
    {
        foreach (var (name, format) in formats)
        {
            if (format is { } value)
            {
                json[name] = GiftParser.FormatName(value);
            }
        }
        return json;
    }

    /// <summary>The JSON name of a question type: single, multiple, truefalse, short, matching or numerical.</summary>
    public static string TypeName(QuestionType type) => type switch
    {
        QuestionType.Single => "single",
        QuestionType.Multiple => "multiple",
        QuestionType.TrueFalse => "truefalse",
        QuestionType.Short => "short",
        QuestionType.Matching => "matching",
        QuestionType.Numerical => "numerical",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
