using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Data;
using Training.Web.Employees;
using Training.Web.Learning;

namespace Training.Web.Pages.Hr;

/// <summary>
/// Importing past completions from another system (issue #14): upload, a preview of what would be added, what is
/// already there and which rows are refused, then a confirmation that imports at once and shows the result at
/// /hr/genomforanden/import/{id}. HR imports into its own agency (whatever the form says); admins choose the agency.
/// Someone else's agency's upload is not found.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public class CompletionImportModel(
    TrainingDbContext db, CompletionUploads uploads, CompletionImporter importer, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxFileBytes = ImportModel.MaxFileBytes;

    private const int RequestLimit = 4 * MaxFileBytes;

    /// <summary>The most rows a list shows; the counts still cover them all.</summary>
    public const int RowsShown = ImportModel.ErrorsShown;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The agency an admin chose. Never read for HR: their own agency is the only one they import into.</summary>
    [BindProperty(Name = "myndighet")]
    public string? AgencyCode { get; set; }

    public IReadOnlyList<ImportModel.AgencyOption> Agencies { get; private set; } = [];

    public string? OwnAgencyName { get; private set; }

    public CompletionUpload? Stored { get; private set; }

    /// <summary>The import's result once confirmed, otherwise what it would do now.</summary>
    public CompletionImportResult? Shown { get; private set; }

    public bool Done => Stored?.Result is not null;

    public string StatusUrl => "/hr/genomforanden/import/" + Stored?.Id;

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
        if (Stored!.Result is { } result)
        {
            Shown = result;
        }
        else if (await uploads.ReadFileAsync(Stored.Id, HttpContext.RequestAborted) is { } file
            && await CompletionImporter.FindAgencyAsync(db, Stored.AgencyId, HttpContext.RequestAborted) is { } agency)
        {
            Shown = await importer.PreviewAsync(agency, file, HttpContext.RequestAborted);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id)
    {
        if (id is not null)
        {
            return NotFound();
        }
        var agency = User.IsInRole(Roles.Admin)
            ? string.IsNullOrEmpty(AgencyCode) ? null : await CompletionImporter.FindAgencyAsync(db, AgencyCode)
            : await CompletionImporter.FindAgencyAsync(db, User.AgencyIdOf());
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
        var upload = new CompletionUpload
        {
            Id = ImportStore.NewId(),
            AgencyId = agency.Id,
            AgencyName = agency.Name,
            UploaderId = User.UserIdOf(),
            UploaderLabel = AuditLog.LabelOf(User),
            FileName = Path.GetFileName(Upload.FileName),
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        await uploads.CreateAsync(upload, file, HttpContext.RequestAborted);
        return Redirect("/hr/genomforanden/import/" + upload.Id);
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? id)
    {
        if (id is null || !await LoadAsync(id))
        {
            return NotFound();
        }
        // One confirmation imports, even when two arrive at once on different instances; the other shows the result.
        if (Stored!.Result is null && await uploads.TryBeginImportAsync(Stored.Id, HttpContext.RequestAborted))
        {
            var finished = false;
            try
            {
                if (await uploads.ReadFileAsync(Stored.Id, HttpContext.RequestAborted) is { } file
                    && await CompletionImporter.FindAgencyAsync(db, Stored.AgencyId, HttpContext.RequestAborted) is { } agency)
                {
                    var result = await importer.ImportAsync(agency, file, Stored.FileName, new ImportActor(User.UserIdOf(), AuditLog.LabelOf(User)), HttpContext.RequestAborted);
                    await uploads.FinishAsync(Stored, result, HttpContext.RequestAborted);
                    finished = true;
                }
            }
            finally
            {
                if (!finished)
                {
                    await uploads.EndImportAsync(Stored.Id);
                }
            }
        }
        return Redirect(StatusUrl);
    }

    /// <summary>The upload when the viewer may see it: an admin always, HR only for its own agency.</summary>
    private async Task<bool> LoadAsync(string id)
    {
        var upload = await uploads.FindAsync(id, HttpContext.RequestAborted);
        if (upload is null || (!User.IsInRole(Roles.Admin) && upload.AgencyId != User.AgencyIdOf()))
        {
            return false;
        }
        Stored = upload;
        return true;
    }

    private async Task LoadAgenciesAsync()
    {
        if (User.IsInRole(Roles.Admin))
        {
            Agencies = await db.Agencies.OrderBy(a => a.Name).Select(a => new ImportModel.AgencyOption(a.Code, a.Name)).ToListAsync();
        }
        else
        {
            var own = User.AgencyIdOf();
            OwnAgencyName = await db.Agencies.Where(a => a.Id == own).Select(a => a.Name).FirstOrDefaultAsync();
        }
    }
}
