using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

/// <summary>
/// Sends a reset link when the address has an active account (a new invitation, or the confirmation link again, while
/// the address is unconfirmed); the answer never says whether it has.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.SignInRate)]
public class ForgotPasswordModel(UserManager<User> users, EmailSender email, TrainingDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv din e-postadress.")]
        [EmailAddress(ErrorMessage = "Skriv en giltig e-postadress.")]
        public string Email { get; set; } = "";
    }

    public void OnGet(bool skickat) => Sent = skickat;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var found = await users.FindByEmailAsync(Input.Email.Trim());
        if (found is { IsActive: true, EmailConfirmed: true } user)
        {
            var code = await users.GeneratePasswordResetTokenAsync(user);
            await email.SendAsync(user.Email!, t["Välj ett nytt lösenord för Training"],
                t["Öppna länken nedan för att välja ett nytt lösenord. Länken gäller i två timmar.\n\n{0}\n\nHar du inte bett om det kan du bortse från mejlet; ditt lösenord är oförändrat.",
                  email.Link($"/konto/aterstall-losenord?anvandare={user.Id}&kod={Uri.EscapeDataString(code)}")]);
        }
        else if (found is { } invited && Invitations.Awaits(invited))
        {
            // imported, and the invitation was lost or ran out: a new one, since a reset alone would not confirm the address
            var agency = await db.Agencies.Where(a => a.Id == invited.AgencyId).Select(a => a.Name).FirstAsync();
            var mail = await Invitations.ComposeAsync(users, email, t, invited, agency);
            await email.SendAsync(mail.To, mail.Subject, mail.Text);
        }
        else if (found is { IsActive: true, EmailConfirmed: false } registered)
        {
            // registered but the link was lost or ran out: a reset would not confirm the address either
            await RegisterModel.SendConfirmationAsync(users, email, t, registered);
        }
        return RedirectToPage(new { skickat = true });
    }
}
