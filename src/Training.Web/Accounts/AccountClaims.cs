using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Training.Web.Data;

namespace Training.Web.Accounts;

/// <summary>The claims a signed-in person carries beside Identity's own: their agency and display name.</summary>
public static class AccountClaims
{
    public const string AgencyId = "training:agency";
    public const string Name = "training:name";
    public const string MustChangePassword = "training:must_change_password";
    /// <summary>Present when the person has two-factor sign-in set up, so a request can tell without reading the database.</summary>
    public const string TwoFactor = "training:two_factor";

    public static int AgencyIdOf(this ClaimsPrincipal principal) =>
        int.Parse(principal.FindFirstValue(AgencyId) ?? throw new InvalidOperationException("Inloggad utan myndighet."), CultureInfo.InvariantCulture);

    public static string UserIdOf(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Inte inloggad.");
}

public sealed class TrainingClaimsFactory(UserManager<User> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccountClaims.AgencyId, user.AgencyId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AccountClaims.Name, user.Name));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AccountClaims.MustChangePassword, "true"));
        }
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(AccountClaims.TwoFactor, "true"));
        }
        return identity;
    }
}

/// <summary>
/// A deactivated person cannot sign in, whatever their password; the lockout does not apply in a browser that has signed
/// in to the account before (<see cref="KnownDevices"/>), and every full sign-in makes the browser known.
/// </summary>
public sealed class TrainingSignInManager(
    UserManager<User> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<User> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<User>> logger, Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation, KnownDevices devices)
    : SignInManager<User>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(User user) => user.IsActive && await base.CanSignInAsync(user);

    protected override async Task<bool> IsLockedOut(User user) => await base.IsLockedOut(user) && !devices.IsTrusted(Context, user);

    /// <summary>Whether the lockout stands in the way of this request (it does not in a known browser).</summary>
    public Task<bool> IsLockedOutHereAsync(User user) => IsLockedOut(user);

    /// <summary>A wrong password or code that Identity has already counted: counted against this browser too.</summary>
    public void NoteFailureHere(User user) => devices.RecordFailure(Context, user);

    /// <summary>A wrong password or code outside Identity's sign-in: counts toward the lockout, and against this browser.</summary>
    public async Task RecordFailureAsync(User user)
    {
        await UserManager.AccessFailedAsync(user);
        devices.RecordFailure(Context, user);
    }

    public override async Task SignInWithClaimsAsync(User user, Microsoft.AspNetCore.Authentication.AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        devices.Remember(Context, user);
    }
}
