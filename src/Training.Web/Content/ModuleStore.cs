using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Training.Core.Content;
using Training.Core.Gift;
using Training.Web.Data;

namespace Training.Web.Content;

/// <summary>
/// Who published a version in the editor, and what changed. <paramref name="Number"/> is the number the version is stored
/// as when it is not the one its front matter declares (files in content/ that a browser publish numbered past).
/// </summary>
public sealed record Publication(
    string Origin, string? ChangeNote = null, string? PublishedById = null, string? PublishedByLabel = null, ModuleVersionNumber? Number = null);

/// <summary>
/// The one publish path (design §3): files in content/ at start-up and drafts in the editor both become an immutable
/// stored version here, with its files, its questions parsed once and its rendering made once. Also reads stored files
/// back, and builds a catalogue entry from what was stored.
/// </summary>
public static class ModuleStore
{
    /// <summary>
    /// Stores <paramref name="module"/> as a new version, with <paramref name="rendered"/> when the caller has rendered it
    /// already; the caller saves. Returns the version (its Id set after saving).
    /// </summary>
    public static async Task<ModuleVersion> AddVersionAsync(
        TrainingDbContext db, ModuleSource module, Publication publication, DateTime now, RenderedModule? rendered = null,
        CancellationToken cancellationToken = default)
    {
        rendered ??= ModuleRenderer.Render(module);
        var number = publication.Number ?? module.Version;
        var version = new ModuleVersion
        {
            ModuleId = module.Id,
            Version = number.ToString(),
            VersionMajor = number.Major,
            VersionMinor = number.Minor,
            ContentHash = module.ContentHash,
            Title = module.Title,
            Summary = module.FrontMatter.Summary,
            EstimatedMinutes = module.FrontMatter.EstimatedMinutes,
            ValidForMonths = module.FrontMatter.ValidForMonths,
            FrontMatterJson = JsonSerializer.Serialize(module.FrontMatter, ContentImporter.Json),
            SourceJson = JsonSerializer.Serialize(module.SourceFiles, ContentImporter.Json),
            RenderedJson = JsonSerializer.Serialize(rendered, ContentImporter.Json),
            QuestionsJson = JsonSerializer.Serialize(module.Questions, ContentImporter.Json),
            StoredAt = now,
            Origin = publication.Origin,
            ChangeNote = publication.ChangeNote,
            PublishedById = publication.PublishedById,
            PublishedByLabel = publication.PublishedByLabel,
        };
        version.Files.AddRange(await AddFilesAsync(db, module.Files, (path, hash, length) => new ModuleVersionFile { Path = path, FileHash = hash, Length = length }, cancellationToken));
        db.ModuleVersions.Add(version);
        return version;
    }

    /// <summary>Adds the bytes of each file not stored yet, and gives one row per file naming its bytes by hash.</summary>
    public static async Task<List<T>> AddFilesAsync<T>(
        TrainingDbContext db, IReadOnlyDictionary<string, byte[]> files, Func<string, string, int, T> row, CancellationToken cancellationToken = default)
    {
        var hashed = files.ToDictionary(f => f.Key, f => (Hash: Convert.ToHexStringLower(SHA256.HashData(f.Value)), Bytes: f.Value), StringComparer.Ordinal);
        var hashes = hashed.Values.Select(h => h.Hash).Distinct().ToList();
        var known = await db.StoredFiles.Where(f => hashes.Contains(f.Hash)).Select(f => f.Hash).ToListAsync(cancellationToken);
        var tracked = db.ChangeTracker.Entries<StoredFile>().Select(e => e.Entity.Hash);
        var missing = hashed.Values.ExceptBy(known.Concat(tracked), h => h.Hash).DistinctBy(h => h.Hash);
        db.StoredFiles.AddRange(missing.Select(h => new StoredFile { Hash = h.Hash, Bytes = h.Bytes }));
        return [.. hashed.Select(f => row(f.Key, f.Value.Hash, f.Value.Bytes.Length))];
    }

    /// <summary>The files of a stored version by path (empty for a version stored before files were kept).</summary>
    public static async Task<Dictionary<string, byte[]>> FilesOfVersionAsync(TrainingDbContext db, int versionId, CancellationToken cancellationToken = default) =>
        await db.ModuleVersionFiles.Where(f => f.ModuleVersionId == versionId)
            .Join(db.StoredFiles, f => f.FileHash, s => s.Hash, (f, s) => new { f.Path, s.Bytes })
            .ToDictionaryAsync(f => f.Path, f => f.Bytes, StringComparer.Ordinal, cancellationToken);

    /// <summary>The bytes of one file of a stored version, or null.</summary>
    public static Task<byte[]?> FileAsync(TrainingDbContext db, int versionId, string path, CancellationToken cancellationToken = default) =>
        db.ModuleVersionFiles.Where(f => f.ModuleVersionId == versionId && f.Path == path)
            .Join(db.StoredFiles, f => f.FileHash, s => s.Hash, (f, s) => s.Bytes)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// A catalogue entry from a stored version. Versions stored before their questions were kept have them parsed from
    /// their stored source (once, when the catalogue is built).
    /// </summary>
    public static CatalogueModule ToCatalogue(ModuleVersion version, DateTime majorSince)
    {
        var matter = JsonSerializer.Deserialize<ModuleFrontMatter>(version.FrontMatterJson, ContentImporter.Json) ?? throw new JsonException("The stored front matter is null.");
        var rendered = JsonSerializer.Deserialize<RenderedModule>(version.RenderedJson, ContentImporter.Json) ?? throw new JsonException("The stored rendering is null.");
        var questions = version.QuestionsJson is { } json
            ? JsonSerializer.Deserialize<List<GiftQuestion>>(json, ContentImporter.Json) ?? []
            : QuestionsFromSource(version);
        return new CatalogueModule(version.Id, version.ModuleId, version.Title,
            ModuleVersionNumber.TryParse(version.Version, out var number) ? number : new ModuleVersionNumber(version.VersionMajor, version.VersionMinor),
            version.ContentHash, matter, questions, rendered)
        {
            MajorSince = DateTime.SpecifyKind(majorSince, DateTimeKind.Utc),
        };
    }

    private static List<GiftQuestion> QuestionsFromSource(ModuleVersion version)
    {
        var sources = JsonSerializer.Deserialize<Dictionary<string, string>>(version.SourceJson, ContentImporter.Json) ?? [];
        var (module, _) = ModuleLoader.Load(sources.ToDictionary(s => s.Key, s => System.Text.Encoding.UTF8.GetBytes(s.Value), StringComparer.Ordinal),
            "modules/" + version.ModuleId);
        return module is null ? [] : [.. module.Questions];
    }
}
