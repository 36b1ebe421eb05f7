using Training.Core.Content;

namespace Training.Core.Gift;

/// <summary>The GIFT question types the platform supports (JSON names: single, multiple, truefalse, short, matching, numerical).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "Single and Short are the question types' names in the content format and its JSON.")]
public enum QuestionType
{
    /// <summary>Multiple choice where the learner picks one answer: at least one <c>=</c> answer in the block.</summary>
    Single,

    /// <summary>Multiple answer (check boxes): only <c>~</c> answers, weighted with <c>%n%</c> so the right ones add up to 100 %.</summary>
    Multiple,

    /// <summary>True/false: <c>{T}</c>, <c>{TRUE}</c>, <c>{F}</c>, <c>{FALSE}</c>.</summary>
    TrueFalse,

    /// <summary>Short answer: the learner types a text; every accepted answer is written with <c>=</c>.</summary>
    Short,

    /// <summary>Matching: <c>=left -&gt; right</c> pairs, at least two of them real (not distractors).</summary>
    Matching,

    /// <summary>Numerical: <c>{#value}</c>, <c>{#value:tolerance}</c> or <c>{#min..max}</c>.</summary>
    Numerical,
}

/// <summary>The format of a question's text, set with a <c>[moodle]</c>, <c>[html]</c>, <c>[plain]</c> or <c>[markdown]</c> prefix.</summary>
public enum TextFormat
{
    /// <summary>Moodle's own auto-format, the GIFT default; the platform renders it as Markdown.</summary>
    Moodle,

    /// <summary>HTML; always sanitised, never trusted.</summary>
    Html,

    /// <summary>Plain text; shown as written, line breaks kept.</summary>
    Plain,

    /// <summary>Markdown.</summary>
    Markdown,
}

/// <summary>One answer of a single, multiple, true/false or short-answer question.</summary>
/// <param name="Text">The answer as shown (short answer: as accepted; <c>*</c> is a wildcard and kept as written).</param>
/// <param name="Fraction">The credit it gives, from -1 to 1 (a GIFT weight of 50 % is 0.5).</param>
/// <param name="Feedback">Shown when this answer is chosen; null when there is none.</param>
/// <param name="Format">The answer text's own format when it differs from the question's (<c>=[plain]…</c>); null when it is the question's.</param>
/// <param name="FeedbackFormat">The feedback's own format when it differs from the question's; null when it is the question's.</param>
public sealed record GiftAnswer(string Text, double Fraction, string? Feedback, TextFormat? Format = null, TextFormat? FeedbackFormat = null);

/// <summary>One pair of a matching question.</summary>
/// <param name="Left">The item to match; empty for a distractor (<c>= -&gt; x</c>), which only adds <paramref name="Right"/> to the choices.</param>
/// <param name="Right">The answer it matches (plain text, as in Moodle).</param>
/// <param name="LeftFormat">The left item's own format when it differs from the question's; null when it is the question's.</param>
public sealed record GiftPair(string Left, string Right, TextFormat? LeftFormat = null);

/// <summary>One accepted closed range of a numerical question (<c>value:tolerance</c> is read as value ± tolerance).</summary>
/// <param name="Min">The smallest accepted number.</param>
/// <param name="Max">The largest accepted number.</param>
/// <param name="Fraction">The credit an answer in the range gives, from 0 to 1.</param>
/// <param name="Feedback">Shown when the answer falls in the range; null when there is none.</param>
/// <param name="FeedbackFormat">The feedback's own format when it differs from the question's; null when it is the question's.</param>
public sealed record GiftRange(double Min, double Max, double Fraction, string? Feedback, TextFormat? FeedbackFormat = null);

/// <summary>
/// One question read from GIFT. Texts are unescaped and trimmed; each is in <see cref="Format"/> unless it carries a
/// format of its own (as in Moodle, every text may have its own prefix; an unprefixed one takes the question's). Equality compares what the question is (its content, id, title, category,
/// tags and <see cref="Check"/>), not where it was read: <see cref="Path"/> and <see cref="Line"/> are left out,
/// so a question written with <see cref="GiftWriter"/> and read back equals the original.
/// </summary>
public sealed record GiftQuestion
{
    /// <summary>The id from <c>// [id:…]</c> in the comment lines of the question; null when there is none.</summary>
    public required string? Id { get; init; }

    /// <summary>The title from <c>::title::</c>; null when there is none.</summary>
    public string? Title { get; init; }

    /// <summary>What kind of question it is.</summary>
    public required QuestionType Type { get; init; }

    /// <summary>True for an ungraded knowledge check (a <c>```gift check</c> block).</summary>
    public bool Check { get; init; }

    /// <summary>The question text, without title, format prefix and answer block (a missing-word question: the text before the blank).</summary>
    public required string Text { get; init; }

    /// <summary>
    /// A missing-word question (Moodle's form: text after the answer block): the text after the blank, trimmed; the
    /// answer block is a blank inside the sentence <see cref="Text"/> · blank · <see cref="TextAfter"/>. Null otherwise.
    /// </summary>
    public string? TextAfter { get; init; }

    /// <summary>The format of the question text, and of every answer and feedback without a format of its own (default <see cref="TextFormat.Moodle"/>).</summary>
    public TextFormat Format { get; init; } = TextFormat.Moodle;

