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

/// <summary>The second sign-in step: the code from the authenticator app, after the password was right.</summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.SignInRate)]
public class LoginCodeModel(
    TrainingSignInManager signIn, TrainingDbContext db, AuditLog auditLog, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string Path = "/konto/logga-in/kod";

    public static string PathFor(string? localReturnUrl) => WithReturnUrl(Path, localReturnUrl);

    public static string WithReturnUrl(string path, string? localReturnUrl) =>
        localReturnUrl is null ? path : path + "?returnUrl=" + Uri.EscapeDataString(localReturnUrl);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv koden från appen.")]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? LocalRedirect(WithReturnUrl("/konto/logga-in", ReturnUrl))
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
        if (Authenticator.NormalizedCode(Input.Code) is not { } code)
        {
            return Refuse(nameof(InputModel.Code), t["Koden är sex siffror. Skriv den som appen visar den."]);
        }
        var lockedHere = await signIn.IsLockedOutHereAsync(user);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl ?? "/");
        }
        if (result.IsNotAllowed)
        {
            await auditLog.RecordRefusalAsync(db, user, AuditActions.SignInFailed, SignInAudit.NotAllowedBecause(user), lockedHere, isLockedOut: false);
            return Refuse(null, t["Det går inte att logga in med kontot. Har du bekräftat din e-postadress? Kontakta annars din HR-avdelning."]);
        }
        if (!lockedHere)
        {
            signIn.NoteFailureHere(user); // a wrong code: Identity has counted it toward the account
        }
        var lockedNow = await signIn.IsLockedOutHereAsync(user);
        await auditLog.RecordRefusalAsync(db, user, AuditActions.TwoFactorFailed, "Fel kod från autentiseringsappen.", lockedHere, lockedNow);
        if (lockedNow)
        {
            return Refuse(null, t["Kontot är låst i 15 minuter efter för många felaktiga försök. Vänta och försök igen, eller återställ lösenordet."]);
        }
        return Refuse(nameof(InputModel.Code), t["Koden stämmer inte. Skriv koden som appen visar just nu."]);
    }

    private PageResult Refuse(string? field, string message)
    {
        ModelState.AddModelError(field is null ? string.Empty : $"{nameof(Input)}.{field}", message);
        return Page();
    }
}
