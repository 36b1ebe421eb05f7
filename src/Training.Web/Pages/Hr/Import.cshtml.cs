using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Data;
using Training.Web.Employees;

namespace Training.Web.Pages.Hr;

/// <summary>
/// Importing employees from a file (issue #4): upload, then a preview of what would happen, then a confirmation that
/// runs the import in the background, with its progress and result at /hr/medarbetare/import/{id}. HR imports into
/// its own agency (whatever the form says); admins choose the agency. Someone else's agency's import is not found.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public class ImportModel(
    TrainingDbContext db, ImportStore store, ImportJobs jobs, EmployeeImporter importer, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Above the file limit, so a somewhat larger file still reaches the page and gets its Swedish message.</summary>
    private const int RequestLimit = 4 * MaxFileBytes;

    /// <summary>The most row errors a page lists; the counts still cover them all.</summary>
    public const int ErrorsShown = 1_000;

    public sealed record AgencyOption(string Code, string Name);

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The agency an admin chose. Never read for HR: their own agency is the only one they import into.</summary>
    [BindProperty(Name = "myndighet")]
    public string? AgencyCode { get; set; }

    /// <summary>Filled for admins, who choose the agency.</summary>
    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];

    public string? OwnAgencyName { get; private set; }

    public StoredImport? Import { get; private set; }

    public ImportProgress? Progress => Import?.Progress;

    /// <summary>Running according to its state, but no instance of the site is at it any longer: it stopped mid-way.</summary>
    public bool Interrupted { get; private set; }

    public bool CanConfirm { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        if (id is null)
        {
            await LoadAgenciesAsync();
            return Page();
        }
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Request.IsHtmx())
        {
            Response.Headers.Vary = "HX-Request";
            return Partial("_ImportStatus", this);
        }
        Response.Headers.Vary = "HX-Request";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id)
    {
        if (id is not null)
        {
            return NotFound();
        }
        var agency = User.IsInRole(Roles.Admin) && !string.IsNullOrEmpty(AgencyCode)
            ? await EmployeeImporter.FindAgencyAsync(db, AgencyCode)
            : User.IsInRole(Roles.Admin) ? null
            : await EmployeeImporter.FindAgencyAsync(db, User.AgencyIdOf());
        if (agency is null)
        {
            ModelState.AddModelError(nameof(AgencyCode), t["Välj vilken myndighet filen gäller."]);
        }
        UploadedFile.Check(ModelState, nameof(Upload), Upload, t);
        if (!ModelState.IsValid || agency is null || Upload is null)
        {
            await LoadAgenciesAsync();
            return Page();
        }

        var file = await UploadedFile.ReadAsync(Upload, HttpContext.RequestAborted);
        var preview = await importer.PreviewAsync(agency, file, HttpContext.RequestAborted);
        var import = new StoredImport
        {
            Id = ImportStore.NewId(),
            AgencyId = agency.Id,
            AgencyName = agency.Name,
            UploaderId = User.UserIdOf(),
            UploaderLabel = AuditLog.LabelOf(User),
            FileName = Path.GetFileName(Upload.FileName),
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            State = ImportState.Preview,
            Preview = preview,
        };
        await store.CreateAsync(import, file, HttpContext.RequestAborted);
        return RedirectToPage(new { id = import.Id });
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? id)
    {
        if (id is null || !await LoadAsync(id))
        {
            return NotFound();
        }
        if (CanConfirm && Import!.Preview.FileError is null)
        {
            await jobs.QueueAsync(Import, HttpContext.RequestAborted);
        }
        return RedirectToPage(new { id });
    }

    public string StatusUrl => "/hr/medarbetare/import/" + Import?.Id;

    /// <summary>The stored import when the viewer may see it: an admin always, HR only for its own agency.</summary>
    private async Task<bool> LoadAsync(string id)
    {
        var import = await store.FindAsync(id, HttpContext.RequestAborted);
        if (import is null || (!User.IsInRole(Roles.Admin) && import.AgencyId != User.AgencyIdOf()))
        {
            return false;
        }
        Import = import;
        Interrupted = import.IsInterruptedAt(clock.GetUtcNow().UtcDateTime);
        CanConfirm = import.State == ImportState.Preview || (Interrupted && await store.HasFileAsync(import.Id, HttpContext.RequestAborted));
        return true;
    }

    private async Task LoadAgenciesAsync()
    {
        if (User.IsInRole(Roles.Admin))
        {
            Agencies = await db.Agencies.OrderBy(a => a.Name).Select(a => new AgencyOption(a.Code, a.Name)).ToListAsync();
        }
        else
        {
            var own = User.AgencyIdOf();
            OwnAgencyName = await db.Agencies.Where(a => a.Id == own).Select(a => a.Name).FirstOrDefaultAsync();
        }
    }
}
