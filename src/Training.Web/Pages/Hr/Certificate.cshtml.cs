using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Certificates;
using Training.Web.Data;
using Training.Web.Infrastructure;

namespace Training.Web.Pages.Hr;

/// <summary>
/// An employee's certificate as a PDF, for HR of their agency and admins; anyone outside the viewer's boundary, or a
/// completion that is not theirs, is not found (404). Fetching someone else's certificate is audited.
/// </summary>
public class CertificateModel(TrainingDbContext db, EmailSender links, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string id, long completionId)
    {
        var person = await db.Users.AsNoTracking().VisibleTo(User).FirstOrDefaultAsync(u => u.Id == id);
        if (person is null || await CertificateRecords.FindAsync(db, links, person.Id, completionId) is not { } certificate)
        {
            return NotFound();
        }
        if (person.Id != User.UserIdOf())
        {
            var facts = certificate.Facts;
            audit.Add(db, User, AuditActions.CertificateDownloaded, person,
                $"Intyg för {facts.ModuleTitle} version {facts.Version}, genomförd {SwedishTime.Date(facts.CompletedAt)} (genomförande {completionId})");
            await db.SaveChangesAsync();
        }
        return certificate.File();
    }
}
