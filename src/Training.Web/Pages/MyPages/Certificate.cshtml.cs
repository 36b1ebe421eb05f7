using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Web.Accounts;
using Training.Web.Certificates;
using Training.Web.Data;

namespace Training.Web.Pages.MyPages;

/// <summary>The learner's own certificate as a PDF; another person's completion is simply not found.</summary>
public class CertificateModel(TrainingDbContext db, EmailSender links) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long completionId) =>
        await CertificateRecords.FindAsync(db, links, User.UserIdOf(), completionId) is { } certificate ? certificate.File() : NotFound();
}
