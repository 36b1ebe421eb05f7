using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Data;
using Training.Web.Privacy;

namespace Training.Web.Pages.MyPages;

/// <summary>The learner downloads everything held about them (<see cref="PersonalData"/>); each download is audited.</summary>
public class MyDataModel(TrainingDbContext db, AuditLog auditLog, TimeProvider clock) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var userId = User.UserIdOf();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Users.FindAsync([userId], HttpContext.RequestAborted) is not { } person)
        {
            return NotFound();
        }
        // The entry is written first, so the download itself is in the file.
        auditLog.Add(db, User, AuditActions.DataDownloaded, person, "Hämtade alla sina uppgifter som JSON.");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var json = await PersonalData.ExportAsync(db, userId, now, HttpContext.RequestAborted);
        return File(json!, "application/json", string.Create(CultureInfo.InvariantCulture, $"mina-uppgifter-{now:yyyy-MM-dd}.json"));
    }
}
