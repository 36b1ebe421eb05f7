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
    TrainingSignInManager signIn, UserManager<User> users, TrainingDbContext db, AuditLog auditLog, IStringLocalizer<SharedResource> t) : PageModel
{
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
            users.VerifyAnyway(null, Input.Password);
            await auditLog.RecordUnknownAddressAsync(db, Input.Email);
            return Refuse();
        }
        var accountWasLocked = await users.IsLockedOutAsync(user);
        if (user.PasswordHash is null || !await signIn.CanSignInAsync(user) || await signIn.IsLockedOutHereAsync(user))
        {
            // Identity would answer these without a hash; check the password anyway so the time is the same.
            users.VerifyAnyway(user, Input.Password);
            await auditLog.RecordRefusalAsync(db, user, AuditActions.SignInFailed, SignInAudit.NotAllowedBecause(user),
                wasLockedOut: accountWasLocked, isLockedOut: accountWasLocked && await signIn.CanSignInAsync(user));
            return Refuse();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }
        if (result.RequiresTwoFactor)
        {
            return LocalRedirect(LoginCodeModel.PathFor(Url.IsLocalUrl(returnUrl) ? returnUrl : null));
        }
        signIn.NoteFailureHere(user);
        await auditLog.RecordRefusalAsync(db, user, AuditActions.SignInFailed, "Fel lösenord.",
            wasLockedOut: false, isLockedOut: !accountWasLocked && await users.IsLockedOutAsync(user));
        return Refuse();
    }

    /// <summary>
    /// Every refused password step gets this one answer, with the same status and a password hash's time, whether the
    /// address is unknown, the password wrong, or the account locked, deactivated or not yet confirmed: the answer must
    /// not tell which addresses have an account. The audit log keeps which it was.
    /// </summary>
    private PageResult Refuse()
    {
        ModelState.AddModelError(string.Empty,
            t["Det gick inte att logga in. Kontrollera e-postadressen och lösenordet. Efter fem felaktiga försök spärras inloggningen i 15 minuter, utom i webbläsare där du har loggat in tidigare. Har du glömt lösenordet eller inte bekräftat din e-postadress? Be om en ny länk under Glömt lösenordet."]);
        Input.Password = "";
        return Page();
    }
}
