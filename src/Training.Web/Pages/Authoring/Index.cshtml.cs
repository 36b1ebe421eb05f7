using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Core.Content;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Pages.Authoring;

/// <summary><c>/redigera</c>: the modules a trainer may edit, the drafts in progress, and a new module.</summary>
public class IndexModel(ContentCatalogue catalogue, TrainingDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(string Id, string Title, string? Version, bool HasDraft, bool InContentFolder, DateTime? DraftSavedAt, string? DraftSavedBy);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty]
    public NewModuleInput Input { get; set; } = new();

    public sealed class NewModuleInput
    {
        [Display(Name = "Id (a–z, 0–9 och bindestreck)")]
        [Required(ErrorMessage = "Skriv modulens id.")]
        public string Id { get; set; } = "";

        [Display(Name = "Titel")]
        [Required(ErrorMessage = "Skriv modulens titel.")]
        [StringLength(300)]
        public string Title { get; set; } = "";
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var id = Input.Id.Trim();
        if (ModelState.IsValid && !ModuleIds.IsValid(id))
        {
            ModelState.AddModelError("Input.Id", t["Id får bara innehålla a–z, 0–9 och enkla bindestreck."]);
        }
        if (ModelState.IsValid && (catalogue.Find(id) is not null || await db.ModuleVersions.AnyAsync(v => v.ModuleId == id) || await db.ModuleDrafts.AnyAsync(d => d.ModuleId == id)))
        {
            ModelState.AddModelError("Input.Id", t["Det finns redan en modul med id {0}; välj ett annat.", id]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        await Drafts.NewAsync(db, id, Drafts.Template(id, Input.Title.Trim()), new Dictionary<string, byte[]>(), null, User, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Input.Id", t["Det finns redan en modul med id {0}; välj ett annat.", id]);
            await LoadAsync();
            return Page();
        }
        return Redirect($"/redigera/{id}");
    }

    private async Task LoadAsync()
    {
        var drafts = await db.ModuleDrafts.AsNoTracking().Select(d => new { d.ModuleId, d.IndexText, d.UpdatedAt, d.UpdatedByLabel }).ToListAsync();
        var rows = catalogue.Modules.Select(m =>
        {
            var draft = drafts.FirstOrDefault(d => d.ModuleId == m.Id);
            return new Row(m.Id, m.Title, m.Version.ToString(), draft is not null, catalogue.InContentFolder.Contains(m.Id), draft?.UpdatedAt, draft?.UpdatedByLabel);
        }).ToList();
        rows.AddRange(drafts.Where(d => catalogue.Find(d.ModuleId) is null)
            .Select(d => new Row(d.ModuleId, d.ModuleId, null, true, false, d.UpdatedAt, d.UpdatedByLabel)));
        Rows = rows;
    }
}
