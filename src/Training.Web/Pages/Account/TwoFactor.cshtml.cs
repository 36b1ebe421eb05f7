using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Pages.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app: set up (shared key, QR code, a code to confirm), then recovery codes
/// shown once. Staff who must use it can get new recovery codes or a new key, but not turn it off. New recovery codes,
/// a new key and turning it off each ask for the password or a current code first (a session alone is not enough), and
/// a wrong one counts toward the lockout.
/// </summary>
public class TwoFactorModel(
    UserManager<User> users, TrainingSignInManager signIn, TrainingDbContext db, AuditLog auditLog, TwoFactorRequirement requirement,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The password or a current code from the app, typed again for a change to the second factor.</summary>
    [BindProperty]
    public string? Confirmation { get; set; }

    /// <summary>The handler whose confirmation was refused, and why: the page shows the message beside that form.</summary>
    public (string Handler, string Message)? ConfirmationError { get; private set; }

    public bool Enabled { get; private set; }

    public bool Required => requirement.AppliesTo(User);

    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public QrPicture Qr { get; private set; } = new(0, "");

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Set only in the response that created them: they are never shown again.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? meddelande)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Message = meddelande switch
        {
            "avstangd" => t["Tvåstegsverifieringen är avstängd."].Value,
            "ny-nyckel" => t["Den gamla nyckeln gäller inte längre. Lägg till kontot i appen på nytt med koden nedan."].Value,
            _ => Required && !User.HasClaim(AccountClaims.TwoFactor, "true")
                ? t["Ditt konto har behörigheter som kräver inloggning i två steg. Ställ in det innan du fortsätter."].Value
                : null,
        };
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }
        var code = Authenticator.NormalizedCode(Code);
        if (code is null)
        {
            ModelState.AddModelError(nameof(Code), string.IsNullOrWhiteSpace(Code)
                ? t["Skriv koden från appen."]
                : t["Koden är sex siffror. Skriv den som appen visar den."]);
        }
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), t["Koden stämmer inte. Kontrollera att du lagt till rätt konto i appen och skriv koden som visas just nu."]);
        }
        if (ModelState.ErrorCount > 0)
        {
            await LoadAsync(user);
            return Page();
        }
        auditLog.Add(db, User, AuditActions.TwoFactorEnabled, user, "Inloggning i två steg med autentiseringsapp påslagen.");
        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, Authenticator.RecoveryCodeCount) ?? []];
        // The new session carries the two-factor claim, so a required set-up no longer stands in the way.
        await signIn.RefreshSignInAsync(user);
        Message = t["Tvåstegsverifieringen är påslagen. Nästa gång du loggar in frågar vi efter en kod från appen."];
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }
        if (await RefuseUnconfirmedAsync(user, "RecoveryCodes") is { } refused)
        {
            return refused;
        }
        auditLog.Add(db, User, AuditActions.TwoFactorReset, user, "Nya återställningskoder; de tidigare gäller inte längre.");
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, Authenticator.RecoveryCodeCount) ?? []];
        Message = t["Här är dina nya återställningskoder. De tidigare gäller inte längre."];
        await LoadAsync(user);
        return Page();
    }

    /// <summary>A new key (a new phone, or the old key may be known): off until the app is set up again with it.</summary>
    public async Task<IActionResult> OnPostNewKeyAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (await RefuseUnconfirmedAsync(user, "NewKey") is { } refused)
        {
            return refused;
        }
        await TurnOffAsync(user, "Ny nyckel för autentiseringsappen; inloggning i två steg är av tills den ställts in igen.");
        return RedirectToPage(new { meddelande = "ny-nyckel" });
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (Required)
        {
            return Forbid();
        }
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (await RefuseUnconfirmedAsync(user, "Disable") is { } refused)
        {
            return refused;
        }
        await TurnOffAsync(user, "Inloggning i två steg avstängd.");
        return RedirectToPage(new { meddelande = "avstangd" });
    }

    /// <summary>
    /// Null when <see cref="Confirmation"/> holds the person's password or a current code from their app; otherwise the
    /// page again with the reason beside the form of <paramref name="handler"/>. A wrong one counts toward the lockout,
    /// and a locked account changes nothing.
    /// </summary>
    private async Task<IActionResult?> RefuseUnconfirmedAsync(User user, string handler)
    {
        string message;
        if (string.IsNullOrWhiteSpace(Confirmation))
        {
            message = t["Skriv ditt lösenord eller en kod från appen."];
        }
        else if (await signIn.IsLockedOutHereAsync(user))
        {
            message = t["Kontot är låst i 15 minuter efter för många felaktiga försök. Vänta och försök igen, eller återställ lösenordet."];
        }
        else if (await IsPasswordOrCurrentCodeAsync(user, Confirmation))
        {
            return null;
        }
        else
        {
            await signIn.RecordFailureAsync(user);
            var lockedNow = await signIn.IsLockedOutHereAsync(user);
            await auditLog.RecordReauthenticationFailureAsync(db, User, user, "Fel lösenord eller kod vid ändring av tvåstegsverifieringen.", lockedNow);
            message = lockedNow
                ? t["Kontot är låst i 15 minuter efter för många felaktiga försök. Vänta och försök igen, eller återställ lösenordet."]
                : t["Lösenordet eller koden stämmer inte."];
        }
        ConfirmationError = (handler, message);
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Six digits are a code (a password has at least twelve characters), anything else the password.</summary>
    private async Task<bool> IsPasswordOrCurrentCodeAsync(User user, string typed) =>
        Authenticator.NormalizedCode(typed) is { } code && await users.GetTwoFactorEnabledAsync(user)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            : await users.CheckPasswordAsync(user, typed);

    private async Task TurnOffAsync(User user, string details)
    {
        auditLog.Add(db, User, AuditActions.TwoFactorReset, user, details);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
    }

    private async Task LoadAsync(User user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // The reset rotates the security stamp; without a fresh cookie this session would end at its next check.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = Authenticator.Grouped(key);
        AuthenticatorUri = Authenticator.Uri(user.Email ?? user.UserName ?? "", key);
        Qr = Authenticator.Qr(AuthenticatorUri);
    }
}
