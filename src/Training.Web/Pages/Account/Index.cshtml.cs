using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

public class IndexModel(TrainingDbContext db, UserManager<User> users, IStringLocalizer<SharedResource> t) : PageModel
{
    public User Me { get; private set; } = null!;

    public IReadOnlyList<string> RoleNames { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? meddelande)
    {
        var id = User.UserIdOf();
        var me = await db.Users.AsNoTracking().Include(u => u.Agency).Include(u => u.Unit).Include(u => u.JobRole).FirstOrDefaultAsync(u => u.Id == id);
        if (me is null)
        {
            return Challenge();
        }
        Me = me;
        RoleNames = (await users.GetRolesAsync(me)).Select(r => t[Policies.RoleName(r)].Value).ToList();
        Message = meddelande == "losenord-bytt" ? t["Lösenordet är bytt. Dina andra inloggningar har avslutats."].Value : null;
        return Page();
    }
}
