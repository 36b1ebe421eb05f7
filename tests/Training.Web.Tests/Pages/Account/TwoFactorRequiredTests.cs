using Microsoft.Extensions.DependencyInjection;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Account;

/// <summary>A site where staff must sign in in two steps (Security:RequireTwoFactorForStaff on).</summary>
public sealed class TwoFactorRequiredSite : IAsyncLifetime
{
    public TrainingSite Site { get; } = new() { RequireTwoFactorForStaff = true };

    public async Task InitializeAsync() => await Site.StartAsync();

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

public class TwoFactorRequiredTests(TwoFactorRequiredSite required) : IClassFixture<TwoFactorRequiredSite>
{
    private TrainingSite Site => required.Site;

    [Theory]
    [InlineData("/hr")]
    [InlineData("/hr/medarbetare")]
    [InlineData("/moduler")]
    [InlineData("/mina-sidor")]
    [InlineData("/")]
    [InlineData("/konto")]
    public async Task HrWithoutTwoFactor_IsSentToTheSetUpPage(string url)
    {
        var email = $"hr.utan{url.Replace('/', '.')}@polisen.se";
        await Site.CreateUserAsync(email, "polisen", Roles.Hr);
        var client = await Site.SignInAsync(email);

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(TwoFactorForms.SetUpPage, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task HrWithoutTwoFactor_ReachesTheSetUpPageAndSignOut_AndHtmxIsRedirectedThere()
    {
        await Site.CreateUserAsync("hr.htmx@polisen.se", "polisen", Roles.Hr);
        var client = await Site.SignInAsync("hr.htmx@polisen.se");
        using var htmx = new HttpRequestMessage(HttpMethod.Get, "/hr/medarbetare?sok=a");
        htmx.Headers.Add("HX-Request", "true");

        var fragment = await client.SendAsync(htmx);
        var setUp = await client.GetAsync(new Uri(TwoFactorForms.SetUpPage, UriKind.Relative));
        var signOut = await client.GetAsync(new Uri("/konto/logga-ut", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, fragment.StatusCode);
        Assert.Equal(TwoFactorForms.SetUpPage, fragment.Headers.GetValues("HX-Redirect").Single());
        Assert.Equal(HttpStatusCode.OK, setUp.StatusCode);
        Assert.Contains("kräver inloggning i två steg", await setUp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
    }

    [Fact]
    public async Task ALearner_IsNotAffected()
    {
        await Site.CreateUserAsync("larande.kravsajt@polisen.se");
        var client = await Site.SignInAsync("larande.kravsajt@polisen.se");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/mina-sidor", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/konto", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task SettingItUp_OpensTheSite_AndTheNextSignInAsksForTheCode()
    {
        var hr = await Site.CreateUserAsync("hr.installerar@polisen.se", "polisen", Roles.Hr);
        var client = await Site.SignInAsync("hr.installerar@polisen.se");
        var before = DateTime.UtcNow;

        var setUp = await TwoFactorForms.SetUpAsync(client);

        var after = DateTime.UtcNow;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/hr/medarbetare", UriKind.Relative))).StatusCode);
        var entry = Assert.Single(Site.WithDb(db => db.AuditEntries.Where(e => e.SubjectId == hr.Id && e.Action == AuditActions.TwoFactorEnabled).ToList()));
        Assert.Equal(hr.Id, entry.ActorId);
        Assert.Equal("hr.installerar@polisen.se", entry.ActorLabel);
        Assert.Equal("hr.installerar@polisen.se", entry.SubjectLabel);
        Assert.Equal(hr.AgencyId, entry.AgencyId);
        Assert.InRange(entry.At, before.AddSeconds(-1), after.AddSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, "/konto/logga-ut", [])).StatusCode);
        var next = Site.NewClient();
        var codeStep = await TwoFactorForms.PasswordStepAsync(next, "hr.installerar@polisen.se", "/hr/medarbetare");
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync(new Uri("/hr", UriKind.Relative))).StatusCode);
        var signedIn = await TwoFactorForms.CodeStepAsync(next, codeStep, Totp.Code(setUp.Key));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/hr/medarbetare", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync(new Uri("/hr/medarbetare", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task WhenRequired_StaffCannotTurnItOff_ButANewKeyMeansSettingItUpAgain()
    {
        var admin = await Site.CreateUserAsync("admin.nyckel@polisen.se", "polisen", Roles.Admin);
        var setUp = await TwoFactorForms.SetUpAsync(await Site.SignInAsync("admin.nyckel@polisen.se"));
        var client = await TwoFactorForms.SignInAsync(Site, "admin.nyckel@polisen.se", setUp.Key);
        var page = await (await client.GetAsync(new Uri(TwoFactorForms.SetUpPage, UriKind.Relative))).Content.ReadAsStringAsync();

        var disable = await client.PostAsync(new Uri(TwoFactorForms.SetUpPage + "?handler=Disable", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page) }));

        Assert.DoesNotContain("handler=Disable", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, disable.StatusCode);
        Assert.True(Site.WithDb(db => db.Users.Single(u => u.Id == admin.Id).TwoFactorEnabled));

        var newKey = await client.PostAsync(new Uri(TwoFactorForms.SetUpPage + "?handler=NewKey", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Confirmation"] = TrainingSite.Password, ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page),
            }));

        Assert.Equal(HttpStatusCode.Redirect, newKey.StatusCode);
        Assert.False(Site.WithDb(db => db.Users.Single(u => u.Id == admin.Id).TwoFactorEnabled));
        Assert.Contains(Site.WithDb(db => db.AuditEntries.Where(e => e.SubjectId == admin.Id).Select(e => e.Action).ToList()), a => a == AuditActions.TwoFactorReset);
        var moved = await client.GetAsync(new Uri("/hr", UriKind.Relative));
        Assert.Equal(TwoFactorForms.SetUpPage, moved.Headers.Location?.OriginalString);
        var again = await (await client.GetAsync(new Uri(TwoFactorForms.SetUpPage, UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.NotEqual(setUp.Key, TwoFactorForms.KeyOn(again));
    }

    [Fact]
    public async Task AnAdminWithAOneTimePassword_ChangesItFirst_ThenSetsUpTwoFactor()
    {
        var admin = await Site.CreateUserAsync("admin.engang@polisen.se", "polisen", Roles.Admin);
        await Site.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>();
            var user = (await users.FindByIdAsync(admin.Id))!;
            user.MustChangePassword = true;
            await users.UpdateAsync(user);
        });
        var client = await Site.SignInAsync("admin.engang@polisen.se");

        var first = await client.GetAsync(new Uri("/moduler", UriKind.Relative));
        var changePage = await client.GetAsync(new Uri("/konto/byt-losenord", UriKind.Relative));
        var changed = await Forms.PostAsync(client, "/konto/byt-losenord", new()
        {
            ["CurrentPassword"] = TrainingSite.Password, ["Input.Password"] = "ett eget nytt lösenord", ["Input.ConfirmPassword"] = "ett eget nytt lösenord",
        });
        var then = await client.GetAsync(new Uri("/moduler", UriKind.Relative));

        Assert.Equal("/konto/byt-losenord", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, changePage.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(TwoFactorForms.SetUpPage, then.Headers.Location?.OriginalString);
    }
}
