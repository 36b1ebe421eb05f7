using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Core.Agencies;
using Training.Core.Content;
using Training.Core.Privacy;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Data;
using Training.Web.Privacy;

namespace Training.Web.Pages.Admin;

/// <summary>
/// One agency: its name, email domains, units and job roles. Each change is checked and stored behind the write
/// gate (so two admins cannot both take the same domain) with an entry that says in Swedish what changed.
/// </summary>
public class AgencyModel(TrainingDbContext db, AuditLog auditLog, DatabaseWrites writes, Anonymisation anonymisation, IStringLocalizer<SharedResource> t) : PageModel
{
    private static readonly StringComparer SwedishOrder = StringComparer.Create(TrainingApp.Swedish, ignoreCase: true);

    public sealed record UnitRow(int Id, string Name, int People);

    public sealed record JobRoleRow(int Id, string Code, string Name, int People);

    /// <summary>The outcome of one change: refused with a message at a field, made (with what to log and say), or nothing to do.</summary>
    private sealed record Outcome(string? Field = null, string? Error = null, string? Details = null, string? Message = null)
    {
        public static readonly Outcome Nothing = new();

        public static Outcome Refused(string field, string error) => new(Field: field, Error: error);

        public static Outcome Made(string details, string message) => new(Details: details, Message: message);
    }

    public Agency Agency { get; private set; } = null!;

    public IReadOnlyList<AgencyDomain> Domains { get; private set; } = [];

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public IReadOnlyList<JobRoleRow> JobRoles { get; private set; } = [];

    public int People { get; private set; }

    /// <summary>People who left longer ago than the retention period: whom <see cref="OnPostAnonymiseAsync"/> would anonymise now.</summary>
    public int DueForAnonymisation { get; private set; }

    [TempData(Key = "Meddelande")]
    public string? Message { get; set; }

    /// <summary>What was typed into a refused form, by field, so it is shown again.</summary>
    public Dictionary<string, string?> Attempted { get; } = [];

    public async Task<IActionResult> OnGetAsync(string code) => await LoadAsync(code) ? Page() : NotFound();

    public Task<IActionResult> OnPostNameAsync(string code, string? name) => ChangeAsync(code, agency =>
    {
        var value = name?.Trim() ?? "";
        Attempted["name"] = name;
        if (NameProblem(value) is { } problem)
        {
            return Task.FromResult(Outcome.Refused("name", problem));
        }
        if (value == agency.Name)
        {
            return Task.FromResult(Outcome.Nothing);
        }
        var old = agency.Name;
        agency.Name = value;
        return Task.FromResult(Outcome.Made($"Namnet ändrades från {old} till {value}.", t["Namnet är ändrat."]));
    });

    public Task<IActionResult> OnPostAddDomainAsync(string code, string? domain) => ChangeAsync(code, async agency =>
    {
        var value = domain?.Trim().ToLowerInvariant() ?? "";
        Attempted["domain"] = domain;
        if (!EmailDomains.IsValidDomain(value))
        {
            return Outcome.Refused("domain", t["Skriv en domän som polisen.se: bokstäver, siffror och bindestreck, med punkt mellan delarna."]);
        }
        var owner = await (from d in db.AgencyDomains join a in db.Agencies on d.AgencyId equals a.Id where d.Domain == value select a.Name).FirstOrDefaultAsync();
        if (owner is not null)
        {
            return Outcome.Refused("domain", owner == agency.Name
                ? t["{0} har redan domänen {1}.", owner, value]
                : t["Domänen {0} hör redan till {1}. En domän kan bara höra till en myndighet.", value, owner]);
        }
        agency.Domains.Add(new AgencyDomain { Domain = value });
        return Outcome.Made($"Domänen {value} lades till.", t["Domänen {0} är tillagd.", value]);
    });

