using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(Policies.SignInRate)]
public class LoginModel(
    SignInManager<User> signIn, UserManager<User> users, TrainingDbContext db, AuditLog auditLog, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Checked against when the address is unknown, so a wrong address takes as long as a wrong password.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<User>(
        Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }))
        .HashPassword(new User { Name = "" }, Guid.NewGuid().ToString()));

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public string? Message { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv din e-postadress.")]
        [EmailAddress(ErrorMessage = "Skriv en giltig e-postadress.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Skriv ditt lösenord.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public void OnGet(string? returnUrl, string? meddelande)
    {
        ReturnUrl = returnUrl;
        Message = meddelande switch
        {
            "losenord-bytt" => t["Lösenordet är bytt. Logga in med det nya."].Value,
            "bekraftad" => t["Din e-postadress är bekräftad. Logga in."].Value,
            "konto-klart" => t["Ditt lösenord är sparat. Logga in med din e-postadress och det nya lösenordet."].Value,
            "kod-utgangen" => t["Det tog för lång tid att skriva koden. Logga in igen."].Value,
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new User { Name = "" }, DecoyHash.Value, Input.Password);
            await auditLog.RecordUnknownAddressAsync(db, Input.Email);
            return Refuse(t["Fel e-postadress eller lösenord."]);
        }
        var wasLockedOut = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }
        if (result.RequiresTwoFactor)
        {
            return LocalRedirect(LoginCodeModel.PathFor(Url.IsLocalUrl(returnUrl) ? returnUrl : null));
        }
        await auditLog.RecordRefusalAsync(db, user, AuditActions.SignInFailed,
            result.IsNotAllowed ? SignInAudit.NotAllowed : "Fel lösenord.",
            wasLockedOut, result.IsLockedOut);
        if (result.IsLockedOut)
        {
            return Refuse(t["Kontot är låst i 15 minuter efter för många felaktiga försök. Vänta och försök igen, eller återställ lösenordet."]);
        }
        if (result.IsNotAllowed)
        {
            return Refuse(t["Det går inte att logga in med kontot. Har du bekräftat din e-postadress? Kontakta annars din HR-avdelning."]);
        }
        return Refuse(t["Fel e-postadress eller lösenord."]);
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.Password = "";
        return Page();
    }
}
