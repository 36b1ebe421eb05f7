using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Account;

/// <summary>Two-factor sign-in on the shared site, where it is not required: anyone may turn it on and off.</summary>
[Collection(SiteCollection.Name)]
public class TwoFactorSignInTests(SharedSite shared)
{
    private TrainingSite Site => shared.Site;

    private List<AuditEntry> AuditOf(User user) => Site.WithDb(db => db.AuditEntries.Where(e => e.SubjectId == user.Id).OrderBy(e => e.Id).ToList());

    private User Stored(User user) => Site.WithDb(db => db.Users.Single(u => u.Id == user.Id));

    [Fact]
    public async Task WhenNotRequired_HrWithoutTwoFactor_ReachesEverything()
    {
        await Site.CreateUserAsync("hr.frivillig@polisen.se", "polisen", Roles.Hr);
        var client = await Site.SignInAsync("hr.frivillig@polisen.se");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/hr", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/hr/medarbetare", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TheAccountPage_ShowsTheStatus_AndLinksToTheSetUp()
    {
        await Site.CreateUserAsync("status@polisen.se");
        var client = await Site.SignInAsync("status@polisen.se");

        var before = await (await client.GetAsync(new Uri("/konto", UriKind.Relative))).Content.ReadAsStringAsync();
        await TwoFactorForms.SetUpAsync(client);
        var after = await (await client.GetAsync(new Uri("/konto", UriKind.Relative))).Content.ReadAsStringAsync();

        Assert.Contains("<dt>Tvåstegsverifiering</dt><dd>Av</dd>", before, StringComparison.Ordinal);
        Assert.Contains("<dt>Tvåstegsverifiering</dt><dd>På</dd>", after, StringComparison.Ordinal);
        Assert.Contains($"href=\"{TwoFactorForms.SetUpPage}\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSetUpPage_ShowsTheKeyInGroups_AQrCodeWithoutStyle_AndTheAddressAsText()
    {
        await Site.CreateUserAsync("qr@polisen.se");
        var client = await Site.SignInAsync("qr@polisen.se");

        var html = await (await client.GetAsync(new Uri(TwoFactorForms.SetUpPage, UriKind.Relative))).Content.ReadAsStringAsync();

        var key = TwoFactorForms.KeyOn(html);
        Assert.Matches("<code id=\"delad-nyckel\">([A-Z2-7]{4} )+[A-Z2-7]{1,4}</code>", html);
        Assert.Contains($"otpauth://totp/Training:qr%40polisen.se?secret={key}&amp;issuer=Training", html, StringComparison.Ordinal);
        var svg = System.Text.RegularExpressions.Regex.Match(html, "<svg class=\"qr-code\".*?</svg>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Matches("<path d=\"(M\\d+ \\d+h\\d+v1h-\\d+z)+\" fill=\"#000\"", svg);
        Assert.DoesNotContain("style", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("role=\"img\" aria-label=\"QR-kod för autentiseringsappen\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongCodeWhileSettingUp_IsRefused_AndLeavesItOff()
    {
        var user = await Site.CreateUserAsync("felkod.installation@polisen.se");
        var client = await Site.SignInAsync("felkod.installation@polisen.se");
        var html = await (await client.GetAsync(new Uri(TwoFactorForms.SetUpPage, UriKind.Relative))).Content.ReadAsStringAsync();

        var response = await client.PostAsync(new Uri(TwoFactorForms.SetUpPage + "?handler=Enable", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = Totp.WrongCode(TwoFactorForms.KeyOn(html)),
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(html),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Forms.Errors(await response.Content.ReadAsStringAsync()), e => e.StartsWith("Koden stämmer inte.", StringComparison.Ordinal));
        Assert.False(Stored(user).TwoFactorEnabled);
    }

    [Fact]
    public async Task AValidCode_SignsIn_AndAStrangeReturnUrlIsIgnored()
    {
        await Site.CreateUserAsync("kod.ok@polisen.se");
        var setUp = await TwoFactorForms.SetUpAsync(await Site.SignInAsync("kod.ok@polisen.se"));
        var client = Site.NewClient();

        var codeStep = await TwoFactorForms.PasswordStepAsync(client, "kod.ok@polisen.se", "https://angripare.example/");
        var page = await client.GetAsync(new Uri(codeStep, UriKind.Relative));
        var signedIn = await TwoFactorForms.CodeStepAsync(client, codeStep, Totp.Code(setUp.Key));

        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("inputmode=\"numeric\"", html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"one-time-code\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("angripare", codeStep, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/mina-sidor", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ThePasswordAlone_DoesNotSignIn()
    {
        await Site.CreateUserAsync("bara.losenord@polisen.se");
        await TwoFactorForms.SetUpAsync(await Site.SignInAsync("bara.losenord@polisen.se"));
        var client = Site.NewClient();

        await TwoFactorForms.PasswordStepAsync(client, "bara.losenord@polisen.se");
        var modules = await client.GetAsync(new Uri("/moduler", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, modules.StatusCode);
        Assert.StartsWith("/konto/logga-in", modules.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCodeStep_WithoutThePasswordStep_LeadsToSignIn()
    {
        var response = await Site.NewClient().GetAsync(new Uri("/konto/logga-in/kod?returnUrl=%2Fmoduler", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/konto/logga-in?returnUrl=%2Fmoduler", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AWrongCode_IsRefused_CountsAsAFailure_AndTheFifthLocksTheAccount()
    {
        var user = await Site.CreateUserAsync("kod.fel@polisen.se");
        var setUp = await TwoFactorForms.SetUpAsync(await Site.SignInAsync("kod.fel@polisen.se"));
        var client = Site.NewClient();
        var codeStep = await TwoFactorForms.PasswordStepAsync(client, "kod.fel@polisen.se");
        var before = DateTime.UtcNow;

        var first = await TwoFactorForms.CodeStepAsync(client, codeStep, Totp.WrongCode(setUp.Key));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Koden stämmer inte. Skriv koden som appen visar just nu.", Forms.Errors(await first.Content.ReadAsStringAsync()));
        Assert.Equal(1, Stored(user).AccessFailedCount);
        var failed = Assert.Single(AuditOf(user), e => e.Action == AuditActions.TwoFactorFailed);
        Assert.Null(failed.ActorId);
        Assert.Equal("kod.fel@polisen.se", failed.SubjectLabel);
        Assert.Equal(user.AgencyId, failed.AgencyId);
        Assert.InRange(failed.At, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));

        HttpResponseMessage last = first;
        for (var i = 2; i <= 5; i++)
        {
            last = await TwoFactorForms.CodeStepAsync(client, codeStep, Totp.WrongCode(setUp.Key));
        }
        var rightButLocked = await TwoFactorForms.CodeStepAsync(client, codeStep, Totp.Code(setUp.Key));

        Assert.Contains(Forms.Errors(await last.Content.ReadAsStringAsync()), e => e.StartsWith("Kontot är låst i 15 minuter", StringComparison.Ordinal));
        Assert.True(Stored(user).LockoutEnd > DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, rightButLocked.StatusCode);
        Assert.Contains(Forms.Errors(await rightButLocked.Content.ReadAsStringAsync()), e => e.StartsWith("Kontot är låst", StringComparison.Ordinal));
        var actions = AuditOf(user).Select(e => e.Action).ToList();
        Assert.Equal(5, actions.Count(a => a == AuditActions.TwoFactorFailed));
        Assert.Equal(2, actions.Count(a => a == AuditActions.LockedOut)); // the fifth wrong code, then the attempt while locked
    }

    [Fact]
    public async Task ARecoveryCode_SignsInOnce()
    {
        var user = await Site.CreateUserAsync("reserv@polisen.se");
        var setUp = await TwoFactorForms.SetUpAsync(await Site.SignInAsync("reserv@polisen.se"));
        var code = setUp.RecoveryCodes[3];

        var first = Site.NewClient();
        var codeStep = await TwoFactorForms.PasswordStepAsync(first, "reserv@polisen.se", "/mina-sidor");
        var recoveryStep = codeStep.Replace("/konto/logga-in/kod", "/konto/logga-in/aterstallningskod", StringComparison.Ordinal);
        Assert.Contains(recoveryStep.Replace("&", "&amp;", StringComparison.Ordinal), await (await first.GetAsync(new Uri(codeStep, UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // typed the way people type: lower case, without the dash
        var used = await Forms.PostAsync(first, recoveryStep, new() { ["Input.RecoveryCode"] = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/mina-sidor", used.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(new Uri("/mina-sidor", UriKind.Relative))).StatusCode);

        var second = Site.NewClient();
        var again = await Forms.PostAsync(second, "/konto/logga-in/aterstallningskod", new() { ["Input.RecoveryCode"] = code },
            formPage: (await TwoFactorForms.PasswordStepAsync(second, "reserv@polisen.se")).Replace("/kod", "/aterstallningskod", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(Forms.Errors(await again.Content.ReadAsStringAsync()), e => e.StartsWith("Koden stämmer inte, eller så har den redan använts.", StringComparison.Ordinal));
        Assert.Equal(1, Stored(user).AccessFailedCount);
        Assert.Contains(AuditOf(user), e => e.Action == AuditActions.TwoFactorFailed && e.Details == "Fel återställningskod.");
        var another = await Forms.PostAsync(second, "/konto/logga-in/aterstallningskod", new() { ["Input.RecoveryCode"] = setUp.RecoveryCodes[4] });
        Assert.Equal(HttpStatusCode.Redirect, another.StatusCode);
        Assert.Equal(0, Stored(user).AccessFailedCount);
    }

    [Fact]
    public async Task AnyoneMayTurnItOff_WhenItIsNotRequired()
    {
        var user = await Site.CreateUserAsync("stanger.av@polisen.se");
        var setUp = await TwoFactorForms.SetUpAsync(await Site.SignInAsync("stanger.av@polisen.se"));
        var client = await TwoFactorForms.SignInAsync(Site, "stanger.av@polisen.se", setUp.Key);

        var off = await Forms.PostAsync(client, TwoFactorForms.SetUpPage + "?handler=Disable",
            new Dictionary<string, string> { ["Confirmation"] = TrainingSite.Password }, formPage: TwoFactorForms.SetUpPage);

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(Stored(user).TwoFactorEnabled);
        var reset = Assert.Single(AuditOf(user), e => e.Action == AuditActions.TwoFactorReset);
        Assert.Equal(user.Id, reset.ActorId);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler", UriKind.Relative))).StatusCode);
        await Site.SignInAsync("stanger.av@polisen.se"); // the password alone signs in again
    }

    [Fact]
    public async Task NewRecoveryCodes_ReplaceTheOldOnes()
    {
        var user = await Site.CreateUserAsync("nya.koder@polisen.se");
        var client = await Site.SignInAsync("nya.koder@polisen.se");
        var setUp = await TwoFactorForms.SetUpAsync(client);

        var renewed = await Forms.PostAsync(client, TwoFactorForms.SetUpPage + "?handler=RecoveryCodes",
            new Dictionary<string, string> { ["Confirmation"] = TrainingSite.Password }, formPage: TwoFactorForms.SetUpPage);

        var codes = TwoFactorForms.RecoveryCodesOn(await renewed.Content.ReadAsStringAsync());
        Assert.Equal(10, codes.Count);
        Assert.Empty(codes.Intersect(setUp.RecoveryCodes));
        Assert.Contains(AuditOf(user), e => e.Action == AuditActions.TwoFactorReset && e.ActorId == user.Id);
        var later = Site.NewClient();
        var recoveryStep = (await TwoFactorForms.PasswordStepAsync(later, "nya.koder@polisen.se")).Replace("/kod", "/aterstallningskod", StringComparison.Ordinal);
        var old = await Forms.PostAsync(later, recoveryStep, new() { ["Input.RecoveryCode"] = setUp.RecoveryCodes[0] });
        var fresh = await Forms.PostAsync(later, recoveryStep, new() { ["Input.RecoveryCode"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }
}
