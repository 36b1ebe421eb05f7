using Training.Core.Agencies;
using YamlDotNet.RepresentationModel;

namespace Training.Core.Content;

/// <summary>Reads a whole content folder (design §3): every module and track, with every problem as <c>path:line: message</c>.</summary>
public static class ContentLoader
{
    private static readonly HashSet<string> TrackKeys = ["id", "title", "description", "modules", "order"];

    /// <summary>
    /// Loads <paramref name="root"/>. <paramref name="displayRoot"/> is how paths start in messages
    /// (the folder as the user typed it).
    /// </summary>
    public static ContentSet Load(string root, string displayRoot)
    {
        var problems = new List<ContentProblem>();
        var modules = new List<ModuleSource>();
        var knownIds = new HashSet<string>(StringComparer.Ordinal);
        var modulesFolder = Path.Combine(root, "modules");
        if (!Directory.Exists(modulesFolder))
        {
            problems.Add(new ContentProblem(ModuleLoader.JoinDisplay(displayRoot, "modules"), 1, "mappen modules saknas."));
        }
        else
        {
            var byId = new Dictionary<string, ModuleSource>(StringComparer.Ordinal);
            foreach (var entry in new DirectoryInfo(modulesFolder).GetFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var name = entry.Name;
                var folder = entry.FullName;
                if (name.StartsWith('.') || (entry is FileInfo && entry.LinkTarget is null))
                {
                    continue;
                }
                if (entry.LinkTarget is not null && !Directory.Exists(folder))
                {
                    problems.Add(new ContentProblem(ModuleLoader.JoinDisplay(displayRoot, "modules/" + name), 0,
                        "länken pekar inte på en modulmapp (den saknas eller går i en slinga); modulen hoppas över."));
                    continue;
                }
                knownIds.Add(name);
                var display = ModuleLoader.JoinDisplay(displayRoot, "modules/" + name);
                ModuleSource? module;
                IReadOnlyList<ContentProblem> moduleProblems;
                try
                {
                    (module, moduleProblems) = ModuleLoader.Load(folder, display);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The loader reports every file it knows cannot be read; this is for a folder that changes under it.
                    (module, moduleProblems) = (null, [new ContentProblem(display, 0, "modulmappen kunde inte läsas; modulen hoppas över.")]);
                }
                problems.AddRange(moduleProblems);
                if (module is null)
                {
                    continue;
                }
                if (byId.TryGetValue(module.Id, out var first))
                {
                    problems.Add(new ContentProblem(module.IndexPath, IdLine(module),
                        $"id '{module.Id}' används redan av {first.IndexPath}; modulen hoppas över."));
                    continue;
                }
                if (module.Id != name)
                {
                    problems.Add(new ContentProblem(module.IndexPath, IdLine(module),
                        $"mappen heter '{name}' men id är '{module.Id}'; låt dem vara lika.", ProblemSeverity.Warning));
                }
                byId.Add(module.Id, module);
                knownIds.Add(module.Id);
                modules.Add(module);
            }
        }

        var tracks = LoadTracks(root, displayRoot, knownIds, problems);
        IReadOnlyList<AgencySeed> agencies = [];
        var agencyFile = Path.Combine(root, "agencies.yml");
        if (File.Exists(agencyFile))
        {
            var agencyPath = ModuleLoader.JoinDisplay(displayRoot, "agencies.yml");
            if (TryReadText(agencyFile, agencyPath, problems) is { } agencyText)
            {
                (agencies, var agencyProblems) = AgencyCatalogue.Read(agencyText, agencyPath);
                problems.AddRange(agencyProblems);
            }
        }
        var ordered = problems
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Line)
            .ToList();
        return new ContentSet(modules.OrderBy(m => m.Id, StringComparer.Ordinal).ToList(), tracks, ordered, agencies);
    }

    /// <summary>The file's text, or null with a problem when it cannot be read (a dangling or looping link, no permission).</summary>
    private static string? TryReadText(string file, string path, List<ContentProblem> problems)
    {
        try
        {
            return ModuleLoader.ReadText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ContentProblem(path, 0, e is FileNotFoundException ? "filen finns inte (en länk som pekar på en fil som inte finns?)." : "filen kunde inte läsas."));
            return null;
        }
    }

    private static int IdLine(ModuleSource module)
    {
        var lines = module.IndexText.Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith("id:", StringComparison.Ordinal));
        return index >= 0 ? index + 1 : 1;
    }

    private static List<Track> LoadTracks(string root, string displayRoot, HashSet<string> knownIds, List<ContentProblem> problems)
    {
        var tracks = new List<Track>();
        var folder = Path.Combine(root, "tracks");
        if (!Directory.Exists(folder))
        {
            return tracks;
        }
        var files = Directory.GetFiles(folder, "*.yml").Concat(Directory.GetFiles(folder, "*.yaml")).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = ModuleLoader.JoinDisplay(displayRoot, "tracks/" + Path.GetFileName(file));
            var before = problems.Count;
            if (TryReadText(file, path, problems) is not { } text)
            {
                continue;
            }
            var (track, doc) = Yaml.Read<TrackFile>(text, path, 0, TrackKeys, problems);
            if (track is null)
            {
                continue;
            }
            foreach (var key in new[] { "id", "title" })
            {
                if (string.IsNullOrWhiteSpace(key == "id" ? track.Id : track.Title))
                {
                    problems.Add(new ContentProblem(path, 1, $"spåret saknar '{key}'."));
                }
            }
            if (track.Id is { Length: > 0 } id && !ModuleIds.IsValid(id))
            {
                problems.Add(new ContentProblem(path, doc.LineOf("id", 1), $"id '{id}' får bara innehålla a–z, 0–9 och bindestreck."));
            }
            if (track.Modules is not { Count: > 0 })
            {
                problems.Add(new ContentProblem(path, doc.LineOf("modules", 1), "spåret saknar moduler ('modules')."));
            }
            else
            {
                var items = (doc.Node("modules") as YamlSequenceNode)?.Children;
                for (var i = 0; i < track.Modules.Count; i++)
                {
                    var line = items is not null && i < items.Count ? (int)items[i].Start.Line : doc.LineOf("modules", 1);
                    if (!knownIds.Contains(track.Modules[i]))
                    {
                        problems.Add(new ContentProblem(path, line, $"spåret nämner modulen '{track.Modules[i]}', som inte finns."));
                    }
                    else if (track.Modules.IndexOf(track.Modules[i]) < i)
                    {
                        problems.Add(new ContentProblem(path, line, $"modulen '{track.Modules[i]}' står två gånger i spåret."));
                    }
                }
            }
            if (tracks.Any(t => t.Id == track.Id))
            {
                problems.Add(new ContentProblem(path, doc.LineOf("id", 1), $"spåret '{track.Id}' finns redan."));
            }
            if (problems.Count == before)
            {
                tracks.Add(new Track(track.Id!, track.Title!, track.Description ?? "", track.Modules!, track.Order));
            }
        }
        return [.. tracks.OrderBy(t => t.Order ?? int.MaxValue).ThenBy(t => t.Id, StringComparer.Ordinal)];
    }
}
