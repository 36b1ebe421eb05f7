using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Training.Core.Content;

/// <summary>
/// Renders a module's Markdown into sections of sanitised HTML and knowledge-check parts. Called once per new
/// stored module version; pages read the stored result and never render.
/// </summary>
public static class ModuleRenderer
{
    /// <summary>
    /// Renders a loaded module. A relative link to one of its files points at <paramref name="fileUrl"/> of the file's
    /// path (by default the stored version's file, <see cref="ModuleFiles.Url(string, string, string)"/>; the editor's
    /// preview points at the draft's).
    /// </summary>
    public static RenderedModule Render(ModuleSource module, Func<string, string>? fileUrl = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        fileUrl ??= path => ModuleFiles.Url(module.Id, path, module.ContentHash);
        var document = MarkdownRenderer.Parse(module.IndexText);
        MarkdownRenderer.RewriteRelativeUrls(document, url =>
            ModuleFiles.Resolve(url) is { } file ? fileUrl(file.Path) + file.Suffix : "#");

        var intro = new List<Block>();
        var sections = new List<RenderedSection>();
        string? title = null;
        var line = 0;
        var parts = new List<SectionPart>();
        var pending = new List<Block>();

        void Flush()
        {
            if (pending.Count > 0)
            {
                parts.Add(new SectionPart(PartKind.Html, RenderBlocks(pending), pending[0].Line + 1));
                pending.Clear();
            }
        }

        foreach (var block in document.ToList())
        {
            switch (block)
            {
                case YamlFrontMatterBlock:
                    continue;
                case HeadingBlock { Level: 2 } heading:
                    if (title is not null)
                    {
                        Flush();
                        sections.Add(new RenderedSection(title, line, [.. parts]));
                        parts.Clear();
                    }
                    title = MarkdownText.Of(heading);
                    line = heading.Line + 1;
                    continue;
                case FencedCodeBlock fenced when GiftFence.Kind(fenced) is { } check:
                    if (check && title is not null)
                    {
                        Flush();
                        parts.Add(new SectionPart(PartKind.Check, GiftFence.Text(fenced), fenced.Line + 2));
                    }
                    continue; // graded questions are the quiz's, never shown as code
                case HeadingBlock heading when heading.Level > 2:
                    heading.Level--; // the section's title is the page's h1, so ### becomes h2
                    break;
            }
            (title is null ? intro : pending).Add(block);
        }
        if (title is not null)
        {
            Flush();
            sections.Add(new RenderedSection(title, line, [.. parts]));
        }
        return new RenderedModule(intro.Count > 0 ? RenderBlocks(intro) : "", sections);
    }

    private static string RenderBlocks(IEnumerable<Block> blocks)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        MarkdownRenderer.Pipeline.Setup(renderer);
        foreach (var block in blocks)
        {
            renderer.Render(block);
        }
        writer.Flush();
        return MarkdownRenderer.Sanitize(writer.ToString()).Trim();
    }
}
