using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Core.Content;
using Training.Core.Gift;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Pages.Authoring;

/// <summary>
/// <c>/redigera/{id}/fragor</c>: a GIFT file (e.g. exported from Moodle) read and shown with every error and its line
/// before anything is saved; then the good questions join the draft's pool in quiz.gift, by the same rules as
/// <c>content import-questions</c>. Also the module's pool as a .gift file.
/// </summary>
[RequestSizeLimit(2 * 1024 * 1024)]
public class QuestionsModel(ContentCatalogue catalogue, TrainingDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string QuizFile = "quiz.gift";

    public string Id { get; private set; } = "";

    public CatalogueModule? Current { get; private set; }

    /// <summary>The uploaded GIFT text, carried to the second step in a hidden field.</summary>
    [BindProperty]
    public string Gift { get; set; } = "";

    [BindProperty]
    public string FileName { get; set; } = "";

    public IReadOnlyList<GiftQuestion> Accepted { get; private set; } = [];

    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Checked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Message = Request.Query["tillagda"] is { Count: > 0 } added ? t["{0} frågor lades till i utkastets quiz.gift.", added.ToString()].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(string id, IFormFile? file)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (file is null || file.Length == 0 || !file.FileName.EndsWith(".gift", StringComparison.OrdinalIgnoreCase))
        {
            Message = t["Välj en .gift-fil."].Value;
            return Page();
        }
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        Gift = (await reader.ReadToEndAsync()).ReplaceLineEndings("\n");
        FileName = Path.GetFileName(file.FileName);
        await PlanAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        await PlanAsync();
        if (Accepted.Count == 0)
        {
            Message = t["Inga frågor kunde läggas till."].Value;
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await Drafts.FindAsync(db, id);
        if (draft is null)
        {
            draft = await Drafts.StartFromAsync(db, Current!, User, now);
            await db.SaveChangesAsync();
        }
        var files = await Drafts.FilesAsync(db, draft);
        var existing = files.TryGetValue(QuizFile, out var bytes) ? ModuleLoader.DecodeText(bytes) : "";
        var separator = existing.Length == 0 || existing.EndsWith("\n\n", StringComparison.Ordinal) ? "" : existing.EndsWith('\n') ? "\n" : "\n\n";
        var text = existing + separator + GiftWriter.Write(Accepted);
        if (draft.Files.FirstOrDefault(f => f.Path == QuizFile) is { } old)
        {
            draft.Files.Remove(old);
            db.ModuleDraftFiles.Remove(old);
        }
        draft.Files.AddRange(await ModuleStore.AddFilesAsync(db, new Dictionary<string, byte[]> { [QuizFile] = Encoding.UTF8.GetBytes(text) },
            (path, hash, length) => new ModuleDraftFile { ModuleId = id, Path = path, FileHash = hash, Length = length }));
        draft.Revision++;
        draft.UpdatedAt = now;
        await db.SaveChangesAsync();
        return Redirect($"/redigera/{id}/fragor?tillagda={Accepted.Count}");
    }

    /// <summary>The module's published pool as a .gift file, for Moodle or for importing again.</summary>
    public IActionResult OnGetExport(string id) =>
        catalogue.Find(id) is { } module
            ? File(Encoding.UTF8.GetBytes(GiftWriter.Write([.. module.Questions.Where(q => !q.Check)])), "text/plain; charset=utf-8", $"{id}.gift")
            : NotFound();

    private async Task PlanAsync()
    {
        Checked = true;
        var parsed = GiftParser.Parse(Gift, FileName.Length > 0 ? FileName : "fil.gift");
        var draft = await Drafts.FindAsync(db, Id);
        IReadOnlyList<GiftQuestion> pool = draft is not null
            ? [.. Drafts.Load(Id, await Drafts.FilesAsync(db, draft)).Module?.GradedQuestions ?? []]
            : [.. Current?.Questions.Where(q => !q.Check) ?? []];
        var (accepted, refused) = QuestionBankImport.Plan(pool, parsed.Questions);
        Accepted = accepted;
        Problems = [.. parsed.Errors.Concat(refused).OrderBy(p => p.Line)];
    }

    private async Task<bool> LoadAsync(string id)
    {
        Id = id;
        Current = catalogue.Find(id);
        return Current is not null || await db.ModuleDrafts.AnyAsync(d => d.ModuleId == id);
    }
}
