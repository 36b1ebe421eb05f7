namespace Training.Core.Content;

/// <summary>Where a module's own files (images, attachments) are served, and how a relative link in its text finds them.</summary>
public static class ModuleFiles
{
    /// <summary>The URL of a file inside a module: <c>/moduler/{id}/filer/{path}</c>.</summary>
    public static string Url(string moduleId, string relativePath) =>
        $"/moduler/{Uri.EscapeDataString(moduleId)}/filer/{string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>
    /// Resolves a relative URL from index.md to a path inside the module folder (and the fragment or query after it);
    /// null when the URL leaves the folder.
    /// </summary>
    public static (string Path, string Suffix)? Resolve(string relativeUrl)
    {
        var cut = relativeUrl.IndexOfAny(['#', '?']);
        var suffix = cut >= 0 ? relativeUrl[cut..] : "";
        var raw = Uri.UnescapeDataString(cut >= 0 ? relativeUrl[..cut] : relativeUrl);
        var segments = new List<string>();
        foreach (var segment in raw.Replace('\\', '/').Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }
                    segments.RemoveAt(segments.Count - 1);
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }
        return segments.Count == 0 ? null : (string.Join('/', segments), suffix);
    }

    /// <summary>
    /// The file on disk for a request path under a module folder, or null when the path is not a plain file
    /// inside it (traversal, hidden files, index.md and quiz sources are not served).
    /// </summary>
    public static string? FindServable(string moduleFolder, string requestPath)
    {
        if (Resolve(requestPath) is not { } resolved || resolved.Suffix.Length > 0)
        {
            return null;
        }
        var segments = resolved.Path.Split('/');
        if (segments.Any(s => s.StartsWith('.')))
        {
            return null;
        }
        var extension = Path.GetExtension(resolved.Path);
        if (extension.Equals(".md", StringComparison.OrdinalIgnoreCase) || extension.Equals(".gift", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var root = Path.GetFullPath(moduleFolder);
        var full = Path.GetFullPath(Path.Combine(root, resolved.Path));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