    public Task<IActionResult> OnPostRemoveDomainAsync(string code, int domainId) => ChangeAsync(code, agency =>
    {
        if (agency.Domains.FirstOrDefault(d => d.Id == domainId) is not { } domain)
        {
            return Task.FromResult(Outcome.Nothing);
        }
        db.AgencyDomains.Remove(domain);
        return Task.FromResult(Outcome.Made($"Domänen {domain.Domain} togs bort.", t["Domänen {0} är borttagen.", domain.Domain]));
    });

    public Task<IActionResult> OnPostAddUnitAsync(string code, string? name) => ChangeAsync(code, agency =>
    {
        var value = name?.Trim() ?? "";
        Attempted["unit"] = name;
        if (NameProblem(value) is { } problem)
        {
            return Task.FromResult(Outcome.Refused("unit", problem));
        }
        if (agency.Units.Any(u => SwedishOrder.Equals(u.Name, value)))
        {
            return Task.FromResult(Outcome.Refused("unit", t["Det finns redan en enhet som heter {0}.", value]));
        }
        agency.Units.Add(new Unit { Name = value });
        return Task.FromResult(Outcome.Made($"Enheten {value} lades till.", t["Enheten {0} är tillagd.", value]));
    });

    public Task<IActionResult> OnPostRenameUnitAsync(string code, int unitId, string? name) => ChangeAsync(code, agency =>
    {
        var field = $"unit-{unitId}";
        var value = name?.Trim() ?? "";
        Attempted[field] = name;
        if (agency.Units.FirstOrDefault(u => u.Id == unitId) is not { } unit)
        {
            return Task.FromResult(Outcome.Nothing);
        }
        if (NameProblem(value) is { } problem)
        {
            return Task.FromResult(Outcome.Refused(field, problem));
        }
        if (value == unit.Name)
        {
            return Task.FromResult(Outcome.Nothing);
        }
        if (agency.Units.Any(u => u.Id != unitId && SwedishOrder.Equals(u.Name, value)))
        {
            return Task.FromResult(Outcome.Refused(field, t["Det finns redan en enhet som heter {0}.", value]));
        }
        var old = unit.Name;
        unit.Name = value;
        return Task.FromResult(Outcome.Made($"Enheten {old} bytte namn till {value}.", t["Enheten {0} heter nu {1}.", old, value]));
    });

    public Task<IActionResult> OnPostRemoveUnitAsync(string code, int unitId) => ChangeAsync(code, async agency =>
    {
        if (agency.Units.FirstOrDefault(u => u.Id == unitId) is not { } unit)
        {
            return Outcome.Nothing;
        }
        var people = await db.Users.CountAsync(u => u.UnitId == unitId);
        if (people > 0)
        {
            return Outcome.Refused($"unit-{unitId}", people == 1
                ? t["Enheten {0} kan inte tas bort: en person hör till den. Flytta personen först.", unit.Name]
                : t["Enheten {0} kan inte tas bort: {1} personer hör till den. Flytta dem först.", unit.Name, people]);
        }
        if (await db.Requirements.AnyAsync(r => r.UnitId == unitId && r.RemovedAt == null))
        {
            return Outcome.Refused($"unit-{unitId}", t["Enheten {0} kan inte tas bort: ett krav på obligatorisk utbildning gäller den. Ändra eller ta bort kravet först.", unit.Name]);
        }
        // Removed requirements keep no hold on it: what they said is in the audit log.
        await db.Requirements.Where(r => r.UnitId == unitId).ExecuteUpdateAsync(r => r.SetProperty(x => x.UnitId, (int?)null));
        db.Units.Remove(unit);
        return Outcome.Made($"Enheten {unit.Name} togs bort.", t["Enheten {0} är borttagen.", unit.Name]);
    });

