using System.Text.Json;
using System.Text.Json.Serialization;
using Training.Core.Gift;

namespace Training.Core.Quiz;

/// <summary>
/// One attempt's questions as <see cref="QuizDraw.Draw"/> drew them: the order and choices the learner sees, and the
/// answer key to grade them with. Stored with the attempt (<see cref="ToJson"/>) so that grading never depends on a
/// module version's pool changing or on a second draw. Holds the right answers: render only from <see cref="ToPublic"/>.
/// </summary>
/// <param name="Questions">The drawn questions in the order they are shown.</param>
public sealed record DrawnQuiz(IReadOnlyList<DrawnQuestion> Questions)
{
    // Stored, never written into a page as script: Swedish letters stay letters and absent feedback is left out (an
    // eighth smaller; an escaped letter took six bytes).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter<TextFormat>() },
    };

    /// <summary>What a page may render: every question without fractions, feedback or right answers.</summary>
    public IReadOnlyList<PublicQuestion> ToPublic() => [.. Questions.Select(q => q.ToPublic())];

    /// <summary>The quiz as JSON (camelCase, enums by name), for storing with the attempt.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a quiz written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a drawn quiz.</exception>
    public static DrawnQuiz FromJson(string json) =>
        JsonSerializer.Deserialize<DrawnQuiz>(json, Json) ?? throw new JsonException("The JSON text is null, not a drawn quiz.");
}

/// <summary>
/// One drawn question with its choices as presented and its answer key. Option ids (<c>a0</c>, <c>a1</c>, … for
/// answers, <c>r0</c>, <c>r1</c>, … for the right-hand options of a matching question) number the choices in the order
/// they are shown, so an id tells nothing about which answer is right; a page posts ids, never texts or fractions.
/// </summary>
public sealed record DrawnQuestion
{
    /// <summary>The question's identity within its module (<see cref="GiftQuestion.Key"/>); responses are keyed by it.</summary>
    public required string Key { get; init; }

    /// <summary>What kind of question it is.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))]
    public required QuestionType Type { get; init; }

    /// <summary>The question text, in <see cref="Format"/> (a missing-word question: the text before the blank).</summary>
    public required string Text { get; init; }

    /// <summary>A missing-word question's text after the blank (<see cref="GiftQuestion.TextAfter"/>); null otherwise.</summary>
    public string? TextAfter { get; init; }

    /// <summary>The format of the text, and of the answers, left items and feedback that have none of their own.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<TextFormat>))]
    public TextFormat Format { get; init; } = TextFormat.Moodle;

    /// <summary>
    /// Single and multiple choice: the answers in shuffled order; true/false: <c>true</c> then <c>false</c>; short
    /// answer: the accepted answers in source order (never shown). Empty for matching and numerical.
    /// </summary>
    public IReadOnlyList<DrawnAnswer> Answers { get; init; } = [];

    /// <summary>Matching: the left items (distractors are not items) in shuffled order, each with its right option.</summary>
    public IReadOnlyList<DrawnMatchItem> Items { get; init; } = [];

    /// <summary>Matching: every distinct right-hand text, distractors included, in shuffled order. Plain text.</summary>
    public IReadOnlyList<QuizOption> RightOptions { get; init; } = [];

    /// <summary>Numerical: the accepted ranges.</summary>
    public IReadOnlyList<GiftRange> Ranges { get; init; } = [];

    /// <summary>Numerical: the feedback when the answer falls in no range; null when there is none.</summary>
    public string? WrongFeedback { get; init; }

    /// <summary>The feedback shown whatever the answer; null when there is none.</summary>
    public string? GeneralFeedback { get; init; }

    /// <summary>The general feedback's own format; null when it is <see cref="Format"/>.</summary>
    public TextFormat? GeneralFeedbackFormat { get; init; }

    /// <summary>The wrong-answer feedback's own format; null when it is <see cref="Format"/>.</summary>
    public TextFormat? WrongFeedbackFormat { get; init; }

