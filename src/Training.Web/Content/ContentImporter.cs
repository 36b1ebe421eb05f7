using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Training.Core.Content;
using Training.Web.Data;

namespace Training.Web.Content;

/// <summary>
/// Reads the content folder, stores each module version not stored before (id, version, hash) with its source
/// and its rendering, and fills the catalogue from the stored renderings. Broken modules are logged and skipped, also
/// one whose catalogue entry cannot be built, so that no module's content keeps the site from starting.
/// </summary>
public sealed partial class ContentImporter(
    IServiceScopeFactory scopes, ContentCatalogue catalogue, TimeProvider clock, ILogger<ContentImporter> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // stored, never put into a page as script
    };

    /// <summary>How many module versions this process has rendered (each new version exactly once).</summary>
    public int RenderedVersions { get; private set; }

    public async Task<ContentSet> ImportAsync(string contentPath, CancellationToken cancellationToken = default)
    {
        var content = ContentLoader.Load(contentPath, ContentPaths.Display(contentPath));
        foreach (var problem in content.Problems)
        {
            if (problem.Severity == ProblemSeverity.Error)
            {
                LogContentError(problem.ToString());
            }
            else
            {
                LogContentWarning(problem.ToString());
            }
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var stored = await db.ModuleVersions
            .Select(v => new { v.Id, v.ModuleId, v.Version, v.ContentHash })
            .ToListAsync(cancellationToken);

        var served = new List<CatalogueModule>();
        foreach (var module in content.Modules)
        {
            try
            {
                var version = module.Version.ToString();
                var match = stored.FirstOrDefault(v => v.ModuleId == module.Id && v.Version == version && v.ContentHash == module.ContentHash);
                if (match is null && stored.Any(v => v.ModuleId == module.Id && v.Version == version))
                {
                    LogChangedWithoutBump(module.IndexPath, module.Id, version);
                }
                var versionId = match?.Id ?? await StoreAsync(db, module, cancellationToken);
                var rendering = await db.ModuleVersions.Where(v => v.Id == versionId).Select(v => v.RenderedJson).SingleAsync(cancellationToken);
                var majorSince = await db.ModuleVersions
                    .Where(v => v.ModuleId == module.Id && v.VersionMajor == module.Version.Major)
                    .MinAsync(v => v.StoredAt, cancellationToken);
                served.Add(new CatalogueModule(versionId, module,
                    JsonSerializer.Deserialize<RenderedModule>(rendering, Json) ?? throw new JsonException("The stored rendering is null."))
                {
                    MajorSince = DateTime.SpecifyKind(majorSince, DateTimeKind.Utc),
                });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One module's content must never keep the other modules, or the site, from starting.
                db.ChangeTracker.Clear();
                LogModuleSkipped(e, module.IndexPath);
            }
        }
        catalogue.Replace(served, content.Tracks);
        LogImported(served.Count, content.Tracks.Count);
        return content;
    }

    private async Task<int> StoreAsync(TrainingDbContext db, ModuleSource module, CancellationToken cancellationToken)
    {
        var rendered = ModuleRenderer.Render(module);
        RenderedVersions++;
        var version = new ModuleVersion
        {
            ModuleId = module.Id,
            Version = module.Version.ToString(),
            VersionMajor = module.Version.Major,
            VersionMinor = module.Version.Minor,
            ContentHash = module.ContentHash,
            Title = module.Title,
            Summary = module.FrontMatter.Summary,
            EstimatedMinutes = module.FrontMatter.EstimatedMinutes,
            ValidForMonths = module.FrontMatter.ValidForMonths,
            FrontMatterJson = JsonSerializer.Serialize(module.FrontMatter, Json),
            SourceJson = JsonSerializer.Serialize(module.SourceFiles, Json),
            RenderedJson = JsonSerializer.Serialize(rendered, Json),
            StoredAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ModuleVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance stored the same version first; use theirs.
            db.Entry(version).State = EntityState.Detached;
            return await db.ModuleVersions
                .Where(v => v.ModuleId == module.Id && v.Version == version.Version && v.ContentHash == module.ContentHash)
                .Select(v => v.Id)
                .SingleAsync(cancellationToken);
        }
        LogStored(module.Id, version.Version, module.ContentHash[..12]);
        return version.Id;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Innehåll: {Problem}")]
    private partial void LogContentError(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Innehåll: {Problem}")]
    private partial void LogContentWarning(string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Innehåll: {Path}: modulen kunde inte läggas i katalogen och hoppas över.")]
    private partial void LogModuleSkipped(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}: modulen {ModuleId} har ändrats utan att version {Version} höjts; en ny lagrad version skapas.")]
    private partial void LogChangedWithoutBump(string path, string moduleId, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lagrade ny modulversion {ModuleId} {Version} ({Hash})")]
    private partial void LogStored(string moduleId, string version, string hash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Innehåll inläst: {Modules} moduler, {Tracks} spår")]
    private partial void LogImported(int modules, int tracks);
}
