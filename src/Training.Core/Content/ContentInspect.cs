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

    /// <summary><c>{"questions": [...]}</c> for a GIFT file.</summary>
    public static JsonObject GiftFile(IEnumerable<GiftQuestion> questions) => new() { ["questions"] = Questions(questions) };

    private static JsonArray Questions(IEnumerable<GiftQuestion> questions) => new([.. questions.Select(GiftJson.ToJson)]);
}
