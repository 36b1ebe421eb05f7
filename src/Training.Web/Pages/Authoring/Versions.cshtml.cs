using System.IO.Compression;
using System.Text.Json;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Pages.Authoring;

/// <summary>
/// <c>/redigera/{id}/versioner</c>: every stored version of a module (number, date, who, change note, how many completed
/// it), a diff between any two, and any version as a zip laid out for content/.
/// </summary>
public class VersionsModel(ContentCatalogue catalogue, TrainingDbContext db) : PageModel
{
    public sealed record Row(int Id, string Version, DateTime StoredAt, string Origin, string? PublishedBy, string? ChangeNote, int Completed, bool Current);

    public sealed record FileDiff(string Path, IReadOnlyList<DiffPiece> Lines);

    public string Id { get; private set; } = "";

    public string Title { get; private set; } = "";

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "fran")]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "till")]
    public int? To { get; set; }

    public IReadOnlyList<FileDiff>? Diff { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Id = id;
        var versions = await db.ModuleVersions.AsNoTracking().Where(v => v.ModuleId == id).OrderByDescending(v => v.Id)
            .Select(v => new { v.Id, v.Version, v.StoredAt, v.Origin, v.PublishedByLabel, v.ChangeNote, v.Title, v.SourceJson })
            .ToListAsync();
        if (versions.Count == 0)
        {
            return NotFound();
        }
        Title = catalogue.Find(id)?.Title ?? versions[0].Title;
        var completed = await db.Completions.Where(c => c.ModuleId == id).GroupBy(c => c.ModuleVersionId)
            .Select(g => new { VersionId = g.Key, People = g.Select(c => c.UserId).Distinct().Count() })
            .ToDictionaryAsync(g => g.VersionId, g => g.People);
        var currentId = catalogue.Find(id)?.VersionId;
        Rows = [.. versions.Select(v => new Row(v.Id, v.Version, v.StoredAt, v.Origin, v.PublishedByLabel, v.ChangeNote, completed.GetValueOrDefault(v.Id), v.Id == currentId))];
        From ??= versions.Count > 1 ? versions[1].Id : versions[0].Id;
        To ??= versions[0].Id;
        if (versions.FirstOrDefault(v => v.Id == From) is { } older && versions.FirstOrDefault(v => v.Id == To) is { } newer)
        {
            Diff = DiffOf(Sources(older.SourceJson), Sources(newer.SourceJson));
        }
        return Page();
    }

    /// <summary>A version as a zip laid out for content/ (<c>modules/{id}/…</c>), so browser work can be committed to git.</summary>
    public async Task<IActionResult> OnGetZipAsync(string id, int version)
    {
        var stored = await db.ModuleVersions.AsNoTracking().Where(v => v.ModuleId == id && v.Id == version)
            .Select(v => new { v.Version, v.SourceJson }).FirstOrDefaultAsync();
        if (stored is null)
        {
            return NotFound();
        }
        var files = await ModuleStore.FilesOfVersionAsync(db, version);
        if (files.Count == 0)
        {
            files = Sources(stored.SourceJson).ToDictionary(f => f.Key, f => System.Text.Encoding.UTF8.GetBytes(f.Value), StringComparer.Ordinal);
        }
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry($"modules/{id}/{path}", CompressionLevel.Optimal);
                await using var stream = await entry.OpenAsync();
                await stream.WriteAsync(bytes);
            }
        }
        return File(buffer.ToArray(), "application/zip", $"{id}-{stored.Version}.zip");
    }

    private static Dictionary<string, string> Sources(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, ContentImporter.Json) ?? [];

    private static List<FileDiff> DiffOf(Dictionary<string, string> older, Dictionary<string, string> newer)
    {
        var diffs = new List<FileDiff>();
        foreach (var path in older.Keys.Union(newer.Keys).Order(StringComparer.Ordinal))
        {
            var model = InlineDiffBuilder.Diff(older.GetValueOrDefault(path) ?? "", newer.GetValueOrDefault(path) ?? "", ignoreWhiteSpace: false);
            if (model.HasDifferences)
            {
                diffs.Add(new FileDiff(path, model.Lines));
            }
        }
        return diffs;
    }

    public static string Kind(ChangeType type) => type switch
    {
        ChangeType.Inserted => "inserted",
        ChangeType.Deleted => "deleted",
        _ => "unchanged",
    };
}
