using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Training.Core.Content;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Pages.Authoring;

/// <summary>The drafts trainers write in the browser: where they start from, their files, and the module they load as.</summary>
public static class Drafts
{
    /// <summary>The draft of module <paramref name="id"/> with its files, or null.</summary>
    public static Task<ModuleDraft?> FindAsync(TrainingDbContext db, string id) =>
        db.ModuleDrafts.Include(d => d.Files).FirstOrDefaultAsync(d => d.ModuleId == id);

    /// <summary>Every file of the draft, index.md included, by relative path.</summary>
    public static async Task<Dictionary<string, byte[]>> FilesAsync(TrainingDbContext db, ModuleDraft draft)
    {
        var paths = draft.Files.Select(f => f.Path).ToList();
        var files = await db.ModuleDraftFiles.Where(f => f.ModuleId == draft.ModuleId)
            .Join(db.StoredFiles, f => f.FileHash, s => s.Hash, (f, s) => new { f.Path, s.Bytes })
            .ToDictionaryAsync(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
        files["index.md"] = Encoding.UTF8.GetBytes(draft.IndexText);
        return files;
    }

    /// <summary>The draft as the module it would publish as, and every problem <c>content check</c> would report.</summary>
    public static (ModuleSource? Module, IReadOnlyList<ContentProblem> Problems) Load(string id, IReadOnlyDictionary<string, byte[]> files) =>
        ModuleLoader.Load(files, $"modules/{id}");

    /// <summary>
    /// A new draft of an existing module, from its stored current version: its files when they were kept, else its
    /// stored text files. The caller saves.
    /// </summary>
    public static async Task<ModuleDraft> StartFromAsync(TrainingDbContext db, CatalogueModule module, ClaimsPrincipal user, DateTime now)
    {
        var files = await ModuleStore.FilesOfVersionAsync(db, module.VersionId);
        if (files.Count == 0)
        {
            var source = await db.ModuleVersions.Where(v => v.Id == module.VersionId).Select(v => v.SourceJson).FirstAsync();
            files = (JsonSerializer.Deserialize<Dictionary<string, string>>(source, ContentImporter.Json) ?? [])
                .ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value), StringComparer.Ordinal);
        }
        var index = files.Remove("index.md", out var bytes) ? ModuleLoader.DecodeText(bytes) : "";
        return await NewAsync(db, module.Id, index, files, module.VersionId, user, now);
    }

    /// <summary>A new draft with the given text and files; the caller saves.</summary>
    public static async Task<ModuleDraft> NewAsync(
        TrainingDbContext db, string id, string indexText, IReadOnlyDictionary<string, byte[]> files, int? baseVersionId, ClaimsPrincipal user, DateTime now)
    {
        var draft = new ModuleDraft
        {
            ModuleId = id,
            IndexText = indexText,
            Revision = 1,
            BaseVersionId = baseVersionId,
            UpdatedAt = now,
            UpdatedById = user.UserIdOf(),
            UpdatedByLabel = AuditLog.LabelOf(user),
        };
        draft.Files.AddRange(await ModuleStore.AddFilesAsync(db, files,
            (path, hash, length) => new ModuleDraftFile { ModuleId = id, Path = path, FileHash = hash, Length = length }));
        db.ModuleDrafts.Add(draft);
        return draft;
    }

    /// <summary>The text a new module starts with: valid front matter and one section.</summary>
    public static string Template(string id, string title) => $"""
        ---
        id: {id}
        title: "{title.Replace("\"", "'", StringComparison.Ordinal)}"
        version: "1.0"
        summary: ""
        estimated_minutes: 15
        ---

        Inledning: vad modulen handlar om och för vem.

        ## Första avsnittet

        Text …

        """.Replace("summary: \"\"\n", "", StringComparison.Ordinal);
}
