using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Pages.Admin;

/// <summary>One person by opaque id: roles, agency, active or not, and resetting two-factor sign-in.</summary>
public class UserModel(TrainingDbContext db, UserManager<User> users, AccountChanges changes, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record AgencyOption(int Id, string Code, string Name);

    public User Person { get; private set; } = null!;

    public IReadOnlySet<string> PersonRoles { get; private set; } = new HashSet<string>();

    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];

    public sealed record UnitOption(int Id, string Name, bool Managed);

    /// <summary>The units of the person's agency, and whether they answer for each as a manager.</summary>
    public IReadOnlyList<UnitOption> Units { get; private set; } = [];

    public bool TwoFactorEnabled { get; private set; }

    [TempData(Key = "Meddelande")]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRolesAsync(string id, string[]? roles) => ChangeAsync(id,
        person => changes.SetRolesAsync(User, person, roles ?? []),
        t["Rollerna är sparade."],
        t["Rollen Administratör kan inte tas bort från den sista aktiva administratören. Gör först någon annan till administratör."]);

    public Task<IActionResult> OnPostUnitsAsync(string id, int[]? units) => ChangeAsync(id,
        person => changes.SetManagedUnitsAsync(User, person, units ?? []),
        t["Enheterna är sparade."]);

    public async Task<IActionResult> OnPostAgencyAsync(string id, string? agency)
    {
        var to = await db.Agencies.FirstOrDefaultAsync(a => a.Code == agency);
        if (to is null)
        {
            ModelState.AddModelError("agency", t["Välj en myndighet i listan."]);
            return await LoadAsync(id) ? Page() : NotFound();
        }
        return await ChangeAsync(id, person => changes.MoveAsync(User, person, to), t["Personen hör nu till {0}.", to.Name]);
    }

    public Task<IActionResult> OnPostDeactivateAsync(string id) => ChangeAsync(id,
        person => changes.SetActiveAsync(User, person, active: false),
        t["Kontot är inaktiverat och alla inloggningar har avslutats."],
        t["Kontot kan inte inaktiveras: det är den sista aktiva administratören. Gör först någon annan till administratör."]);

    public Task<IActionResult> OnPostActivateAsync(string id) => ChangeAsync(id,
        person => changes.SetActiveAsync(User, person, active: true),
        t["Kontot är aktiverat."]);

    public Task<IActionResult> OnPostResetTwoFactorAsync(string id) => ChangeAsync(id,
        person => changes.ResetTwoFactorAsync(User, person),
        t["Tvåstegsverifieringen är återställd. Personen ställer in den på nytt."]);

    private async Task<IActionResult> ChangeAsync(string id, Func<User, Task<AccountChangeResult>> change, string done, string refused = "")
    {
        var person = await db.Users.VisibleTo(User).FirstOrDefaultAsync(u => u.Id == id);
        if (person is null)
        {
            return NotFound();
        }
        var result = await change(person);
        if (result == AccountChangeResult.NotAllowed)
        {
            return Forbid();
        }
        if (result == AccountChangeResult.LastAdmin)
        {
            ModelState.AddModelError("", refused);
            db.ChangeTracker.Clear();
            return await LoadAsync(id) ? Page() : NotFound();
        }
        if (result == AccountChangeResult.Done)
        {
            Message = done;
        }
        return Redirect("/admin/anvandare/" + id);
    }

    private async Task<bool> LoadAsync(string id)
    {
        var person = await db.Users.AsNoTracking().VisibleTo(User)
            .Include(u => u.Agency).Include(u => u.Unit).Include(u => u.JobRole)
            .FirstOrDefaultAsync(u => u.Id == id);
        if (person is null)
        {
            return false;
        }
        Person = person;
        PersonRoles = (await users.GetRolesAsync(person)).ToHashSet(StringComparer.Ordinal);
        TwoFactorEnabled = person.TwoFactorEnabled;
        var managed = await db.ManagerUnits.Where(m => m.UserId == person.Id).Select(m => m.UnitId).ToListAsync();
        Units = (await db.Units.Where(u => u.AgencyId == person.AgencyId).Select(u => new { u.Id, u.Name }).ToListAsync())
            .OrderBy(u => u.Name, StringComparer.Create(TrainingApp.Swedish, ignoreCase: true))
            .Select(u => new UnitOption(u.Id, u.Name, managed.Contains(u.Id))).ToList();
        Agencies = (await db.Agencies.Select(a => new AgencyOption(a.Id, a.Code, a.Name)).ToListAsync())
            .OrderBy(a => a.Name, StringComparer.Create(TrainingApp.Swedish, ignoreCase: true)).ToList();
        return true;
    }
}
