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

/// <summary>The second sign-in step with one of the recovery codes instead of the app; each code works once.</summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.SignInRate)]
public class LoginRecoveryCodeModel(
    TrainingSignInManager signIn, TrainingDbContext db, AuditLog auditLog, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv en av dina återställningskoder.")]
        public string RecoveryCode { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? LocalRedirect(LoginCodeModel.WithReturnUrl("/konto/logga-in", ReturnUrl))
            : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return LocalRedirect("/konto/logga-in?meddelande=kod-utgangen" + (ReturnUrl is null ? "" : "&returnUrl=" + Uri.EscapeDataString(ReturnUrl)));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Identity's recovery-code sign-in checks neither lockout nor whether the account may sign in, and counts
        // no failure; without these a locked account could go on guessing here.
        if (await signIn.IsLockedOutHereAsync(user))
        {
            await auditLog.RecordRefusalAsync(db, user, AuditActions.TwoFactorFailed, "", wasLockedOut: true, isLockedOut: true);
            return Refuse(null, t["Kontot är låst i 15 minuter efter för många felaktiga försök. Vänta och försök igen, eller återställ lösenordet."]);
        }
        if (!await signIn.CanSignInAsync(user))
        {
            await auditLog.RecordRefusalAsync(db, user, AuditActions.SignInFailed, SignInAudit.NotAllowedBecause(user), wasLockedOut: false, isLockedOut: false);
            return Refuse(null, t["Det går inte att logga in med kontot. Har du bekräftat din e-postadress? Kontakta annars din HR-avdelning."]);
        }
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Authenticator.NormalizedRecoveryCode(Input.RecoveryCode));
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl ?? "/");
        }
        await signIn.RecordFailureAsync(user);
        var lockedNow = await signIn.IsLockedOutHereAsync(user);
        await auditLog.RecordRefusalAsync(db, user, AuditActions.TwoFactorFailed, "Fel återställningskod.", wasLockedOut: false, lockedNow);
        return lockedNow
            ? Refuse(null, t["Kontot är låst i 15 minuter efter för många felaktiga försök. Vänta och försök igen, eller återställ lösenordet."])
            : Refuse(nameof(InputModel.RecoveryCode), t["Koden stämmer inte, eller så har den redan använts. Varje återställningskod fungerar en gång."]);
    }

    private PageResult Refuse(string? field, string message)
    {
        ModelState.AddModelError(field is null ? string.Empty : $"{nameof(Input)}.{field}", message);
        return Page();
    }
}
