using System.Buffers.Binary;

namespace Training.Web.Tests.Pages.Account;

[Collection(SiteCollection.Name)]
public class SignInSecurityTests(SharedSite shared)
{
    private TrainingSite Site => shared.Site;

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        Forms.PostAsync(client, "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task TheFifthWrongPassword_LocksTheAccount_AndThenEvenTheRightOneIsRefused()
    {
        await Site.CreateUserAsync("spaerras@polisen.se");
        var client = Site.NewClient();
        for (var i = 1; i <= 4; i++)
        {
            var html = await (await SignInAsync(client, "spaerras@polisen.se", "fel lösenord nummer " + i)).Content.ReadAsStringAsync();
            Assert.Contains("Fel e-postadress eller lösenord.", Forms.Errors(html));
        }

        var fifth = await (await SignInAsync(client, "spaerras@polisen.se", "fel lösenord nummer 5")).Content.ReadAsStringAsync();
        var right = await SignInAsync(client, "spaerras@polisen.se", TrainingSite.Password);

        Assert.Contains(Forms.Errors(fifth), e => e.StartsWith("Kontot är låst i 15 minuter", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(Forms.Errors(await right.Content.ReadAsStringAsync()), e => e.StartsWith("Kontot är låst", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownAddress_GetsTheSameAnswerAsAWrongPassword()
    {
        var html = await (await SignInAsync(Site.NewClient(), "ingen.alls@polisen.se", "vad som helst här")).Content.ReadAsStringAsync();

        Assert.Contains("Fel e-postadress eller lösenord.", Forms.Errors(html));
    }

    [Fact]
    public async Task StoredHashes_UsePbkdf2WithAtLeast210000Iterations()
    {
        var user = await Site.CreateUserAsync("hash@polisen.se");

        var bytes = Convert.FromBase64String(Site.WithDb(db => db.Users.Single(u => u.Id == user.Id).PasswordHash!));

        Assert.Equal(0x01, bytes[0]); // Identity v3: PBKDF2
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)) >= 210_000);
    }

    [Fact]
    public async Task TheSessionCookie_IsHttpOnlySecureLax_AndEndsWithTheBrowser()
    {
        await Site.CreateUserAsync("kaka@polisen.se");

        var response = await SignInAsync(Site.NewClient(), "kaka@polisen.se", TrainingSite.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("training.session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("max-age", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterSignOut_AReplayedCookie_IsRefused()
    {
        await Site.CreateUserAsync("ut@polisen.se");
        var client = Site.NewClient();
        var signIn = await SignInAsync(client, "ut@polisen.se", TrainingSite.Password);
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("training.session=", StringComparison.Ordinal)).Split(';')[0];
        Assert.Equal(HttpStatusCode.OK, (await Replay(session)).StatusCode);

        var signOut = await Forms.PostAsync(client, "/konto/logga-ut", []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var replayed = await Replay(session);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Contains("/konto/logga-in", replayed.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> Replay(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/moduler");
        request.Headers.Add("Cookie", cookie);
        return await Site.NewClient().SendAsync(request);
    }

    [Fact]
    public async Task AnonymousVisitors_AreSentToSignIn_ButTheStartPageAndHealthAreOpen()
    {
        var client = Site.NewClient();

        var catalogue = await client.GetAsync(new Uri("/moduler", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, catalogue.StatusCode);
        Assert.Contains("/konto/logga-in", catalogue.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ForgottenPassword_SendsALink_ThatSetsANewPassword_AndEndsOldSessions()
    {
        await Site.CreateUserAsync("glomsk@polisen.se");
        var oldSession = await Site.SignInAsync("glomsk@polisen.se");

        var asked = await Forms.PostAsync(Site.NewClient(), "/konto/glomt-losenord", new() { ["Input.Email"] = "glomsk@polisen.se" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var link = TrainingSite.LinkIn(Assert.Single(Site.Mails(), m => m.Contains("To: glomsk@polisen.se", StringComparison.Ordinal)));
        var reset = await Forms.PostAsync(Site.NewClient(), "/konto/aterstall-losenord" + link[link.IndexOf('?', StringComparison.Ordinal)..],
            new() { ["Input.Password"] = "ett helt nytt lösenord", ["Input.ConfirmPassword"] = "ett helt nytt lösenord" });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await Site.SignInAsync("glomsk@polisen.se", "ett helt nytt lösenord");
        Assert.Equal(HttpStatusCode.Redirect, (await oldSession.GetAsync(new Uri("/moduler", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ForgottenPassword_ForAnUnknownAddress_AnswersTheSame_AndSendsNothing()
    {
        var asked = await Forms.PostAsync(Site.NewClient(), "/konto/glomt-losenord", new() { ["Input.Email"] = "okand.person@polisen.se" });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.DoesNotContain(Site.Mails(), m => m.Contains("okand.person@polisen.se", StringComparison.Ordinal));
    }
}