    public Task<IActionResult> OnPostAddJobRoleAsync(string code, string? jobRoleCode, string? name) => ChangeAsync(code, agency =>
    {
        var roleCode = jobRoleCode?.Trim() ?? "";
        var value = name?.Trim() ?? "";
        Attempted["jobRoleCode"] = jobRoleCode;
        Attempted["jobRole"] = name;
        if (!ModuleIds.IsValid(roleCode))
        {
            return Task.FromResult(Outcome.Refused("jobRoleCode", t["Koden får bara innehålla små bokstäver a–z, siffror och bindestreck, och högst 80 tecken."]));
        }
        if (agency.JobRoles.Any(r => r.Code == roleCode))
        {
            return Task.FromResult(Outcome.Refused("jobRoleCode", t["Det finns redan en befattning med koden {0}.", roleCode]));
        }
        if (NameProblem(value) is { } problem)
        {
            return Task.FromResult(Outcome.Refused("jobRole", problem));
        }
        agency.JobRoles.Add(new JobRole { Code = roleCode, Name = value });
        return Task.FromResult(Outcome.Made($"Befattningen {value} ({roleCode}) lades till.", t["Befattningen {0} är tillagd.", value]));
    });

    public Task<IActionResult> OnPostRenameJobRoleAsync(string code, int jobRoleId, string? name) => ChangeAsync(code, agency =>
    {
        var field = $"jobRole-{jobRoleId}";
        var value = name?.Trim() ?? "";
        Attempted[field] = name;
        if (agency.JobRoles.FirstOrDefault(r => r.Id == jobRoleId) is not { } role)
        {
            return Task.FromResult(Outcome.Nothing);
        }
        if (NameProblem(value) is { } problem)
        {
            return Task.FromResult(Outcome.Refused(field, problem));
        }
        if (value == role.Name)
        {
            return Task.FromResult(Outcome.Nothing);
        }
        var old = role.Name;
        role.Name = value;
        return Task.FromResult(Outcome.Made($"Befattningen {role.Code} bytte namn från {old} till {value}.", t["Befattningen {0} heter nu {1}.", old, value]));
    });

    public Task<IActionResult> OnPostRemoveJobRoleAsync(string code, int jobRoleId) => ChangeAsync(code, async agency =>
    {
        if (agency.JobRoles.FirstOrDefault(r => r.Id == jobRoleId) is not { } role)
        {
            return Outcome.Nothing;
        }
        var people = await db.Users.CountAsync(u => u.JobRoleId == jobRoleId);
        if (people > 0)
        {
            return Outcome.Refused($"jobRole-{jobRoleId}", people == 1
                ? t["Befattningen {0} kan inte tas bort: en person har den.", role.Name]
                : t["Befattningen {0} kan inte tas bort: {1} personer har den.", role.Name, people]);
        }
        if (await db.RequirementJobRoles.AnyAsync(j => j.JobRoleId == jobRoleId && db.Requirements.Any(r => r.Id == j.RequirementId && r.RemovedAt == null)))
        {
            return Outcome.Refused($"jobRole-{jobRoleId}", t["Befattningen {0} kan inte tas bort: ett krav på obligatorisk utbildning gäller den. Ändra eller ta bort kravet först.", role.Name]);
        }
        await db.RequirementJobRoles.Where(j => j.JobRoleId == jobRoleId).ExecuteDeleteAsync();
        db.JobRoles.Remove(role);
        return Outcome.Made($"Befattningen {role.Name} ({role.Code}) togs bort.", t["Befattningen {0} är borttagen.", role.Name]);
    });

