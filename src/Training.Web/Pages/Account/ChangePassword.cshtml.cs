using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

/// <summary>
/// Changing the password ends every other session of the person and starts a fresh one here. A wrong current password
/// counts toward the lockout as at sign-in, so a session alone cannot guess it, and a locked account cannot change it.
/// </summary>
public class ChangePasswordModel(
    UserManager<User> users, TrainingSignInManager signIn, TrainingDbContext db, DbTicketStore sessions, AuditLog auditLog,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    [BindProperty]
    [Required(ErrorMessage = "Skriv ditt nuvarande lösenord.")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";

    public bool MustChange => User.HasClaim(AccountClaims.MustChangePassword, "true");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (await signIn.IsLockedOutHereAsync(user))
        {
            ModelState.AddModelError(string.Empty, t["Kontot är låst i 15 minuter efter för många felaktiga försök. Vänta och försök igen, eller återställ lösenordet."]);
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, CurrentPassword, Input.Password);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            await signIn.RecordFailureAsync(user);
            var lockedNow = await signIn.IsLockedOutHereAsync(user);
            await auditLog.RecordReauthenticationFailureAsync(db, User, user, "Fel nuvarande lösenord vid byte av lösenord.", lockedNow);
            if (lockedNow)
            {
                ModelState.AddModelError(string.Empty, t["Kontot är låst i 15 minuter efter för många felaktiga försök. Vänta och försök igen, eller återställ lösenordet."]);
                return Page();
            }
        }
        if (!result.Succeeded)
        {
            IdentityErrors.AddTo(ModelState, result, wrongPasswordField: nameof(CurrentPassword));
            return Page();
        }
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }
        await sessions.RemoveAllAsync(db, user.Id);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/konto?meddelande=losenord-bytt");
    }
}
