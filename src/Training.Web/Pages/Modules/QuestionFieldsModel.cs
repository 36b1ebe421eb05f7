using Training.Core.Quiz;

namespace Training.Web.Pages.Modules;

/// <summary>What the question partial needs: the public question (no answer key), its place in the form and what was answered.</summary>
public sealed record QuestionFieldsModel(PublicQuestion Question, int Index, string IdPrefix, QuestionResponse? Answer = null)
{
    public IReadOnlyCollection<string> Chosen => Answer?.OptionIds ?? [];

    public string? Typed => Answer?.Text;

    public string? Matched(int left) => Answer?.Matches.GetValueOrDefault(left);
}
