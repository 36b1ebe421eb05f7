using System.Text.Json.Nodes;

namespace Training.Core.Gift;

/// <summary>Questions as the question objects of <c>content inspect --json</c> (design §7).</summary>
public static class GiftJson
{
    /// <summary>
    /// The §7 question object, fields in this order: <c>id, title, type, check, text, answers, pairs, ranges,
    /// generalFeedback, category, tags, line</c>; a numerical question with <c>~#feedback</c> also has
    /// <c>wrongFeedback</c>. Absent values are null, absent lists empty; fractions are numbers from -1 to 1.
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
            ["answers"] = new JsonArray([.. question.Answers.Select(a => new JsonObject
            {
                ["text"] = a.Text,
                ["fraction"] = a.Fraction,
                ["feedback"] = a.Feedback,
            })]),
            ["pairs"] = new JsonArray([.. question.Pairs.Select(p => new JsonObject
            {
                ["left"] = p.Left,
                ["right"] = p.Right,
            })]),
            ["ranges"] = new JsonArray([.. question.Ranges.Select(r => new JsonObject
            {
                ["min"] = r.Min,
                ["max"] = r.Max,
                ["fraction"] = r.Fraction,
                ["feedback"] = r.Feedback,
            })]),
            ["generalFeedback"] = question.GeneralFeedback,
            ["category"] = question.Category,
            ["tags"] = new JsonArray([.. question.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["line"] = question.Line,
        };
        if (question.WrongFeedback is { } wrong)
        {
            json["wrongFeedback"] = wrong;
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
