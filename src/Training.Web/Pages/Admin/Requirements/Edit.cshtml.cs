using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Core.Competence;
using Training.Core.Content;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Infrastructure;
using Training.Web.Learning;

namespace Training.Web.Pages.Admin.Requirements;

/// <summary>
/// A new requirement (<c>/admin/krav/ny?myndighet=…</c>) or an existing one (<c>/admin/krav/{id}</c>): what, for whom,
/// by when, the renewal window and the grace period after a new major version. Every change and the removal are audited;
/// none of them touches a completion.
/// </summary>
public class EditModel(TrainingDbContext db, ContentCatalogue catalogue, AuditLog auditLog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string New = "ny";

    /// <summary>The form as posted, or as the stored requirement fills it.</summary>
    public sealed class RequirementForm
    {
        /// <summary><c>modul:{id}</c> or <c>spar:{id}</c>.</summary>
        public string? Target { get; set; }
        public int? UnitId { get; set; }
        public List<int> JobRoleIds { get; set; } = [];

        /// <summary><c>dagar</c>, <c>datum</c> or <c>inget</c>.</summary>
        public string Due { get; set; } = "dagar";
        public string? DueWithinDays { get; set; } = "90";
        public string? DueDate { get; set; }
        public string? RenewalWindowDays { get; set; } = CompetenceRequirement.DefaultRenewalWindowDays.ToString(CultureInfo.InvariantCulture);
        public string? GraceDays { get; set; } = CountingCompletion.DefaultGraceDays.ToString(CultureInfo.InvariantCulture);
    }

    [BindProperty]
    public RequirementForm Form { get; set; } = new();

    public Agency? Agency { get; private set; }

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    /// <summary>The stored requirement; null for a new one.</summary>
    public Requirement? Existing { get; private set; }

    public int People { get; private set; }

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public IReadOnlyList<JobRole> JobRoles { get; private set; } = [];

    public IReadOnlyList<Track> Tracks => catalogue.Tracks;

    public IReadOnlyList<CatalogueModule> Modules => catalogue.Modules;

    [TempData(Key = "Meddelande")]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string krav, string? myndighet)
    {
        if (!await LoadAsync(krav, myndighet))
        {
            return NotFound();
        }
        if (Existing is { } existing)
        {
            Form = new RequirementForm
            {
                Target = existing.ModuleId is { } m ? "modul:" + m : "spar:" + existing.TrackId,
                UnitId = existing.UnitId,
                JobRoleIds = [.. existing.JobRoles.Select(j => j.JobRoleId)],
                Due = existing.DueDate is not null ? "datum" : existing.DueWithinDays is not null ? "dagar" : "inget",
                DueWithinDays = existing.DueWithinDays?.ToString(CultureInfo.InvariantCulture) ?? "90",
                DueDate = existing.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                RenewalWindowDays = existing.RenewalWindowDays.ToString(CultureInfo.InvariantCulture),
                GraceDays = existing.GraceDays.ToString(CultureInfo.InvariantCulture),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string krav, string? myndighet)
    {
        if (!await LoadAsync(krav, myndighet) || Agency is null)
        {
            return NotFound();
        }
        var checkedForm = Check();
        if (checkedForm is not { } values)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var requirement = Existing is null
            ? db.Requirements.Add(new Requirement { AgencyId = Agency.Id, CreatedAt = now, CreatedById = User.UserIdOf() }).Entity
            : await db.Requirements.Include(r => r.JobRoles).FirstAsync(r => r.Id == Existing.Id);
        var before = Existing is null ? null : Describe(Existing);
        requirement.ModuleId = values.ModuleId;
        requirement.TrackId = values.TrackId;
        requirement.UnitId = Form.UnitId;
        requirement.JobRoles.RemoveAll(j => !Form.JobRoleIds.Contains(j.JobRoleId));
        foreach (var role in Form.JobRoleIds.Where(r => requirement.JobRoles.All(j => j.JobRoleId != r)))
        {
            requirement.JobRoles.Add(new RequirementJobRole { JobRoleId = role });
        }
        requirement.DueWithinDays = values.DueWithinDays;
        requirement.DueDate = values.DueDate;
        requirement.RenewalWindowDays = values.RenewalWindowDays;
        requirement.GraceDays = values.GraceDays;
        if (Existing is not null)
        {
            requirement.ChangedAt = now;
        }
        var after = Describe(requirement);
        if (before == after)
        {
            return Redirect("/admin/krav?myndighet=" + Agency.Code);
        }
        auditLog.AddForAgency(db, User, Existing is null ? AuditActions.RequirementAdded : AuditActions.RequirementChanged, Agency,
            before is null ? $"Nytt krav: {after}." : $"Kravet ändrat från: {before}. Till: {after}.");
        await db.SaveChangesAsync();
        Message = Existing is null ? t["Kravet är sparat."] : t["Ändringen är sparad."];
        return Redirect("/admin/krav?myndighet=" + Agency.Code);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string krav)
    {
        if (!await LoadAsync(krav, null) || Existing is null)
        {
            return NotFound();
        }
        var requirement = await db.Requirements.FirstAsync(r => r.Id == Existing.Id);
        requirement.RemovedAt = clock.GetUtcNow().UtcDateTime;
        auditLog.AddForAgency(db, User, AuditActions.RequirementRemoved, Agency!, $"Kravet togs bort: {Describe(Existing)}. Inga genomföranden påverkades.");
        await db.SaveChangesAsync();
        Message = t["Kravet är borttaget. Genomförda utbildningar finns kvar."];
        return Redirect("/admin/krav?myndighet=" + Agency!.Code);
    }

    /// <summary>The first error of a field, for the message beside it.</summary>
    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private sealed record Values(string? ModuleId, string? TrackId, int? DueWithinDays, DateOnly? DueDate, int RenewalWindowDays, int GraceDays);

    /// <summary>The form's values when they make a requirement; otherwise null, with a Swedish message at each field that is wrong.</summary>
    private Values? Check()
    {
        ModelState.Clear(); // the binder's own messages are English and technical; the checks below say it in Swedish
        string? moduleId = null, trackId = null;
        if (Form.Target?.StartsWith("modul:", StringComparison.Ordinal) == true && catalogue.Find(Form.Target[6..]) is { } module)
        {
            moduleId = module.Id;
        }
        else if (Form.Target?.StartsWith("spar:", StringComparison.Ordinal) == true && catalogue.Tracks.FirstOrDefault(tr => tr.Id == Form.Target[5..]) is { } track)
        {
            trackId = track.Id;
        }
        else
        {
            ModelState.AddModelError("Form.Target", t["Välj en modul eller ett spår."]);
        }
        if (Form.UnitId is { } unit && Units.All(u => u.Id != unit))
        {
            ModelState.AddModelError("Form.UnitId", t["Välj en av myndighetens enheter."]);
        }
        if (Form.JobRoleIds.Any(r => JobRoles.All(j => j.Id != r)))
        {
            ModelState.AddModelError("Form.JobRoleIds", t["Välj bland myndighetens befattningar."]);
        }
        int? within = null;
        DateOnly? date = null;
        switch (Form.Due)
        {
            case "dagar":
                within = Number("Form.DueWithinDays", Form.DueWithinDays, 1, 3650, t["Skriv hur många dagar, 1–3650."]);
                break;
            case "datum":
                if (DateOnly.TryParseExact(Form.DueDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    && d.Year is >= 2000 and <= 2100)
                {
                    date = d;
                }
                else
                {
                    ModelState.AddModelError("Form.DueDate", t["Skriv ett datum som 2027-03-31."]);
                }
                break;
            case "inget":
                break;
            default:
                ModelState.AddModelError("Form.Due", t["Välj när utbildningen ska vara genomförd."]);
                break;
        }
        var window = Number("Form.RenewalWindowDays", Form.RenewalWindowDays, 0, 365, t["Skriv antal dagar, 0–365."]);
        var grace = Number("Form.GraceDays", Form.GraceDays, 0, 730, t["Skriv antal dagar, 0–730."]);
        return ModelState.IsValid ? new Values(moduleId, trackId, within, date, window ?? 0, grace ?? 0) : null;
    }

    private int? Number(string field, string? typed, int min, int max, string message)
    {
        if (int.TryParse(typed?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        ModelState.AddModelError(field, message);
        return null;
    }

    /// <summary>The requirement in one line for the audit log (in Swedish, like every entry), its unit and roles named from the agency's.</summary>
    private string Describe(Requirement requirement)
    {
        var swedish = SwedishText.Instance;
        var who = RequirementText.Who(swedish, Units.FirstOrDefault(u => u.Id == requirement.UnitId)?.Name,
            JobRoles.Where(j => requirement.JobRoles.Any(r => r.JobRoleId == j.Id)).Select(j => j.Name));
        return $"{(RequirementText.IsTrack(requirement) ? "spåret " : "modulen ")}{RequirementText.What(catalogue, requirement)} för "
            + $"{who.ToLower(TrainingApp.Swedish)}, {RequirementText.When(swedish, requirement).ToLower(TrainingApp.Swedish)}, "
            + $"förnyelse {requirement.RenewalWindowDays} dagar före, övergång {requirement.GraceDays} dagar vid ny huvudversion";
    }

    private async Task<bool> LoadAsync(string krav, string? myndighet)
    {
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name).ToListAsync();
        if (krav == New)
        {
            Agency = Agencies.FirstOrDefault(a => a.Code == myndighet);
            if (myndighet is not null && Agency is null)
            {
                return false;
            }
        }
        else
        {
            if (!int.TryParse(krav, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return false;
            }
            Existing = await db.Requirements.AsNoTracking().Include(r => r.JobRoles).ThenInclude(j => j.JobRole).Include(r => r.Unit)
                .FirstOrDefaultAsync(r => r.Id == id && r.RemovedAt == null);
            if (Existing is null)
            {
                return false;
            }
            Agency = Agencies.First(a => a.Id == Existing.AgencyId);
            People = await Records.PeopleRequiredBy(db, Existing).CountAsync();
        }
        if (Agency is not null)
        {
            Units = await db.Units.AsNoTracking().Where(u => u.AgencyId == Agency.Id).OrderBy(u => u.Name).ToListAsync();
            JobRoles = await db.JobRoles.AsNoTracking().Where(r => r.AgencyId == Agency.Id).OrderBy(r => r.Name).ToListAsync();
        }
        return true;
    }
}
