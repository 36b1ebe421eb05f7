using System.Text;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Core.Authoring;
using Training.Core.Content;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Authoring;

/// <summary>
/// <c>/redigera/{id}</c>: a module's draft as Markdown with front matter, a live preview rendered by the same pipeline as
/// the site, its images, and publishing. A save based on an older revision of the draft is refused, never written over.
/// </summary>
[RequestSizeLimit(ModuleImages.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ModuleImages.MaxBytes + 1024 * 1024)]
public class EditModel(
    ContentCatalogue catalogue, ContentImporter importer, TrainingDbContext db, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public string Id { get; private set; } = "";

    /// <summary>The version served now; null for a module never published.</summary>
    public CatalogueModule? Current { get; private set; }

    public ModuleDraft? Draft { get; private set; }

    [BindProperty]
    public string Text { get; set; } = "";

    /// <summary>The draft revision the form was based on; 0 when there was no draft.</summary>
    [BindProperty]
    public int Revision { get; set; }

    public IReadOnlyList<ModuleDraftFile> Files { get; private set; } = [];

    public PreviewModel? Preview { get; private set; }

    public string? Saved { get; private set; }

    public string? Refusal { get; private set; }

    public IReadOnlyList<string> PublishProblems { get; private set; } = [];

    /// <summary>Set when a major publish waits for the trainer's confirmation.</summary>
    public MajorConfirmation? Confirm { get; private set; }

    public sealed record MajorConfirmation(string Version, int Affected, string Note);

    public bool InContentFolder => catalogue.InContentFolder.Contains(Id);

    /// <summary>The module was read from content/ once but is no longer there: it is served from its stored versions.</summary>
    public bool LeftContentFolder { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Text = Draft?.IndexText ?? await CurrentTextAsync();
        Revision = Draft?.Revision ?? 0;
        Saved = Request.Query.ContainsKey("sparat") ? t["Utkastet är sparat."].Value
            : Request.Query.ContainsKey("publicerat") ? t["Versionen är publicerad."].Value
            : Request.Query.ContainsKey("uppladdad") ? t["Bilden är uppladdad som {0}.", Request.Query["uppladdad"].ToString()].Value
            : null;
        Preview = await PreviewAsync(Text);
        return Page();
    }

    /// <summary>The preview of the text in the textarea, as the learner would see it; htmx asks for the fragment.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Preview = await PreviewAsync(Text);
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() ? Partial("_Preview", Preview) : Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (Revision == 0 && Draft is null)
        {
            var draft = Current is { } current
                ? await Drafts.StartFromAsync(db, current, User, now)
                : await Drafts.NewAsync(db, id, "", new Dictionary<string, byte[]>(), null, User, now);
            draft.IndexText = Text;
            try
            {
                await db.SaveChangesAsync();
                return Redirect($"/redigera/{id}?sparat=1");
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                Draft = await Drafts.FindAsync(db, id);
            }
        }
        else
        {
            var saved = await db.ModuleDrafts
                .Where(d => d.ModuleId == id && d.Revision == Revision)
                .ExecuteUpdateAsync(d => d
                    .SetProperty(x => x.IndexText, Text)
                    .SetProperty(x => x.Revision, Revision + 1)
                    .SetProperty(x => x.UpdatedAt, now)
                    .SetProperty(x => x.UpdatedById, User.UserIdOf())
                    .SetProperty(x => x.UpdatedByLabel, AuditLog.LabelOf(User)));
            if (saved == 1)
            {
                return Redirect($"/redigera/{id}?sparat=1");
            }
            Draft = await Drafts.FindAsync(db, id);
        }
        Refusal = Draft is { } newer
            ? t["Utkastet har sparats av {0} ({1}) sedan du öppnade det. Din text är inte sparad: kopiera dina ändringar, öppna utkastet på nytt och för in dem där.", newer.UpdatedByLabel ?? "", Infrastructure.SwedishTime.DateAndTime(newer.UpdatedAt)]
            : t["Utkastet har publicerats eller tagits bort sedan du öppnade det. Din text är inte sparad: kopiera den, öppna modulen på nytt och för in den där."];
        Preview = await PreviewAsync(Text);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(string id, IFormFile? image)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (image is null || image.Length == 0)
        {
            Refusal = t["Välj en bild att ladda upp."];
        }
        else if (image.Length > ModuleImages.MaxBytes)
        {
            Refusal = t["”{0}” är större än 5 MB; en bild får vara högst 5 MB.", Path.GetFileName(image.FileName)];
        }
        else
        {
            using var buffer = new MemoryStream();
            await image.CopyToAsync(buffer);
            var (path, refusal) = ModuleImages.Check(image.FileName, buffer.ToArray());
            if (refusal is not null)
            {
                Refusal = refusal;
            }
            else
            {
                var draft = Draft ?? await StartDraftAsync();
                var existing = draft.Files.FirstOrDefault(f => f.Path == path);
                if (existing is not null)
                {
                    db.ModuleDraftFiles.Remove(existing);
                    await db.SaveChangesAsync();
                }
                db.ModuleDraftFiles.AddRange(await ModuleStore.AddFilesAsync(db, new Dictionary<string, byte[]> { [path!] = buffer.ToArray() },
                    (p, hash, length) => new ModuleDraftFile { ModuleId = id, Path = p, FileHash = hash, Length = length }));
                await db.SaveChangesAsync();
                return Redirect($"/redigera/{id}?uppladdad={Uri.EscapeDataString(path!)}#filer");
            }
        }
        Text = Draft?.IndexText ?? await CurrentTextAsync();
        Revision = Draft?.Revision ?? 0;
        Preview = await PreviewAsync(Text);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteFileAsync(string id, string path)
    {
        if (!await LoadAsync(id) || Draft is null)
        {
            return NotFound();
        }
        await db.ModuleDraftFiles.Where(f => f.ModuleId == id && f.Path == path).ExecuteDeleteAsync();
        return Redirect($"/redigera/{id}#filer");
    }

    /// <summary>A file of the draft (or of the version served now), for the preview: trainers only, never learners.</summary>
    public async Task<IActionResult> OnGetFileAsync(string id, string path)
    {
        if (ModuleFiles.ServablePath(path ?? "") is not { } relative)
        {
            return NotFound();
        }
        var bytes = await db.ModuleDraftFiles.Where(f => f.ModuleId == id && f.Path == relative)
            .Join(db.StoredFiles, f => f.FileHash, s => s.Hash, (f, s) => s.Bytes).FirstOrDefaultAsync();
        if (bytes is null && catalogue.Find(id) is { } current)
        {
            bytes = await ModuleStore.FileAsync(db, current.VersionId, relative);
        }
        if (bytes is null)
        {
            return NotFound();
        }
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-cache";
        return ModuleFiles.ShownTypes.TryGetValue(Path.GetExtension(relative), out var type)
            ? File(bytes, type)
            : File(bytes, "application/octet-stream", Path.GetFileName(relative));
    }

    public async Task<IActionResult> OnPostPublishAsync(string id, PublishKind kind, string? note, bool confirmed)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        note = note?.Trim() ?? "";
        var problems = new List<string>();
        if (Draft is null || Draft.Revision != Revision)
        {
            problems.Add(Draft is null
                ? t["Det finns inget sparat utkast att publicera."]
                : t["Utkastet har sparats av {0} sedan du öppnade det; öppna det på nytt och publicera igen.", Draft.UpdatedByLabel ?? ""]);
        }
        if (note.Length == 0)
        {
            problems.Add(t["Skriv vad som har ändrats (ändringsnotering)."]);
        }
        else if (note.Length > 2000)
        {
            problems.Add(t["Ändringsnoteringen får vara högst 2 000 tecken."]);
        }
        ModuleSource? module = null;
        Dictionary<string, byte[]>? files = null;
        var next = Publishing.Next(Current?.Version, kind);
        if (Draft is not null)
        {
            files = await Drafts.FilesAsync(db, Draft);
            files["index.md"] = Encoding.UTF8.GetBytes(Publishing.WithVersion(Draft.IndexText, next));
            var (loaded, loadProblems) = Drafts.Load(id, files);
            problems.AddRange(loadProblems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ToString()));
            if (loaded is not null && loaded.Id != id)
            {
                problems.Add(t["id i front matter är {0} men modulen heter {1}; låt dem vara lika.", loaded.Id, id]);
            }
            module = problems.Count == 0 ? loaded : null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (module is not null && kind == PublishKind.Major && Current is { } current && !confirmed)
        {
            Confirm = new MajorConfirmation(next.ToString(), await Records.CountingForAsync(db, current, now), note);
        }
        if (module is null || Confirm is not null)
        {
            PublishProblems = problems;
            Text = Draft?.IndexText ?? await CurrentTextAsync();
            Revision = Draft?.Revision ?? 0;
            Preview = await PreviewAsync(Text);
            return Page();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var taken = await db.ModuleDrafts.Where(d => d.ModuleId == id && d.Revision == Revision).ExecuteDeleteAsync();
            if (taken == 1)
            {
                await ModuleStore.AddVersionAsync(db, module, new Publication(VersionOrigins.Editor, note, User.UserIdOf(), AuditLog.LabelOf(User)), now);
                audit.Add(db, new AuditEntry
                {
                    Action = AuditActions.Published,
                    ActorId = User.UserIdOf(),
                    ActorLabel = AuditLog.LabelOf(User),
                    SubjectId = id,
                    SubjectLabel = module.Title,
                    Details = $"{id} {next} ({(kind == PublishKind.Major && Current is not null ? "major" : "minor")}): {note}",
                });
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                importer.CountRendered();
            }
        }
        await importer.RefreshAsync();
        return Redirect($"/redigera/{id}?publicerat=1");
    }

    private async Task<ModuleDraft> StartDraftAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = Current is { } current
            ? await Drafts.StartFromAsync(db, current, User, now)
            : await Drafts.NewAsync(db, Id, "", new Dictionary<string, byte[]>(), null, User, now);
        await db.SaveChangesAsync();
        return Draft = draft;
    }

    private async Task<bool> LoadAsync(string id)
    {
        Id = id;
        Current = catalogue.Find(id);
        Draft = await Drafts.FindAsync(db, id);
        Files = Draft?.Files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList()
            ?? (Current is { } current
                ? await db.ModuleVersionFiles.AsNoTracking().Where(f => f.ModuleVersionId == current.VersionId)
                    .Select(f => new ModuleDraftFile { ModuleId = id, Path = f.Path, FileHash = f.FileHash, Length = f.Length }).ToListAsync()
                : []);
        Files = [.. Files.Where(f => f.Path != "index.md").OrderBy(f => f.Path, StringComparer.Ordinal)];
        LeftContentFolder = !InContentFolder && await db.ModuleVersions.AnyAsync(v => v.ModuleId == id && v.Origin == VersionOrigins.Content);
        return Current is not null || Draft is not null;
    }

    private async Task<string> CurrentTextAsync()
    {
        if (Current is null)
        {
            return "";
        }
        if (await ModuleStore.FileAsync(db, Current.VersionId, "index.md") is { } bytes)
        {
            return ModuleLoader.DecodeText(bytes);
        }
        var source = await db.ModuleVersions.Where(v => v.Id == Current.VersionId).Select(v => v.SourceJson).FirstAsync();
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(source, ContentImporter.Json)?.GetValueOrDefault("index.md") ?? "";
    }

    private async Task<PreviewModel> PreviewAsync(string text)
    {
        var files = Draft is not null ? await Drafts.FilesAsync(db, Draft)
            : Current is not null ? await ModuleStore.FilesOfVersionAsync(db, Current.VersionId)
            : new Dictionary<string, byte[]>();
        files["index.md"] = Encoding.UTF8.GetBytes(text);
        return PreviewModel.Of(Id, files);
    }
}