    /// <summary>The answers of a single, multiple, true/false (always "true" then "false") or short-answer question.</summary>
    public IReadOnlyList<GiftAnswer> Answers { get; init; } = [];

    /// <summary>The pairs of a matching question, distractors included.</summary>
    public IReadOnlyList<GiftPair> Pairs { get; init; } = [];

    /// <summary>The accepted ranges of a numerical question.</summary>
    public IReadOnlyList<GiftRange> Ranges { get; init; } = [];

    /// <summary>Numerical only: the feedback shown when the answer falls in no range (<c>~#feedback</c>); null when there is none.</summary>
    public string? WrongFeedback { get; init; }

    /// <summary>The general feedback (<c>####…</c>), shown whatever the answer; null when there is none.</summary>
    public string? GeneralFeedback { get; init; }

    /// <summary>The general feedback's own format when it differs from <see cref="Format"/>; null when it is the question's.</summary>
    public TextFormat? GeneralFeedbackFormat { get; init; }

    /// <summary>The <see cref="WrongFeedback"/>'s own format when it differs from <see cref="Format"/>; null when it is the question's.</summary>
    public TextFormat? WrongFeedbackFormat { get; init; }

    /// <summary>The category from the last <c>$CATEGORY:</c> line before the question; null when there is none.</summary>
    public string? Category { get; init; }

    /// <summary>The tags from <c>[tag:…]</c> in the comment lines of the question.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The file the question was read from, for messages.</summary>
    public string Path { get; init; } = "";

    /// <summary>The 1-based file line where the question starts (its first line that is not a comment).</summary>
    public int Line { get; init; }

    /// <summary>The identity of a graded question within its module: its id, else its title.</summary>
    public string? Key => Id ?? Title;

    /// <summary>
    /// Every text the learner may see that is written in a format, each with the format it is rendered in: the question
    /// text and <see cref="TextAfter"/>, answers, left items, and all feedback. (A matching question's right sides are
    /// plain text and not included.)
    /// </summary>
    public IEnumerable<(string Text, TextFormat Format)> FormattedTexts()
    {
        yield return (Text, Format);
        if (TextAfter is { } after)
        {
            yield return (after, Format);
        }
        foreach (var answer in Answers)
        {
            yield return (answer.Text, answer.Format ?? Format);
            if (answer.Feedback is { } feedback)
            {
                yield return (feedback, answer.FeedbackFormat ?? Format);
            }
        }
        foreach (var pair in Pairs.Where(p => p.Left.Length > 0))
        {
            yield return (pair.Left, pair.LeftFormat ?? Format);
        }
        foreach (var range in Ranges.Where(r => r.Feedback is not null))
        {
            yield return (range.Feedback!, range.FeedbackFormat ?? Format);
        }
        if (WrongFeedback is { } wrong)
        {
            yield return (wrong, WrongFeedbackFormat ?? Format);
        }
        if (GeneralFeedback is { } general)
        {
            yield return (general, GeneralFeedbackFormat ?? Format);
        }
    }

    /// <summary>
    /// This question with every text of <see cref="FormattedTexts"/> passed through <paramref name="map"/> (given the text
    /// and the format it is rendered in).
    /// </summary>
    public GiftQuestion MapTexts(Func<string, TextFormat, string> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        string? Optional(string? text, TextFormat? format) => text is null ? null : map(text, format ?? Format);
        return this with
        {
            Text = map(Text, Format),
            TextAfter = Optional(TextAfter, Format),
            Answers = [.. Answers.Select(a => a with { Text = map(a.Text, a.Format ?? Format), Feedback = Optional(a.Feedback, a.FeedbackFormat) })],
            Pairs = [.. Pairs.Select(p => p.Left.Length == 0 ? p : p with { Left = map(p.Left, p.LeftFormat ?? Format) })],
            Ranges = [.. Ranges.Select(r => r with { Feedback = Optional(r.Feedback, r.FeedbackFormat) })],
            WrongFeedback = Optional(WrongFeedback, WrongFeedbackFormat),
            GeneralFeedback = Optional(GeneralFeedback, GeneralFeedbackFormat),
        };
    }

    /// <summary>True when both questions have the same content; <see cref="Path"/> and <see cref="Line"/> do not count.</summary>
    public bool Equals(GiftQuestion? other) =>
        other is not null
        && Id == other.Id
        && Title == other.Title
        && Type == other.Type
        && Check == other.Check
        && Text == other.Text
        && TextAfter == other.TextAfter
        && Format == other.Format
        && Answers.SequenceEqual(other.Answers)
        && Pairs.SequenceEqual(other.Pairs)
        && Ranges.SequenceEqual(other.Ranges)
        && WrongFeedback == other.WrongFeedback
        && GeneralFeedback == other.GeneralFeedback
        && GeneralFeedbackFormat == other.GeneralFeedbackFormat
        && WrongFeedbackFormat == other.WrongFeedbackFormat
        && Category == other.Category
        && Tags.SequenceEqual(other.Tags);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Title, Type, Text, Answers.Count, Pairs.Count, Ranges.Count);
}

/// <summary>What <see cref="GiftParser.Parse"/> found: the questions it could read and a problem for each it could not.</summary>
/// <param name="Questions">The questions, in file order.</param>
/// <param name="Errors">One problem per rejected question, naming the line where it starts.</param>
public sealed record GiftParseResult(IReadOnlyList<GiftQuestion> Questions, IReadOnlyList<ContentProblem> Errors);
