using Training.Core.Quiz;

namespace Training.Web.Pages.Modules;

/// <summary>One knowledge check where it stands in a section, with the learner's answers and their feedback once posted.</summary>
public sealed record KnowledgeCheckModel(
    string ModuleId, int Section, int Part, IReadOnlyList<DrawnQuestion> Questions,
    IReadOnlyDictionary<string, (QuestionResponse? Answer, QuestionResult Result)>? Results = null)
{
    /// <summary>The antiforgery request token the form posts (see <see cref="Infrastructure.RequestTokens"/>).</summary>
    public required string Token { get; init; }

    /// <summary>The results are the learner's answers from an earlier visit, not from the post just made.</summary>
    public bool Earlier { get; init; }

    public string ElementId => $"kontroll-{Section}-{Part}";

    public string PostUrl => $"/moduler/{ModuleId}/{Section}?handler=Check&del={Part}";
}
