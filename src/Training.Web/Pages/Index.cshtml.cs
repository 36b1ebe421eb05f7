using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Pages;

public class IndexModel(ContentCatalogue catalogue, TrainingDbContext db, Progress progress, TimeProvider clock) : PageModel
{
    /// <summary>For a signed-in learner with unfinished work: where it is.</summary>
    public ResumePoint? Resume { get; private set; }

    public async Task OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            Resume = await ResumePoint.FindAsync(db, catalogue, progress, User.UserIdOf(), clock.GetUtcNow().UtcDateTime);
        }
    }
}
