using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Hr;

/// <summary>One employee by opaque id; someone outside the viewer's boundary is simply not found (404).</summary>
public class EmployeeModel(
    TrainingDbContext db, ContentCatalogue catalogue, AccountChanges changes, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public User Person { get; private set; } = null!;

    /// <summary>The person's mandatory modules and their status, most urgent first.</summary>
    public IReadOnlyList<RequiredModule> Required { get; private set; } = [];

    /// <summary>Whether the viewer may switch this account off and on; accounts that hold hr or admin are for admins.</summary>
    public bool MayChange { get; private set; }

    [TempData(Key = "Meddelande")]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var person = await db.Users.AsNoTracking().VisibleTo(User)
            .Include(u => u.Agency).Include(u => u.Unit).Include(u => u.JobRole)
            .FirstOrDefaultAsync(u => u.Id == id);
        if (person is null)
        {
            return NotFound();
        }
        Person = person;
        Required = await Records.RequiredAsync(db, catalogue, person, clock.GetUtcNow().UtcDateTime);
        MayChange = await changes.MayChangeAsync(User, person);
        return Page();
    }

    public Task<IActionResult> OnPostDeactivateAsync(string id) => SetActiveAsync(id, active: false);

    public Task<IActionResult> OnPostActivateAsync(string id) => SetActiveAsync(id, active: true);

    private async Task<IActionResult> SetActiveAsync(string id, bool active)
    {
        var person = await db.Users.VisibleTo(User).FirstOrDefaultAsync(u => u.Id == id);
        if (person is null)
        {
            return NotFound();
        }
        var result = await changes.SetActiveAsync(User, person, active);
        if (result == AccountChangeResult.NotAllowed)
        {
            return Forbid();
        }
        if (result == AccountChangeResult.LastAdmin)
        {
            ModelState.AddModelError("", t["Kontot kan inte inaktiveras: det är den sista aktiva administratören. Gör först någon annan till administratör."]);
            db.ChangeTracker.Clear();
            return await OnGetAsync(id);
        }
        if (result == AccountChangeResult.Done)
        {
            Message = active ? t["Kontot är aktiverat."] : t["Kontot är inaktiverat och alla inloggningar har avslutats."];
        }
        return Redirect("/hr/medarbetare/" + id);
    }
}
