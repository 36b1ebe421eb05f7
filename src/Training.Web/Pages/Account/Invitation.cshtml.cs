using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

/// <summary>
/// An imported person's invitation link (<see cref="InvitationTokenProvider"/>): they choose their password, and opening
/// the link they were mailed confirms their address. Setting the password changes the security stamp, so the link works once.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.SignInRate)]
public class InvitationModel(UserManager<User> users) : PageModel
{
    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "anvandare")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "kod")]
    public string? Code { get; set; }

    /// <summary>Shown beside the password fields, so a password manager saves the password for the right account.</summary>
    public string? Email { get; private set; }

    public bool LinkWorks { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await InvitedAsync();
        LinkWorks = user is not null;
        Email = user?.Email;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await InvitedAsync();
        if (user is null)
        {
            return Page();
        }
        LinkWorks = true;
        Email = user.Email;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        user.EmailConfirmed = true;
        var result = await users.AddPasswordAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            IdentityErrors.AddTo(ModelState, result);
            return Page();
        }
        return LocalRedirect("/konto/logga-in?meddelande=konto-klart");
    }

    /// <summary>The person the link is for, while it is valid and they have no password yet.</summary>
    private async Task<User?> InvitedAsync()
    {
        if (UserId is null || Code is null || await users.FindByIdAsync(UserId) is not { } user || !Invitations.Awaits(user))
        {
            return null;
        }
        return await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, Code) ? user : null;
    }
}
