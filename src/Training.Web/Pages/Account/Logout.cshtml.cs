using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

[AllowAnonymous]
public class LogoutModel(SignInManager<User> signIn, UserManager<User> users) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>Ends this session on the server and rotates the security stamp, so no copy of the cookie works any more.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/konto/logga-ut");
    }
}
