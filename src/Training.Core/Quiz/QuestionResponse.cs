namespace Training.Core.Quiz;

/// <summary>
/// What a learner answered to one question, as posted: option ids for single and multiple choice and true/false,
/// a text for short answer and numerical, and for matching the chosen right option id per left item. Values that do
/// not fit the question (unknown ids, a text for a choice question) count as no answer.
/// </summary>
public sealed record QuestionResponse
{
    /// <summary>Single, multiple and true/false: the chosen option ids (<see cref="QuizOption.Id"/>).</summary>
    public IReadOnlyList<string> OptionIds { get; init; } = [];

    /// <summary>Short answer and numerical: the text typed; null when none.</summary>
    public string? Text { get; init; }

    /// <summary>Matching: for the index of a left item in <see cref="PublicQuestion.Lefts"/>, the chosen right option id.</summary>
    public IReadOnlyDictionary<int, string> Matches { get; init; } = new Dictionary<int, string>();

    /// <summary>A response choosing these options.</summary>
    public static QuestionResponse Choose(params IEnumerable<string> optionIds) => new() { OptionIds = [.. optionIds] };

    /// <summary>A typed response (short answer, numerical).</summary>
    public static QuestionResponse Typed(string text) => new() { Text = text };

    /// <summary>A matching response: left item index to right option id.</summary>
    public static QuestionResponse Match(IReadOnlyDictionary<int, string> matches) => new() { Matches = matches };
}
