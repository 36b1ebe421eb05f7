using System.Security.Claims;
using System.Text;
using Training.Web.Data;
using Training.Web.Infrastructure;

namespace Training.Web.Accounts;

/// <summary>
/// Whether staff (hr and admin) must sign in with a code from an authenticator app:
/// <c>Security:RequireTwoFactorForStaff</c>, on by default outside Development.
/// </summary>
public sealed record TwoFactorRequirement(bool ForStaff)
{
    public const string Setting = "Security:RequireTwoFactorForStaff";

    public const string SetUpPath = "/konto/tvastegsverifiering";

    public bool AppliesTo(ClaimsPrincipal user) => ForStaff && (user.IsInRole(Roles.Hr) || user.IsInRole(Roles.Admin));

    /// <summary>Signed in with staff rights but without two-factor sign-in set up (read from the session's claims).</summary>
    public bool IsMissingFor(ClaimsPrincipal user) => AppliesTo(user) && !user.HasClaim(AccountClaims.TwoFactor, "true");
}

/// <summary>What is shown and typed when an authenticator app is set up and used.</summary>
public static class Authenticator
{
    public const string Issuer = "Training";
    public const int RecoveryCodeCount = 10;

    /// <summary>The shared key in groups of four, easier to type into an app by hand.</summary>
    public static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4))));

    /// <summary>The otpauth:// address an app reads from the QR code (Key Uri Format: TOTP, SHA-1, 6 digits, 30 s).</summary>
    public static string Uri(string email, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(email)}" +
        $"?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>A code as typed ("123 456", "123-456") as its six digits, or null when it is not six digits.</summary>
    public static string? NormalizedCode(string? typed)
    {
        var digits = new string((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>A recovery code as Identity stores it ("ABCDE-FGHJK") whether typed in lower case, with spaces or without the dash.</summary>
    public static string NormalizedRecoveryCode(string? typed)
    {
        var code = new string((typed ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return code.Length == 10 && !code.Contains('-', StringComparison.Ordinal) ? code[..5] + "-" + code[5..] : code;
    }

    /// <summary>
    /// The QR code of <paramref name="text"/> as one SVG path of its dark modules (quiet zone included in
    /// <see cref="QrPicture.Size"/>), so the page can draw it with attributes only: the CSP allows no inline style.
    /// </summary>
    public static QrPicture Qr(string text)
    {
        var code = QrCode.Of(text);
        var path = new StringBuilder();
        foreach (var (y, x, run) in code.Runs)
        {
            path.Append(System.Globalization.CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
        }
        return new QrPicture(code.Size, path.ToString());
    }
}

/// <param name="Size">Modules on each side, quiet zone included (the SVG's viewBox).</param>
/// <param name="Path">The SVG path data of the dark modules, one unit per module.</param>
public sealed record QrPicture(int Size, string Path);
