using Training.Core.Content;
using Training.Core.Quiz;
using Training.Web.Content;

namespace Training.Web.Pages.Authoring;

/// <summary>
/// The editor's preview: the draft rendered by the same pipeline and sanitiser as a stored version, its knowledge checks
/// and quiz questions as the learner sees them, and every problem <c>content check</c> reports, with its line.
/// </summary>
public sealed record PreviewModel(string ModuleId, CatalogueModule? Module, string? UnrenderedHtml, IReadOnlyList<ContentProblem> Problems)
{
    public IReadOnlyList<PublicQuestion> Pool => Module is { } module
        ? QuizDraw.Draw(module.Pool, null, new Random(0)).ToPublic()
        : [];

    /// <summary>Renders the draft's files; a draft that does not load yet is shown as sanitised Markdown, without sections.</summary>
    public static PreviewModel Of(string id, IReadOnlyDictionary<string, byte[]> files)
    {
        var (module, problems) = Drafts.Load(id, files);
        if (module is null)
        {
            var text = files.TryGetValue("index.md", out var bytes) ? ModuleLoader.DecodeText(bytes) : "";
            return new PreviewModel(id, null, MarkdownRenderer.ToSafeHtml(StripFrontMatter(text)), problems);
        }
        var rendered = ModuleRenderer.Render(module, path => $"/redigera/{Uri.EscapeDataString(id)}?handler=File&path={Uri.EscapeDataString(path)}");
        var catalogue = new CatalogueModule(0, module.Id, module.Title, module.Version, module.ContentHash, module.FrontMatter, module.Questions, rendered);
        return new PreviewModel(id, catalogue, null, problems);
    }

    private static string StripFrontMatter(string text)
    {
        if (!text.StartsWith("---", StringComparison.Ordinal))
        {
            return text;
        }
        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        return end < 0 ? text : text[(end + 4)..];
    }
}
