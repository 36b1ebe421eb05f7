using System.Text.RegularExpressions;
using Training.Core.Gift;

namespace Training.Core.Content;

/// <summary>Where a module's own files (images, attachments) are served, and how a relative link in its text finds them.</summary>
public static partial class ModuleFiles
{
    /// <summary>The URL of a file inside a module: <c>/moduler/{id}/filer/{path}</c>.</summary>
    public static string Url(string moduleId, string relativePath) =>
        $"/moduler/{Uri.EscapeDataString(moduleId)}/filer/{string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>The query that names the version a file belongs to: the first characters of the version's content hash.</summary>
    public const string VersionQuery = "v";

    /// <summary>How many characters of the content hash name a version in a file's URL.</summary>
    public const int VersionHashLength = 12;

    /// <summary>
    /// The URL of a file of one stored version (<c>…/filer/{path}?v={hash prefix}</c>): a page of that version shows that
    /// version's image, also after a later version changed it.
    /// </summary>
    public static string Url(string moduleId, string relativePath, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        return $"{Url(moduleId, relativePath)}?{VersionQuery}={contentHash[..Math.Min(VersionHashLength, contentHash.Length)]}";
    }

    /// <summary>
    /// A question text (GIFT, in <paramref name="format"/>) with its links to the module's own files pinned to one stored
    /// version, as the renderer does for index.md: a relative link (<c>bilder/karta.png</c>) and a link to
    /// <c>/moduler/{id}/filer/…</c> without a version both become <see cref="Url(string, string, string)"/>, so a learner
    /// on 1.x sees 1.x's image after 2.0 changed it. Other links, and plain text, are left as they are.
    /// </summary>
    public static string PinLinks(string text, TextFormat format, string moduleId, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (format == TextFormat.Plain || text.Length == 0)
        {
            return text;
        }
        var filesPrefix = Url(moduleId, "x")[..^1];
        string Pin(string url)
        {
            if (url.StartsWith(filesPrefix, StringComparison.Ordinal))
            {
                var cut = url.IndexOfAny(['?', '#']);
                if (cut >= 0 && url[cut] == '?')
                {
                    return url; // already names a version (or a query of its own)
                }
                var path = Uri.UnescapeDataString(cut >= 0 ? url[filesPrefix.Length..cut] : url[filesPrefix.Length..]);
                return Url(moduleId, path, contentHash) + (cut >= 0 ? url[cut..] : "");
            }
            if (url.Length == 0 || url[0] is '/' or '#' or '?' || SchemePattern().IsMatch(url))
            {
                return url;
            }
            return Resolve(url) is { } file ? Url(moduleId, file.Path, contentHash) + file.Suffix : url;
        }
        return format == TextFormat.Html
            ? HtmlLinkPattern().Replace(text, m => m.Groups[1].Value + Pin(m.Groups[2].Value) + m.Groups[3].Value)
            : MarkdownLinkPattern().Replace(text, m => m.Groups[1].Value + Pin(m.Groups[2].Value));
    }

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"(\]\(\s*<?)([^)\s>]+)")]
    private static partial Regex MarkdownLinkPattern();

    [GeneratedRegex(@"(\b(?:src|href)\s*=\s*[""'])([^""']*)([""'])", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLinkPattern();

    /// <summary>
    /// The relative path of a file a request may be served, or null: inside the module, no hidden names, and neither
    /// index.md nor a quiz source (.md, .gift).
    /// </summary>
    public static string? ServablePath(string requestPath)
    {
        if (Resolve(requestPath) is not { } resolved || resolved.Suffix.Length > 0 || resolved.Path.Split('/').Any(s => s.StartsWith('.')))
        {
            return null;
        }
        var extension = Path.GetExtension(resolved.Path);
        return extension.Equals(".md", StringComparison.OrdinalIgnoreCase) || extension.Equals(".gift", StringComparison.OrdinalIgnoreCase)
            ? null : resolved.Path;
    }

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
    /// inside it (traversal, hidden files, index.md and quiz sources are not served, nor a symbolic link whose
    /// target lies outside the module's folder).
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
        // The real path, links resolved, must be a file inside the module's real folder: a link may not lead out.
        var root = ModuleFolder.RealPath(moduleFolder);
        var real = ModuleFolder.RealPath(Path.Combine(moduleFolder, resolved.Path));
        return root is not null && real is not null && ModuleFolder.IsInside(real, root) && File.Exists(real) ? real : null;
    }

    /// <summary>
    /// The file types a module's files are shown as (by extension): the images a page can show, PDF and plain text.
    /// Anything else is only offered as a download, so that no module file can run script as a page of the site
    /// (HTML, SVG).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ShownTypes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".pdf"] = "application/pdf",
        [".txt"] = "text/plain; charset=utf-8",
    };

    /// <summary>True for a file a page can show as an image (<c>![…](file)</c>).</summary>
    public static bool IsShownImage(string path) =>
        ShownTypes.TryGetValue(System.IO.Path.GetExtension(path), out var type) && type.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>
    /// The extension of the image type the bytes are (<c>.png</c>, <c>.jpg</c>, <c>.gif</c> or <c>.webp</c>, told by
    /// their first bytes, not by a name), or null when they are none of these.
    /// </summary>
    public static string? ImageExtension(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => ".png",
        [0xFF, 0xD8, 0xFF, ..] => ".jpg",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => ".gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => ".webp",
        _ => null,
    };
}
