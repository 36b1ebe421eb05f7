using System.Text.Json.Nodes;
using Training.Core.Gift;

namespace Training.Core.Content;

/// <summary>The <c>content inspect --json</c> objects of design §7.</summary>
public static class ContentInspect
{
    /// <summary><c>{"id", "title", "version", "contentHash", "sections": [{"title", "line"}], "questions": [...]}</c></summary>
    public static JsonObject Module(ModuleSource module) => new()
    {
        ["id"] = module.Id,
        ["title"] = module.Title,
        ["version"] = module.Version.ToString(),
        ["contentHash"] = module.ContentHash,
        ["sections"] = new JsonArray([.. module.Sections.Select(s => new JsonObject { ["title"] = s.Title, ["line"] = s.Line })]),
        ["questions"] = Questions(module.Questions),
    };

    /// <summary>
    /// The JSON that <c>content inspect --json</c> prints for a question file (GIFT or Moodle XML):
    /// <c>{"questions": [...], "errors": [{"path", "line", "message", "severity"}]}</c>.
    /// </summary>
    public static JsonObject QuestionFile(IEnumerable<GiftQuestion> questions, IEnumerable<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(problems);
        return new JsonObject
        {
            ["questions"] = Questions(questions),
            ["errors"] = new JsonArray([.. problems.Select(p => new JsonObject
            {
                ["path"] = p.Path,
                ["line"] = p.Line,
                ["message"] = p.Message,
                ["severity"] = p.Severity == ProblemSeverity.Error ? "error" : "warning",
            })]),
        };
    }


    private static JsonArray Questions(IEnumerable<GiftQuestion> questions) => new([.. questions.Select(GiftJson.ToJson)]);
}
