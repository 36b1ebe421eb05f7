using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages.Hr;

/// <summary>
/// The HR export (design §7) in CSV, XLSX or JSON, with the overview's filters: streamed from the database to the
/// response as the rows are read, never cached, and written to the audit log with who, which filter and how many rows.
/// </summary>
public class ExportModel(TrainingDbContext db, ContentCatalogue catalogue, TimeProvider clock, AuditLog auditLog, DatabaseWrites writes) : PageModel
{
    public HrScope Scope { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var scope = await HrScope.ResolveAsync(db, catalogue, User, HrFilter.From(Request.Query));
        if (scope is null)
        {
            return NotFound();
        }
        Scope = scope;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? format)
    {
        var scope = await HrScope.ResolveAsync(db, catalogue, User, HrFilter.From(Request.Form));
        if (scope is null)
        {
            return NotFound();
        }
        Scope = scope;
        if (format is null || !CompletionExport.Formats.Contains(format))
        {
            ModelState.AddModelError("format", "Välj ett format: CSV, XLSX eller JSON.");
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        Response.Headers.CacheControl = "no-store";
        Response.ContentType = CompletionExport.ContentType(format);
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = CompletionExport.FileName(scope.Agency.Code, format, now) }.ToString();
        var rows = 0;
        var finished = false;
        try
        {
            rows = await CompletionExport.WriteAsync(CompletionExport.RowsAsync(db, catalogue, scope, now, HttpContext.RequestAborted), format, Response.Body, HttpContext.RequestAborted);
            finished = true;
        }
        finally
        {
            await writes.RunAsync(db, async () =>
            {
                auditLog.AddForAgency(db, User, AuditActions.Exported, scope.Agency,
                    $"Export av genomföranden ({format}), {(finished ? rows + " rader" : "avbruten")}; filter: {scope.Filter.Describe()}.");
                await db.SaveChangesAsync(CancellationToken.None);
            }, CancellationToken.None);
        }
        return new EmptyResult();
    }
}
