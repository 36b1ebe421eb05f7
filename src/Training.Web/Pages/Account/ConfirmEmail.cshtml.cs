using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

[AllowAnonymous]
public class ConfirmEmailModel(UserManager<User> users) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "anvandare")] string? userId, [FromQuery(Name = "kod")] string? code)
    {
        if (userId is not null && code is not null && await users.FindByIdAsync(userId) is { } user
            && (await users.ConfirmEmailAsync(user, code)).Succeeded)
        {
            return LocalRedirect("/konto/logga-in?meddelande=bekraftad");
        }
        return Page();
    }
}