    /// <summary>
    /// A response that earns full credit: the right choices, the first accepted text (a <c>*</c> matching nothing),
    /// the middle of the first full-credit range, every item to its option. For demo data and load tests.
    /// </summary>
    public QuestionResponse FullCreditResponse() => Type switch
    {
        QuestionType.Single or QuestionType.TrueFalse => QuestionResponse.Choose(Answers.Where(a => a.Fraction >= 1).Select(a => a.Id).Take(1)),
        QuestionType.Multiple => QuestionResponse.Choose(Answers.Where(a => a.Fraction > 0).Select(a => a.Id)),
        QuestionType.Short => QuestionResponse.Typed(Answers.Where(a => a.Fraction >= 1).Select(a => a.Text.Replace("*", "", StringComparison.Ordinal)).FirstOrDefault() ?? ""),
        QuestionType.Numerical => QuestionResponse.Typed(Ranges.Where(r => r.Fraction >= 1).Select(r => ((r.Min + r.Max) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault() ?? ""),
        QuestionType.Matching => QuestionResponse.Match(Items.Select((item, index) => (index, item.RightId)).ToDictionary(p => p.index, p => p.RightId)),
        _ => new QuestionResponse(),
    };

    /// <summary>
    /// What a page needs to render the question's controls and nothing more: no fractions, no feedback, no accepted
    /// short answers, no ranges and no pairing of a matching question.
    /// </summary>
    public PublicQuestion ToPublic() => new(
        Key,
        Type,
        Text,
        Format,
        Type is QuestionType.Single or QuestionType.Multiple or QuestionType.TrueFalse
            ? [.. Answers.Select(a => new QuizOption(a.Id, a.Text, a.Format))]
            : [],
        [.. Items.Select(i => i.Left)],
        RightOptions)
    {
        TextAfter = TextAfter,
        LeftFormats = [.. Items.Select(i => i.LeftFormat)],
    };
}

/// <summary>One answer of a drawn question.</summary>
/// <param name="Id">The option id within the attempt (<c>a</c> and its position in <see cref="DrawnQuestion.Answers"/>).</param>
/// <param name="Text">The answer as shown (short answer: as accepted, <c>*</c> a wildcard).</param>
/// <param name="Fraction">The credit it gives, from -1 to 1.</param>
/// <param name="Feedback">Shown when it is chosen (short answer: when it is the best match); null when there is none.</param>
/// <param name="Format">The text's own format; null when it is the question's.</param>
/// <param name="FeedbackFormat">The feedback's own format; null when it is the question's.</param>
public sealed record DrawnAnswer(string Id, string Text, double Fraction, string? Feedback, TextFormat? Format = null, TextFormat? FeedbackFormat = null);

/// <summary>One left item of a drawn matching question.</summary>
/// <param name="Left">The item, in the question's format.</param>
/// <param name="RightId">The id of the right option it matches.</param>
/// <param name="LeftFormat">The item's own format; null when it is the question's.</param>
public sealed record DrawnMatchItem(string Left, string RightId, TextFormat? LeftFormat = null);

/// <summary>A choice as the learner sees it: an opaque id to post and the text to show.</summary>
/// <param name="Id">The option id within the attempt.</param>
/// <param name="Text">The text shown.</param>
/// <param name="Format">The text's own format; null when it is the question's (a matching question's right options are plain text).</param>
public sealed record QuizOption(string Id, string Text, TextFormat? Format = null);

/// <summary>
/// A drawn question as a page may see it (<see cref="DrawnQuestion.ToPublic"/>): it holds nothing that tells the right
/// answer. Post single and multiple choice and true/false as option ids, short answer and numerical as text, and
/// matching as the index of each left item in <see cref="Lefts"/> with the id of the chosen right option.
/// </summary>
/// <param name="Key">The key that the question's response is posted under.</param>
/// <param name="Type">What kind of question it is: radio buttons, check boxes, a text box or a select per left item.</param>
/// <param name="Text">The question text, in <paramref name="Format"/>.</param>
/// <param name="Format">The format of the text, the option texts and the left items.</param>
/// <param name="Options">Single, multiple and true/false: the choices in the order to show them; empty otherwise.</param>
/// <param name="Lefts">Matching: the items to match, in the order to show them; empty otherwise.</param>
/// <param name="RightOptions">Matching: the options offered for every item (plain text); empty otherwise.</param>
public sealed record PublicQuestion(
    string Key,
    [property: JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))] QuestionType Type,
    string Text,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TextFormat>))] TextFormat Format,
    IReadOnlyList<QuizOption> Options,
    IReadOnlyList<string> Lefts,
    IReadOnlyList<QuizOption> RightOptions)
{
    /// <summary>A missing-word question's text after the blank: the controls go in the sentence; null otherwise.</summary>
    public string? TextAfter { get; init; }

    /// <summary>Matching: each left item's own format (null: the question's), in the order of <see cref="Lefts"/>.</summary>
    public IReadOnlyList<TextFormat?> LeftFormats { get; init; } = [];

    /// <summary>The format left item <paramref name="index"/> is rendered in.</summary>
    public TextFormat LeftFormat(int index) => LeftFormats.ElementAtOrDefault(index) ?? Format;
}
