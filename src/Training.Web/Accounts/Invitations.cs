using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Training.Web.Data;

namespace Training.Web.Accounts;

/// <summary>
/// The invitation an imported person gets: a link to choose their password. The token is a data-protection token like a
/// password reset's, but of its own purpose and valid for <see cref="Lifespan"/> (two hours is too short for an invitation
/// read after a weekend). It carries the security stamp, so it stops working once the password is set or the address
/// changes. Opening it and choosing a password is what confirms the address: until then the account cannot sign in.
/// </summary>
public sealed class InvitationTokenProvider(
    IDataProtectionProvider protection, IOptions<InvitationTokenOptions> options, ILogger<DataProtectorTokenProvider<User>> logger)
    : DataProtectorTokenProvider<User>(protection, options, logger)
{
    public const string ProviderName = "invitation";
    public const string Purpose = "choose-password";
    public static readonly TimeSpan Lifespan = TimeSpan.FromDays(14);
}

public sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenOptions()
    {
        Name = InvitationTokenProvider.ProviderName;
        TokenLifespan = InvitationTokenProvider.Lifespan;
    }
}

public static class Invitations
{
    /// <summary>Marks, in Identity's token table, that a person was sent an invitation, so a second import sends none.</summary>
    public const string MarkerProvider = "training";

    public const string MarkerName = "invitation-sent";

    /// <summary>Whether a person still needs an invitation: active, no password and an address nobody has confirmed.</summary>
    public static bool Awaits(User user) => user.IsActive && user.PasswordHash is null && !user.EmailConfirmed;

    public static IdentityUserToken<string> Marker(User user, DateTime sentAtUtc) => new()
    {
        UserId = user.Id,
        LoginProvider = MarkerProvider,
        Name = MarkerName,
        Value = sentAtUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<OutgoingMail> ComposeAsync(UserManager<User> users, EmailSender email, IStringLocalizer<SharedResource> t, User user, string agencyName)
    {
        var code = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var link = email.Link($"/konto/inbjudan?anvandare={user.Id}&kod={Uri.EscapeDataString(code)}");
        return new OutgoingMail(user.Email!, t["Välkommen till Training – välj ditt lösenord"],
            t["Hej {0}!\n\n{1} har lagt upp ett konto åt dig på Training, där du går utbildningar om människohandel och människoexploatering. Öppna länken nedan och välj ditt lösenord. Länken gäller i 14 dagar.\n\n{2}\n\nSedan loggar du in med din e-postadress, {3}. Har länken hunnit gå ut kan du be om en ny på sidan Glömt lösenord.",
              user.Name, agencyName, link, user.Email!]);
    }
}
