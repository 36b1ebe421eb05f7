namespace Training.Core.Tests.Modules;

/// <summary>A content folder in a temporary directory, written file by file, removed at the end of the test.</summary>
public sealed class TempContent : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("training-content-").FullName;

    public TempContent Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public TempContent Module(string folder, string frontMatter, string body) =>
        Write($"modules/{folder}/index.md", $"---\n{frontMatter.Trim()}\n---\n{body}");

    public TempContent GoodModule(string id, string version = "1.0", string extraBody = "") =>
        Module(id, $"id: {id}\ntitle: Modul {id}\nversion: \"{version}\"\nsummary: Kort.", $"Inledning.\n\n## Första\n\nText ett.\n\n## Andra\n\nText två.\n{extraBody}");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
