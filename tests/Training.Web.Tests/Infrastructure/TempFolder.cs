namespace Training.Web.Tests.Infrastructure;

/// <summary>A temporary folder for a test's own content or data; removed at the end.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("training-web-").FullName;

    public TempFolder Write(string relativePath, string text)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return this;
    }

    public TempFolder Module(string id, string title = "Testmodul", string version = "1.0", string? folder = null, string extraBody = "") =>
        Write($"modules/{folder ?? id}/index.md",
            $"---\nid: {id}\ntitle: {title}\nversion: \"{version}\"\nsummary: En modul för test.\n---\nInledning.\n\n## Första avsnittet\n\nText ett.\n\n## Andra avsnittet\n\nText två.\n{extraBody}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a SQLite file may still be held for a moment after the host stops; the OS cleans temp later
        }
    }
}
