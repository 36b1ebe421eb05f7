namespace Training.Core.Content;

/// <summary>
/// The files of one module folder, looked at before any is read. A module may hold symbolic links to files inside its
/// own folder; a link that dangles, loops, points at a folder or leaves the module makes the module unusable, and so
/// does a folder that cannot be listed or a file that cannot be read (design §3: the module is skipped and reported,
/// the site still starts).
/// </summary>
public static class ModuleFolder
{
    /// <summary>As many links as Linux follows before it gives up with ELOOP.</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// The module's files as sorted relative paths ('/' separated, hidden names left out) and a problem for each entry
    /// that cannot be used, named by its path under <paramref name="displayFolder"/>.
    /// </summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<ContentProblem> Problems) List(string folder, string displayFolder)
    {
        var files = new List<string>();
        var problems = new List<ContentProblem>();
        if (RealPath(folder) is not { } root)
        {
            problems.Add(new ContentProblem(displayFolder, 0, "modulmappen är en länk som går i en slinga."));
            return (files, problems);
        }
        Walk(folder, "", root, displayFolder, files, problems);
        files.Sort(StringComparer.Ordinal);
        return (files, problems);
    }

    private static void Walk(string directory, string prefix, string root, string displayFolder, List<string> files, List<ContentProblem> problems)
    {
        FileSystemInfo[] entries;
        try
        {
            entries = new DirectoryInfo(directory).GetFileSystemInfos();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ContentProblem(ModuleLoader.JoinDisplay(displayFolder, prefix.TrimEnd('/')), 0, "mappen kunde inte läsas."));
            return;
        }
        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.Name.StartsWith('.'))
            {
                continue;
            }
            var relative = prefix + entry.Name;
            var display = ModuleLoader.JoinDisplay(displayFolder, relative);
            if (entry.LinkTarget is null)
            {
                if (entry is DirectoryInfo)
                {
                    Walk(entry.FullName, relative + "/", root, displayFolder, files, problems);
                }
                else
                {
                    files.Add(relative);
                }
                continue;
            }
            var real = RealPath(entry.FullName);
            if (real is null)
            {
                problems.Add(new ContentProblem(display, 0, "länken går i en slinga och kan inte läsas."));
            }
            else if (!IsInside(real, root))
            {
                problems.Add(new ContentProblem(display, 0, "länken pekar utanför modulmappen; lägg filen i modulmappen i stället."));
            }
            else if (Directory.Exists(real))
            {
                problems.Add(new ContentProblem(display, 0, "länken pekar på en mapp; bara länkar till filer i modulmappen används."));
            }
            else if (!File.Exists(real))
            {
                problems.Add(new ContentProblem(display, 0, "länken pekar på en fil som inte finns."));
            }
            else
            {
                files.Add(relative);
            }
        }
    }

    /// <summary>Reads a listed file's bytes; a file that cannot be read (any more) throws <see cref="ModuleFileException"/>.</summary>
    public static byte[] ReadBytes(string folder, string relative)
    {
        try
        {
            return File.ReadAllBytes(Path.Combine(folder, relative));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModuleFileException(relative, e);
        }
    }

    /// <summary>Reads a listed text file as <see cref="ModuleLoader.ReadText"/> does; throws <see cref="ModuleFileException"/> when it cannot.</summary>
    public static string ReadText(string folder, string relative)
    {
        try
        {
            return ModuleLoader.ReadText(Path.Combine(folder, relative));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModuleFileException(relative, e);
        }
    }

    /// <summary>True when <paramref name="realPath"/> is <paramref name="realRoot"/> or inside it (both resolved by <see cref="RealPath"/>).</summary>
    public static bool IsInside(string realPath, string realRoot)
    {
        ArgumentNullException.ThrowIfNull(realPath);
        ArgumentNullException.ThrowIfNull(realRoot);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var prefix = Path.EndsInDirectorySeparator(realRoot) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        return realPath.Equals(realRoot, comparison) || realPath.StartsWith(prefix, comparison);
    }

    /// <summary>
    /// The absolute path with every symbolic link resolved, component by component as the operating system resolves
    /// it (so <c>..</c> after a link leaves the link's target, not the link's folder); null when the links loop or
    /// cannot be read. The path need not exist.
    /// </summary>
    public static string? RealPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.IsPathFullyQualified(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path); // not GetFullPath: it would take .. before the links
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Segments(full[current.Length..]).Reverse());
        var links = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment is "." or "")
            {
                continue;
            }
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, segment);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
            {
                return null;
            }
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }
            foreach (var part in Segments(target).Reverse())
            {
                pending.Push(part);
            }
        }
        return current;
    }

    private static string[] Segments(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A module's file could not be read (it went away, it may not be read, the disk failed).</summary>
public sealed class ModuleFileException : IOException
{
    /// <summary>Names the file by its path inside the module.</summary>
    public ModuleFileException(string relativePath, Exception inner)
        : base($"{relativePath} kunde inte läsas.", inner) => RelativePath = relativePath;

    /// <summary>For serialisers; prefer the constructor that names the file.</summary>
    public ModuleFileException() => RelativePath = "";

    /// <summary>For serialisers; prefer the constructor that names the file.</summary>
    public ModuleFileException(string message) : base(message) => RelativePath = "";

    /// <summary>The file, relative to the module folder.</summary>
    public string RelativePath { get; }

    /// <summary>Why, in Swedish, for <c>path: message</c>.</summary>
    public string Reason => InnerException switch
    {
        FileNotFoundException or DirectoryNotFoundException => "filen försvann medan modulen lästes.",
        UnauthorizedAccessException => "filen får inte läsas (behörighet saknas).",
        _ => "filen kunde inte läsas.",
    };
}
