using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Core.Agencies;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

/// <summary>
/// Registration with a work address only: the agency follows from the address's domain. The answer is the same
/// whether or not the address already has an account (that person gets an e-mail saying so instead).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.SignInRate)]
public class RegisterModel(
    TrainingDbContext db, UserManager<User> users, EmailSender email, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public sealed class InputModel : NewPasswordInput
    {
        [Required(ErrorMessage = "Skriv din e-postadress.")]
        [EmailAddress(ErrorMessage = "Skriv en giltig e-postadress.")]
        [StringLength(254, ErrorMessage = "E-postadressen är för lång.")]
        public string Email { get; set; } = "";
    }

    public void OnGet(bool skickat) => Sent = skickat;

    /// <summary>Every check runs before the answer, so the form shows all that is wrong at once (address, domain and password).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var address = Input.Email?.Trim() ?? "";
        int? agencyId = null;
        if (ModelState.GetFieldValidationState("Input.Email") == ModelValidationState.Valid)
        {
            var domain = EmailDomains.DomainOf(address);
            agencyId = domain is null ? null
                : await db.AgencyDomains.Where(d => d.Domain == domain).Select(d => (int?)d.AgencyId).FirstOrDefaultAsync();
            if (agencyId is null)
            {
                ModelState.AddModelError("Input.Email",
                    t["Registrering är bara öppen för jobbadresser hos anslutna myndigheter och organisationer, till exempel namn@polisen.se. Kontakta din HR-avdelning om din organisation saknas."]);
            }
        }
        var user = new User
        {
            UserName = address,
            Email = address,
            Name = NameFromAddress(address),
            AgencyId = agencyId ?? 0,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (!string.IsNullOrEmpty(Input.Password))
        {
            foreach (var validator in users.PasswordValidators)
            {
                IdentityErrors.AddTo(ModelState, await validator.ValidateAsync(users, user, Input.Password));
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(address) is { } existing)
        {
            // a new account's password is hashed; spend that time here too, so the answer's timing does not tell
            _ = users.PasswordHasher.HashPassword(existing, Input.Password);
            await email.SendAsync(existing.Email!, t["Du har redan ett konto på Training"],
                t["Någon, troligen du, försökte skapa ett konto på Training med den här adressen. Du har redan ett konto. Har du glömt lösenordet kan du återställa det här: {0}", email.Link("/konto/glomt-losenord")]);
            return RedirectToPage(new { skickat = true });
        }
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            return Refuse(created);
        }
        await users.AddToRoleAsync(user, Roles.Learner);
        await SendConfirmationAsync(users, email, t, user);
        return RedirectToPage(new { skickat = true });
    }

    /// <summary>The link that confirms a registered address (sent again from the forgotten-password page while unconfirmed).</summary>
    internal static async Task SendConfirmationAsync(UserManager<User> users, EmailSender email, IStringLocalizer t, User user)
    {
        var code = await users.GenerateEmailConfirmationTokenAsync(user);
        await email.SendAsync(user.Email!, t["Bekräfta din e-postadress för Training"],
            t["Välkommen till Training! Bekräfta din e-postadress genom att öppna länken nedan. Länken gäller i två timmar.\n\n{0}\n\nHar du inte skapat något konto kan du bortse från mejlet.",
              email.Link($"/konto/bekrafta?anvandare={user.Id}&kod={Uri.EscapeDataString(code)}")]);
    }

    /// <summary>"anna.k.svensson@…" → "Anna K Svensson": a first name to greet with until HR's import brings the real one.</summary>
    internal static string NameFromAddress(string address)
    {
        var local = address.Split('@')[0];
        var words = local.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.All(char.IsDigit))
            .Select(w => char.ToUpper(w[0], CultureInfo.GetCultureInfo("sv-SE")) + w[1..].ToLower(CultureInfo.GetCultureInfo("sv-SE")));
        var name = string.Join(' ', words);
        return name.Length > 0 ? name : local;
    }

    private PageResult Refuse(IdentityResult result)
    {
        IdentityErrors.AddTo(ModelState, result);
        return Page();
    }
}
