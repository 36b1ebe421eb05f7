using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Account;

/// <summary>A session alone is not enough to change the password or the second factor: they ask for the password or a code.</summary>
[Collection(SiteCollection.Name)]
public class SensitiveChangesTests(SharedSite shared)
{
    private TrainingSite Site => shared.Site;

    private User Stored(User user) => Site.WithDb(db => db.Users.Single(u => u.Id == user.Id));

    private async Task<bool> HasPasswordAsync(User user, string password)
    {
        var result = false;
        await Site.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            result = await users.CheckPasswordAsync((await users.FindByIdAsync(user.Id))!, password);
        });
        return result;
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string wanted) =>
        Forms.PostAsync(client, "/konto/byt-losenord", new()
        {
            ["CurrentPassword"] = current, ["Input.Password"] = wanted, ["Input.ConfirmPassword"] = wanted,
        });

    private static Task<HttpResponseMessage> TwoFactorActionAsync(HttpClient client, string handler, string? confirmation) =>
        Forms.PostAsync(client, TwoFactorForms.SetUpPage + "?handler=" + handler,
            confirmation is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Confirmation"] = confirmation },
            formPage: TwoFactorForms.SetUpPage);

    [Fact]
    public async Task WrongCurrentPasswords_CountTowardTheLockout_AndALockedAccountCannotChangeItsPassword()
    {
        var user = await Site.CreateUserAsync("byter.losenord@polisen.se");
        var client = await Site.SignInAsync("byter.losenord@polisen.se");

        var first = await ChangePasswordAsync(client, "inte mitt lösenord 1", "ett nytt långt lösenord");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, Stored(user).AccessFailedCount);
        Assert.Contains(Site.WithDb(db => db.AuditEntries.Where(e => e.SubjectId == user.Id).Select(e => e.Action).ToList()),
            a => a == AuditActions.ReauthenticationFailed);
        for (var i = 2; i <= 5; i++)
        {
            await ChangePasswordAsync(client, "inte mitt lösenord " + i, "ett nytt långt lösenord");
        }

        var right = await ChangePasswordAsync(client, TrainingSite.Password, "ett nytt långt lösenord");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(Forms.Errors(await right.Content.ReadAsStringAsync()), e => e.StartsWith("Kontot är låst i 15 minuter", StringComparison.Ordinal));
        Assert.True(Stored(user).LockoutEnd > DateTimeOffset.UtcNow);
        Assert.True(await HasPasswordAsync(user, TrainingSite.Password));
    }

    [Fact]
    public async Task TurningTwoFactorOff_AsksForThePasswordOrACode_AndAWrongOneCounts()
    {
        var user = await Site.CreateUserAsync("av.med.kod@polisen.se");
        var setUp = await TwoFactorForms.SetUpAsync(await Site.SignInAsync("av.med.kod@polisen.se"));
        var client = await TwoFactorForms.SignInAsync(Site, "av.med.kod@polisen.se", setUp.Key);

        var without = await TwoFactorActionAsync(client, "Disable", null);
        var wrong = await TwoFactorActionAsync(client, "Disable", "inte mitt lösenord");

        Assert.Equal(HttpStatusCode.OK, without.StatusCode);
        Assert.Contains("Skriv ditt lösenord eller en kod från appen.", Forms.Errors(await without.Content.ReadAsStringAsync()));
        Assert.Contains("Lösenordet eller koden stämmer inte.", Forms.Errors(await wrong.Content.ReadAsStringAsync()));
        Assert.True(Stored(user).TwoFactorEnabled);
        Assert.Equal(1, Stored(user).AccessFailedCount);

        var withCode = await TwoFactorActionAsync(client, "Disable", Totp.Code(setUp.Key));

        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        Assert.False(Stored(user).TwoFactorEnabled);
    }

    [Fact]
    public async Task NewRecoveryCodes_AndANewKey_AskForThePassword()
    {
        var user = await Site.CreateUserAsync("koder.med.losenord@polisen.se");
        var client = await Site.SignInAsync("koder.med.losenord@polisen.se");
        var setUp = await TwoFactorForms.SetUpAsync(client);

        var codesWithout = await TwoFactorActionAsync(client, "RecoveryCodes", null);
        var keyWithout = await TwoFactorActionAsync(client, "NewKey", "");

        Assert.Empty(TwoFactorForms.RecoveryCodesOn(await codesWithout.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, keyWithout.StatusCode);
        Assert.True(Stored(user).TwoFactorEnabled);

        var codes = await TwoFactorActionAsync(client, "RecoveryCodes", TrainingSite.Password);

        Assert.Equal(10, TwoFactorForms.RecoveryCodesOn(await codes.Content.ReadAsStringAsync()).Count);
        Assert.Equal(HttpStatusCode.Redirect, (await TwoFactorActionAsync(client, "NewKey", Totp.Code(setUp.Key))).StatusCode);
        Assert.False(Stored(user).TwoFactorEnabled);
    }

    [Fact]
    public async Task ALockedAccount_CannotTurnTwoFactorOff_EvenWithTheRightPassword()
    {
        var user = await Site.CreateUserAsync("last.tvasteg@polisen.se");
        var client = await Site.SignInAsync("last.tvasteg@polisen.se");
        await TwoFactorForms.SetUpAsync(client);
        for (var i = 1; i <= 5; i++)
        {
            await TwoFactorActionAsync(client, "Disable", "gissning nummer " + i);
        }

        var right = await TwoFactorActionAsync(client, "Disable", TrainingSite.Password);

        Assert.Contains(Forms.Errors(await right.Content.ReadAsStringAsync()), e => e.StartsWith("Kontot är låst i 15 minuter", StringComparison.Ordinal));
        Assert.True(Stored(user).TwoFactorEnabled);
    }
}
