using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

/// <summary>Changing the password ends every other session of the person and starts a fresh one here.</summary>
public class ChangePasswordModel(UserManager<User> users, SignInManager<User> signIn, TrainingDbContext db, DbTicketStore sessions) : PageModel
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
        var result = await users.ChangePasswordAsync(user, CurrentPassword, Input.Password);
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
