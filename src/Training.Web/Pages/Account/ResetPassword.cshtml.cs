using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(Policies.SignInRate)]
public class ResetPasswordModel(UserManager<User> users, TrainingDbContext db, DbTicketStore sessions) : PageModel
{
    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "anvandare")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "kod")]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var result = user is null || Code is null ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken()) : await users.ResetPasswordAsync(user, Code, Input.Password);
        if (!result.Succeeded)
        {
            IdentityErrors.AddTo(ModelState, result);
            return Page();
        }
        // whoever reads the person's mail could reset anyway: a lockout that outlived the reset would only keep them out
        await users.SetLockoutEndDateAsync(user!, null);
        await users.ResetAccessFailedCountAsync(user!);
        await sessions.RemoveAllAsync(db, user!.Id);
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }
        return LocalRedirect("/konto/logga-in?meddelande=losenord-bytt");
    }
}
