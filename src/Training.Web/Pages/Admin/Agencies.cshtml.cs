using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Core.Content;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Pages.Admin;

/// <summary>Every agency with how many people belong to it, and creating a new one.</summary>
public class AgenciesModel(TrainingDbContext db, AuditLog auditLog, DatabaseWrites writes, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(string Code, string Name, IReadOnlyList<string> Domains, int People);

    public sealed class NewAgencyInput
    {
        [Required(ErrorMessage = "Skriv en kod för myndigheten.")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "Skriv myndighetens namn.")]
        [StringLength(200, ErrorMessage = "Namnet får vara högst 200 tecken.")]
        public string? Name { get; set; }
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty]
    public NewAgencyInput Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var code = Input.Code?.Trim() ?? "";
        var name = Input.Name?.Trim() ?? "";
        if (ModelState.IsValid && !ModuleIds.IsValid(code))
        {
            ModelState.AddModelError("Input.Code", t["Koden får bara innehålla små bokstäver a–z, siffror och bindestreck, och högst 80 tecken."]);
        }
        if (ModelState.IsValid)
        {
            var created = await writes.RunAsync(db, async () =>
            {
                if (await db.Agencies.AnyAsync(a => a.Code == code))
                {
                    return false;
                }
                var agency = new Agency { Code = code, Name = name };
                db.Agencies.Add(agency);
                await db.SaveChangesAsync();
                auditLog.AddForAgency(db, User, AuditActions.AgencyCreated, agency, $"Myndigheten {name} skapades med koden {code}.");
                await db.SaveChangesAsync();
                return true;
            }, HttpContext.RequestAborted);
            if (created)
            {
                TempData["Meddelande"] = t["Myndigheten {0} är skapad. Lägg till e-postdomäner, enheter och befattningar.", name].Value;
                return Redirect("/admin/myndigheter/" + code);
            }
            ModelState.AddModelError("Input.Code", t["Koden {0} används redan av en annan myndighet.", code]);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var agencies = await db.Agencies.AsNoTracking()
            .Select(a => new { a.Code, a.Name, Domains = a.Domains.Select(d => d.Domain).ToList(), People = db.Users.Count(u => u.AgencyId == a.Id) })
            .ToListAsync();
        Rows = agencies
            .Select(a => new Row(a.Code, a.Name, a.Domains.Order(StringComparer.Ordinal).ToList(), a.People))
            .OrderBy(a => a.Name, StringComparer.Create(TrainingApp.Swedish, ignoreCase: true))
            .ToList();
    }
}