    public Task<IActionResult> OnPostRetentionAsync(string code, string? retentionMonths) => ChangeAsync(code, agency =>
    {
        var value = retentionMonths?.Trim() ?? "";
        Attempted["retentionMonths"] = retentionMonths;
        int? months = null;
        if (value.Length > 0)
        {
            if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || !Retention.IsValidPeriod(parsed))
            {
                return Task.FromResult(Outcome.Refused("retentionMonths", t["Skriv ett antal månader från 1 till {0}, eller lämna fältet tomt för ingen gallringstid.", Retention.MaximumMonths].Value));
            }
            months = parsed;
        }
        if (months == agency.RetentionMonths)
        {
            return Task.FromResult(Outcome.Nothing);
        }
        var old = agency.RetentionMonths;
        agency.RetentionMonths = months;
        return Task.FromResult(Outcome.Made(
            $"Gallringstiden ändrades från {Describe(old)} till {Describe(months)}.",
            months is null ? t["Myndigheten har ingen gallringstid nu."] : t["Gallringstiden är {0} månader.", months]));

        static string Describe(int? months) => months is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) + " månader" : "ingen";
    });

    public async Task<IActionResult> OnPostAnonymiseAsync(string code)
    {
        if (!await db.Agencies.AnyAsync(a => a.Code == code))
        {
            return NotFound();
        }
        var run = await anonymisation.RunAsync(User.UserIdOf(), AuditLog.LabelOf(User), code, HttpContext.RequestAborted);
        var people = run.Sum(r => r.People);
        Message = people == 1 ? t["En person anonymiserades."] : t["{0} personer anonymiserades.", people];
        return Redirect("/admin/myndigheter/" + code);
    }

    /// <summary>The first error of a field, for the message beside it.</summary>
    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>What the field shows: what was typed into a refused form, else the stored value.</summary>
    public string? ValueOf(string field, string? stored = null) => Attempted.TryGetValue(field, out var typed) ? typed : stored;

    private string? NameProblem(string name) =>
        name.Length == 0 ? t["Skriv ett namn."].Value
        : name.Length > 200 ? t["Namnet får vara högst 200 tecken."].Value
        : null;

    private async Task<IActionResult> ChangeAsync(string code, Func<Agency, Task<Outcome>> change)
    {
        var outcome = await writes.RunAsync(db, async () =>
        {
            var agency = await db.Agencies.Include(a => a.Domains).Include(a => a.Units).Include(a => a.JobRoles).FirstOrDefaultAsync(a => a.Code == code);
            if (agency is null)
            {
                return null;
            }
            var outcome = await change(agency);
            if (outcome.Error is null && outcome.Details is not null)
            {
                auditLog.AddForAgency(db, User, AuditActions.AgencyChanged, agency, outcome.Details);
                await db.SaveChangesAsync();
            }
            return outcome;
        }, HttpContext.RequestAborted);
        if (outcome is null)
        {
            return NotFound();
        }
        if (outcome.Error is null)
        {
            if (outcome.Details is not null)
            {
                Message = outcome.Message;
            }
            return Redirect("/admin/myndigheter/" + code);
        }
        ModelState.AddModelError(outcome.Field!, outcome.Error);
        db.ChangeTracker.Clear();
        await LoadAsync(code);
        return Page();
    }

    private async Task<bool> LoadAsync(string code)
    {
        var agency = await db.Agencies.AsNoTracking().Include(a => a.Domains).FirstOrDefaultAsync(a => a.Code == code);
        if (agency is null)
        {
            return false;
        }
        Agency = agency;
        Domains = agency.Domains.OrderBy(d => d.Domain, StringComparer.Ordinal).ToList();
        People = await db.Users.CountAsync(u => u.AgencyId == agency.Id);
        DueForAnonymisation = (await anonymisation.DueAsync(code)).Sum(c => c.People);
        Units = (await db.Units.Where(u => u.AgencyId == agency.Id)
                .Select(u => new UnitRow(u.Id, u.Name, db.Users.Count(p => p.UnitId == u.Id))).ToListAsync())
            .OrderBy(u => u.Name, SwedishOrder).ToList();
        JobRoles = (await db.JobRoles.Where(r => r.AgencyId == agency.Id)
                .Select(r => new JobRoleRow(r.Id, r.Code, r.Name, db.Users.Count(p => p.JobRoleId == r.Id))).ToListAsync())
            .OrderBy(r => r.Name, SwedishOrder).ToList();
        return true;
    }
}
