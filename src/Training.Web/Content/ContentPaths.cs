namespace Training.Web.Content;

/// <summary>Finds the top-level folders (wwwroot, content) in a checkout, in tests and in a published folder.</summary>
public static class ContentPaths
{
    /// <summary>
    /// The folder <paramref name="name"/> beside the app when published; otherwise the one next to Training.sln,
    /// found by walking up from the current directory and then from the app's own folder.
    /// </summary>
    public static string? FindTopLevel(string name)
    {
        var published = Path.Combine(AppContext.BaseDirectory, name);
        if (Directory.Exists(published))
        {
            return published;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Training.sln")))
                {
                    var candidate = Path.Combine(dir.FullName, name);
                    if (Directory.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    /// <summary>A path as a person would type it from the current directory.</summary>
    public static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path).Replace('\\', '/');
        return relative.StartsWith("../../", StringComparison.Ordinal) ? path.Replace('\\', '/') : relative;
    }
}
