using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Core.Competence;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Infrastructure;
using Training.Web.Learning;

namespace Training.Web.Pages.Hr;

/// <summary>
/// One employee by opaque id, with every completion and quiz attempt; HR of the person's agency and admins record a
/// completion done elsewhere, or correct one that was recorded, here. Someone outside the viewer's boundary is simply
/// not found (404), for reading and for every post.
/// </summary>
public class EmployeeModel(
    TrainingDbContext db, AccountChanges changes, ContentCatalogue catalogue, AuditLog auditLog, DatabaseWrites writes, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public const int NoteMaxLength = 1000;

    public User Person { get; private set; } = null!;

    /// <summary>The person's mandatory modules and their status, most urgent first.</summary>
    public IReadOnlyList<RequiredModule> Required { get; private set; } = [];

    /// <summary>Whether the viewer may switch this account off and on; accounts that hold hr or admin are for admins.</summary>
    public bool MayChange { get; private set; }

    [TempData(Key = "Meddelande")]
    public string? Message { get; set; }

    /// <summary>A completion as the page lists it: what, when, how, who recorded it, and whether a correction replaced it.</summary>
    public sealed record CompletionRow(Completion Completion, string Title, string? RecordedBy, bool Superseded, DateTime? Corrects)
    {
        public bool MayBeCorrected => !Superseded && Completion.Source is CompletionSources.Manual or CompletionSources.Import;
    }

    public sealed record AttemptRow(string ModuleId, string Title, string Version, DateTime StartedAt, DateTime? SubmittedAt, int? ScorePercent, bool? Passed);

    public IReadOnlyList<CompletionRow> CompletionHistory { get; private set; } = [];

    public IReadOnlyList<AttemptRow> Attempts { get; private set; } = [];

    public IReadOnlyList<CatalogueModule> Modules => catalogue.Modules;

    /// <summary>The completion the form corrects (<c>?ratta={id}</c>), or null when it records a new one.</summary>
    public CompletionRow? Correcting { get; private set; }

    public sealed class RecordInput
    {
        public string? ModuleId { get; set; }
        public string? CompletedOn { get; set; }
        public string? ScorePercent { get; set; }
        public string? Note { get; set; }
        public long? Corrects { get; set; }
    }

    [BindProperty]
    public RecordInput Input { get; set; } = new();

    /// <summary>The latest day the form accepts (today in Stockholm), for the date field's <c>max</c>.</summary>
    public string Today => SwedishTime.Date(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(string id, [FromQuery(Name = "ratta")] long? correct)
    {
        if (!await LoadAsync(id, correct))
        {
            return NotFound();
        }
        if (Correcting is { } correcting)
        {
            var completion = correcting.Completion;
            Input = new RecordInput
            {
                ModuleId = completion.ModuleId,
                CompletedOn = SwedishTime.Date(completion.CompletedAt),
                ScorePercent = completion.ScorePercent?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Note = completion.Note,
                Corrects = completion.Id,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(string id)
    {
        var person = await db.Users.AsNoTracking().VisibleTo(User).FirstOrDefaultAsync(u => u.Id == id);
        if (person is null)
        {
            return NotFound();
        }
        if (!await changes.MayChangeAsync(User, person))
        {
            return Forbid(); // HR records no completions for itself or for other staff: an admin does
        }
        Completion? corrected = null;
        if (Input.Corrects is { } correctsId)
        {
            corrected = await db.Completions.AsNoTracking().Include(c => c.ModuleVersion)
                .FirstOrDefaultAsync(c => c.Id == correctsId && c.UserId == person.Id
                    && (c.Source == CompletionSources.Manual || c.Source == CompletionSources.Import));
            if (corrected is null)
            {
                return NotFound();
            }
        }

        var module = corrected is null && !string.IsNullOrEmpty(Input.ModuleId) ? catalogue.Find(Input.ModuleId) : null;
        if (corrected is null && module is null)
        {
            ModelState.AddModelError("Input.ModuleId", t["Välj vilken utbildning som genomförts."]);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime completedAt = default;
        if (string.IsNullOrWhiteSpace(Input.CompletedOn))
        {
            ModelState.AddModelError("Input.CompletedOn", t["Ange datumet då utbildningen genomfördes."]);
        }
        else if (!DateOnly.TryParseExact(Input.CompletedOn.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            ModelState.AddModelError("Input.CompletedOn", t["Skriv datumet som ÅÅÅÅ-MM-DD."]);
        }
        else
        {
            completedAt = SwedishTime.StartOfDayUtc(day);
            if (completedAt > now)
            {
                ModelState.AddModelError("Input.CompletedOn", t["Datumet kan inte ligga i framtiden."]);
            }
            else if (!CompletionRows.IsPlausible(completedAt, now))
            {
                ModelState.AddModelError("Input.CompletedOn", t["Datumet kan inte vara före år 2000."]);
            }
        }
        int? score = null;
        if (!string.IsNullOrWhiteSpace(Input.ScorePercent))
        {
            if (int.TryParse(Input.ScorePercent.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value <= 100)
            {
                score = value;
            }
            else
            {
                ModelState.AddModelError("Input.ScorePercent", t["Resultatet ska vara ett heltal från 0 till 100, eller tomt."]);
            }
        }
        var note = Input.Note?.Trim();
        if (string.IsNullOrEmpty(note))
        {
            ModelState.AddModelError("Input.Note", t["Beskriv underlaget, till exempel kursens namn, datum och arrangör."]);
        }
        else if (note.Length > NoteMaxLength)
        {
            ModelState.AddModelError("Input.Note", t["Underlaget får vara högst 1 000 tecken."]);
        }

        if (ModelState.IsValid)
        {
            var recorded = await writes.RunAsync(db, async () =>
            {
                if (corrected is not null && await db.Completions.AnyAsync(c => c.SupersedesId == corrected.Id, HttpContext.RequestAborted))
                {
                    return false;
                }
                else
                {
                    var version = corrected is null ? CompletedVersion.Of(module!) : CompletedVersion.Of(corrected);
                    // A correction that keeps the date keeps the expiry too (an imported one may have come from the other system).
                    var expiresAt = corrected is not null && corrected.CompletedAt == completedAt ? corrected.ExpiresAt : null;
                    var completion = Completions.Recorded(version, person.Id, person.AgencyId, completedAt,
                        corrected?.Source ?? CompletionSources.Manual, User.UserIdOf(), note, score, expiresAt, corrected?.Id);
                    db.Completions.Add(completion);
                    var title = corrected?.ModuleVersion.Title ?? module!.Title;
                    var details = corrected is null
                        ? $"{title} ({version.Version}), genomförd {SwedishTime.Date(completedAt)}{ScoreText(score)}. Underlag: {note}"
                        : $"{title} ({version.Version}): registreringen från {SwedishTime.Date(corrected.CompletedAt)}{ScoreText(corrected.ScorePercent)} ersätts av {SwedishTime.Date(completedAt)}{ScoreText(score)}. Underlag: {note}";
                    auditLog.Add(db, User, corrected is null ? AuditActions.CompletionRecorded : AuditActions.CompletionCorrected, person, details);
                    await db.SaveChangesAsync(HttpContext.RequestAborted);
                    return true;
                }
            }, HttpContext.RequestAborted);
            if (recorded)
            {
                Message = corrected is null ? t["Den genomförda utbildningen är registrerad."] : t["Rättelsen är sparad. Den tidigare registreringen är markerad som ersatt."];
                return Redirect($"/hr/medarbetare/{id}#genomforda");
            }
            ModelState.AddModelError("Input", t["Registreringen har redan rättats. Rätta den senaste registreringen i stället."]);
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id, Input.Corrects);
        return Page();
    }

    private static string ScoreText(int? score) => score is { } s ? FormattableString.Invariant($", resultat {s} %") : "";

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
            await LoadAsync(id, null);
            return Page();
        }
        if (result == AccountChangeResult.Done)
        {
            Message = active ? t["Kontot är aktiverat."] : t["Kontot är inaktiverat och alla inloggningar har avslutats."];
        }
        return Redirect("/hr/medarbetare/" + id);
    }

    /// <summary>The person, their completions and attempts; false when the viewer may not see the person.</summary>
    private async Task<bool> LoadAsync(string id, long? correct)
    {
        var person = await db.Users.AsNoTracking().VisibleTo(User)
            .Include(u => u.Agency).Include(u => u.Unit).Include(u => u.JobRole)
            .FirstOrDefaultAsync(u => u.Id == id);
        if (person is null)
        {
            return false;
        }
        Person = person;
        Required = await Records.RequiredAsync(db, catalogue, person, clock.GetUtcNow().UtcDateTime);
        MayChange = await changes.MayChangeAsync(User, person);

        var completions = await db.Completions.AsNoTracking().Where(c => c.UserId == person.Id)
            .Select(c => new { Completion = c, c.ModuleVersion.Title })
            .ToListAsync();
        var recorderIds = completions.Select(c => c.Completion.RecordedById).OfType<string>().Distinct().ToList();
        var recorders = await db.Users.AsNoTracking().Where(u => recorderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
        var superseded = completions.Where(c => c.Completion.SupersedesId is not null).Select(c => c.Completion.SupersedesId!.Value).ToHashSet();
        var byId = completions.ToDictionary(c => c.Completion.Id, c => c.Completion);
        CompletionHistory = completions
            .OrderByDescending(c => c.Completion.CompletedAt).ThenByDescending(c => c.Completion.Id)
            .Select(c => new CompletionRow(c.Completion, c.Title,
                c.Completion.RecordedById is { } by ? recorders.GetValueOrDefault(by, "") : null,
                superseded.Contains(c.Completion.Id),
                c.Completion.SupersedesId is { } old && byId.TryGetValue(old, out var oldCompletion) ? oldCompletion.CompletedAt : null))
            .ToList();
        Correcting = correct is { } correctId ? CompletionHistory.FirstOrDefault(r => r.Completion.Id == correctId && r.MayBeCorrected) : null;

        Attempts = await db.QuizAttempts.AsNoTracking().Where(a => a.UserId == person.Id)
            .OrderByDescending(a => a.StartedAt)
            .Select(a => new AttemptRow(a.ModuleVersion.ModuleId, a.ModuleVersion.Title, a.ModuleVersion.Version, a.StartedAt, a.SubmittedAt, a.ScorePercent, a.Passed))
            .ToListAsync();
        return true;
    }

    /// <summary>The language a module's title is written in: the served module's, Swedish for one no longer served.</summary>
    public string LanguageOf(string moduleId) => catalogue.Find(moduleId)?.Language ?? "sv";

    /// <summary>How a completion was made, as the page says it.</summary>
    public string SourceName(string source) => t[Completions.SourceName(source)];
}
