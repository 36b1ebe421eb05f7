using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Training.Core.Authoring;
using Training.Core.Content;
using Training.Web.Data;
using Training.Web.Infrastructure;

namespace Training.Web.Content;

/// <summary>
/// Reads the content folder and stores, through the one publish path (<see cref="ModuleStore"/>), each module whose files
/// (by content hash) no stored version of it has; unchanged files do nothing, even when the module was since published in
/// the editor. Then fills the catalogue from the stored current versions, so the site serves the database, not the folder,
/// and keeps serving when content/ is gone. Broken modules are logged and skipped.
/// </summary>
public sealed partial class ContentImporter(
    IServiceScopeFactory scopes, ContentCatalogue catalogue, DatabaseWrites writes, TimeProvider clock, ILogger<ContentImporter> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // stored, never put into a page as script
    };

    /// <summary>How many module versions this process has stored, and so rendered (each new version exactly once).</summary>
    public int RenderedVersions { get; private set; }

    public async Task<ContentSet> ImportAsync(string contentPath, CancellationToken cancellationToken = default) =>
        (await ImportWithReportAsync(contentPath, cancellationToken)).Content;

    /// <summary>The import, with what it did to each module of the folder (for <c>content import</c>).</summary>
    public Task<ContentImport> ImportWithReportAsync(string contentPath, CancellationToken cancellationToken = default) =>
        StoreAsync(Read(contentPath), cancellationToken);

    /// <summary>
    /// Reads and checks the content folder and logs its problems, without the database (so start-up reads while the
    /// database migrates); <see cref="StoreAsync(ContentRead, CancellationToken)"/> then stores what was read.
    /// </summary>
    public ContentRead Read(string contentPath)
    {
        if (!Directory.Exists(contentPath))
        {
            LogNoContentFolder(LogText.Safe(ContentPaths.Display(contentPath)));
            return new ContentRead(null);
        }
        var content = ContentLoader.Load(contentPath, ContentPaths.Display(contentPath));
        foreach (var problem in content.Problems)
        {
            if (problem.Severity == ProblemSeverity.Error)
            {
                LogContentError(LogText.Safe(problem.ToString()));
            }
            else
            {
                LogContentWarning(LogText.Safe(problem.ToString()));
            }
        }
        return new ContentRead(content);
    }

    /// <summary>Stores each module version of the read folder that the database does not have yet, then fills the catalogue.</summary>
    public async Task<ContentImport> StoreAsync(ContentRead read, CancellationToken cancellationToken = default)
    {
        if (read.Content is not { } content)
        {
            await RefreshAsync(cancellationToken);
            return new ContentImport(new ContentSet([], [], [], []), [], FolderFound: false);
        }

        var report = new List<ModuleImport>();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            var stored = await db.ModuleVersions
                .Select(v => new { v.Id, v.ModuleId, v.Version, v.VersionMajor, v.VersionMinor, v.ContentHash, v.Origin, HasFiles = v.Files.Any() })
                .ToListAsync(cancellationToken);
            var storedAlready = stored.Select(v => (v.ModuleId, v.ContentHash)).ToHashSet();
            var rendered = RenderNew(content.Modules.Where(m => !storedAlready.Contains((m.Id, m.ContentHash))));
            foreach (var module in content.Modules)
            {
                try
                {
                    var same = stored.Where(v => v.ModuleId == module.Id && v.ContentHash == module.ContentHash).ToList();
                    if (same.Count > 0)
                    {
                        // Versions stored before files were kept get them now, from the files that hash the same.
                        foreach (var old in same.Where(v => !v.HasFiles))
                        {
                            db.ModuleVersionFiles.AddRange(await ModuleStore.AddFilesAsync(db, module.Files,
                                (path, hash, length) => new ModuleVersionFile { ModuleVersionId = old.Id, Path = path, FileHash = hash, Length = length }, cancellationToken));
                            await db.SaveChangesAsync(cancellationToken);
                        }
                        report.Add(new ModuleImport(module.Id, module.IndexPath, ModuleImportOutcome.Unchanged, same.MaxBy(v => v.Id)!.Version));
                        continue;
                    }
                    var mine = stored.Where(v => v.ModuleId == module.Id).ToList();
                    var highest = mine.Count == 0 ? (ModuleVersionNumber?)null
                        : mine.Select(v => new ModuleVersionNumber(v.VersionMajor, v.VersionMinor)).Max();
                    var lastFromContent = mine.Where(v => v.Origin == VersionOrigins.Content).MaxBy(v => v.Id);
                    var previouslyDeclared = lastFromContent is null ? null : await DeclaredVersionAsync(db, lastFromContent.Id, cancellationToken);
                    var number = Publishing.NumberForChangedFiles(module.Version, highest, previouslyDeclared);
                    if (number != module.Version)
                    {
                        LogNumberedAbove(LogText.Safe(module.IndexPath), module.Id, module.Version.ToString(), number.ToString(), highest?.ToString() ?? "");
                    }
                    report.Add(await StoreAsync(db, module, number, rendered.GetValueOrDefault(module.IndexPath), cancellationToken));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One module's content must never keep the other modules, or the site, from starting.
                    db.ChangeTracker.Clear();
                    LogModuleSkipped(e, LogText.Safe(module.IndexPath));
                    report.Add(new ModuleImport(module.Id, module.IndexPath, ModuleImportOutcome.Failed, null, e.Message));
                }
            }
            await StoreTracksAsync(db, content.Tracks, cancellationToken);
        }
        catalogue.InContentFolder = content.Modules.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        await RefreshAsync(cancellationToken);
        return new ContentImport(content, report, FolderFound: true);
    }

    /// <summary>The version a stored version's files declared in their front matter (which a renumbered one does not show as its number).</summary>
    private static async Task<ModuleVersionNumber?> DeclaredVersionAsync(TrainingDbContext db, int versionId, CancellationToken cancellationToken)
    {
        var json = await db.ModuleVersions.Where(v => v.Id == versionId).Select(v => v.FrontMatterJson).FirstAsync(cancellationToken);
        var declared = JsonSerializer.Deserialize<ModuleFrontMatter>(json, Json)?.Version;
        return ModuleVersionNumber.TryParse(declared, out var number) ? number : null;
    }

    /// <summary>
    /// Renders the modules to be stored on every core at once: rendering (Markdig and the sanitiser) is most of what
    /// storing a new version costs, and needs no database, while the versions are then stored one at a time. A module
    /// whose rendering fails is left out, and rendered again where it is stored, which reports the failure for it alone.
    /// </summary>
    /// <returns>The renderings by each module's index file.</returns>
    private static Dictionary<string, RenderedModule> RenderNew(IEnumerable<ModuleSource> modules) =>
        modules.AsParallel()
            .Select(module =>
            {
                try
                {
                    return (module, Rendered: ModuleRenderer.Render(module));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return (module, Rendered: (RenderedModule?)null);
                }
            })
            .Where(r => r.Rendered is not null)
            .ToDictionary(r => r.module.IndexPath, r => r.Rendered!, StringComparer.Ordinal);

    /// <summary>Stores a version through the one publish path; another instance storing the same one first is no error.</summary>
    private async Task<ModuleImport> StoreAsync(
        TrainingDbContext db, ModuleSource module, ModuleVersionNumber number, RenderedModule? rendered, CancellationToken cancellationToken)
    {
        var version = await ModuleStore.AddVersionAsync(
            db, module, new Publication(VersionOrigins.Content, Number: number), clock.GetUtcNow().UtcDateTime, rendered, cancellationToken);
        RenderedVersions++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogStored(module.Id, version.Version, module.ContentHash[..12]); // both checked by the loader: an id and "major.minor"
            return new ModuleImport(module.Id, module.IndexPath, ModuleImportOutcome.Stored, version.Version);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new ModuleImport(module.Id, module.IndexPath, ModuleImportOutcome.Unchanged, version.Version);
        }
    }

    /// <summary>Counts a version stored by the editor, for <see cref="RenderedVersions"/>.</summary>
    public void CountRendered() => RenderedVersions++;

    /// <summary>
    /// Replaces the stored tracks in one transaction: two imports at once (two instances starting, a verb beside the
    /// site) would otherwise both delete and then both insert the same track ids.
    /// </summary>
    private Task StoreTracksAsync(TrainingDbContext db, IReadOnlyList<Track> tracks, CancellationToken cancellationToken) =>
        writes.RunAsync(db, async () =>
        {
            await db.ContentTracks.ExecuteDeleteAsync(cancellationToken);
            db.ContentTracks.AddRange(tracks.Select((t, i) => new ContentTrack
            {
                Id = t.Id, Title = t.Title, Description = t.Description, Order = t.Order, Position = i,
                ModuleIdsJson = JsonSerializer.Serialize(t.ModuleIds, Json),
            }));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Fills the catalogue from the stored current version of each module (the one stored last) and the stored tracks.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var currentIds = await db.ModuleVersions.GroupBy(v => v.ModuleId).Select(g => g.Max(v => v.Id)).ToListAsync(cancellationToken);
        var current = await db.ModuleVersions.AsNoTracking().Where(v => currentIds.Contains(v.Id)).ToListAsync(cancellationToken);
        var firstOfMajor = await db.ModuleVersions
            .GroupBy(v => new { v.ModuleId, v.VersionMajor })
            .Select(g => new { g.Key.ModuleId, g.Key.VersionMajor, Since = g.Min(v => v.StoredAt) })
            .ToListAsync(cancellationToken);
        var served = new List<CatalogueModule>();
        foreach (var version in current)
        {
            try
            {
                var since = firstOfMajor.First(f => f.ModuleId == version.ModuleId && f.VersionMajor == version.VersionMajor).Since;
                served.Add(ModuleStore.ToCatalogue(version, since));
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                LogModuleSkipped(e, LogText.Safe($"{version.ModuleId} {version.Version}"));
            }
        }
        var tracks = (await db.ContentTracks.AsNoTracking().OrderBy(t => t.Position).ToListAsync(cancellationToken))
            .Select(t => new Track(t.Id, t.Title, t.Description, JsonSerializer.Deserialize<List<string>>(t.ModuleIdsJson, Json) ?? [], t.Order))
            .ToList();
        catalogue.Replace(served, tracks);
        LogImported(served.Count, tracks.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Innehållsmappen {Path} finns inte; webbplatsen visar de lagrade versionerna.")]
    private partial void LogNoContentFolder(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Innehåll: {Problem}")]
    private partial void LogContentError(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Innehåll: {Problem}")]
    private partial void LogContentWarning(string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Innehåll: {Path}: modulen kunde inte läggas i katalogen och hoppas över.")]
    private partial void LogModuleSkipped(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}: modulen {ModuleId} anger version {Declared}, men {Highest} finns redan lagrad; den nya versionen blir {Number}.")]
    private partial void LogNumberedAbove(string path, string moduleId, string declared, string number, string highest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lagrade ny modulversion {ModuleId} {Version} ({Hash})")]
    private partial void LogStored(string moduleId, string version, string hash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Innehåll inläst: {Modules} moduler, {Tracks} spår")]
    private partial void LogImported(int modules, int tracks);
}

/// <summary>What an import did: the folder as read, and each of its modules' outcome.</summary>
public sealed record ContentImport(ContentSet Content, IReadOnlyList<ModuleImport> Modules, bool FolderFound);

/// <summary>A content folder as read and checked, not yet stored; no content when the folder was missing.</summary>
public sealed record ContentRead(ContentSet? Content);

public enum ModuleImportOutcome
{
    /// <summary>A new version was stored.</summary>
    Stored,

    /// <summary>A stored version has the same files: nothing was done.</summary>
    Unchanged,

    /// <summary>Storing failed; the module's stored versions are untouched.</summary>
    Failed,
}

/// <summary>One module of an import: its id, index.md, what happened and the version concerned (the new one, or the one with the same files).</summary>
public sealed record ModuleImport(string ModuleId, string IndexPath, ModuleImportOutcome Outcome, string? Version, string? Error = null);
