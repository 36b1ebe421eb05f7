using System.Buffers.Binary;

namespace Training.Web.Tests.Pages.Account;

[Collection(SiteCollection.Name)]
public class SignInSecurityTests(SharedSite shared)
{
    private TrainingSite Site => shared.Site;

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        Forms.PostAsync(client, "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task TheFifthWrongPassword_LocksTheAccount_AndThenEvenTheRightOneIsRefused_WithTheSameMessage()
    {
        var user = await Site.CreateUserAsync("spaerras@polisen.se");
        var client = Site.NewClient();
        for (var i = 1; i <= 5; i++)
        {
            var html = await (await SignInAsync(client, "spaerras@polisen.se", "fel lösenord nummer " + i)).Content.ReadAsStringAsync();
            Assert.Equal([SignInEnumerationTests.Refusal], Forms.Errors(html));
        }

        var right = await SignInAsync(client, "spaerras@polisen.se", TrainingSite.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal([SignInEnumerationTests.Refusal], Forms.Errors(await right.Content.ReadAsStringAsync()));
        Assert.True(Site.WithDb(db => db.Users.Single(u => u.Id == user.Id).LockoutEnd) > DateTimeOffset.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task AnotherClientsWrongPasswords_DoNotLockOutABrowserThatSignedInBefore()
    {
        await Site.CreateUserAsync("kollega@polisen.se");
        var own = await Site.SignInAsync("kollega@polisen.se");
        await Forms.PostAsync(own, "/konto/logga-ut", []);
        var someoneElse = Site.NewClient();
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync(someoneElse, "kollega@polisen.se", "gissat lösenord " + i);
        }

        var elsewhere = await SignInAsync(Site.NewClient(), "kollega@polisen.se", TrainingSite.Password);
        var atHome = await SignInAsync(own, "kollega@polisen.se", TrainingSite.Password);

        Assert.Equal([SignInEnumerationTests.Refusal], Forms.Errors(await elsewhere.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, atHome.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(new Uri("/moduler", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ABrowserThatSignedInBefore_IsLockedToo_AfterFiveWrongPasswordsOfItsOwn()
    {
        await Site.CreateUserAsync("egen.enhet@polisen.se");
        var own = await Site.SignInAsync("egen.enhet@polisen.se");
        await Forms.PostAsync(own, "/konto/logga-ut", []);
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync(own, "egen.enhet@polisen.se", "gissat lösenord " + i);
        }

        var right = await SignInAsync(own, "egen.enhet@polisen.se", TrainingSite.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal([SignInEnumerationTests.Refusal], Forms.Errors(await right.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ABrowserKnownForOneAccount_IsUnknownForAnother()
    {
        await Site.CreateUserAsync("forsta.konto@polisen.se");
        await Site.CreateUserAsync("andra.konto@polisen.se");
        var client = await Site.SignInAsync("forsta.konto@polisen.se");
        await Forms.PostAsync(client, "/konto/logga-ut", []);
        var attacker = Site.NewClient();
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync(attacker, "andra.konto@polisen.se", "gissat lösenord " + i);
        }

        var other = await SignInAsync(client, "andra.konto@polisen.se", TrainingSite.Password);

        Assert.Equal([SignInEnumerationTests.Refusal], Forms.Errors(await other.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AResetPassword_EndsTheLockout()
    {
        await Site.CreateUserAsync("last.aterstalld@polisen.se");
        var attacker = Site.NewClient();
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync(attacker, "last.aterstalld@polisen.se", "gissat lösenord " + i);
        }

        await Forms.PostAsync(Site.NewClient(), "/konto/glomt-losenord", new() { ["Input.Email"] = "last.aterstalld@polisen.se" });
        var link = TrainingSite.LinkIn(Assert.Single(Site.Mails(), m => m.Contains("To: last.aterstalld@polisen.se", StringComparison.Ordinal)));
        var reset = await Forms.PostAsync(Site.NewClient(), "/konto/aterstall-losenord" + link[link.IndexOf('?', StringComparison.Ordinal)..],
            new() { ["Input.Password"] = "ett nytt lösenord efter låset", ["Input.ConfirmPassword"] = "ett nytt lösenord efter låset" });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await Site.SignInAsync("last.aterstalld@polisen.se", "ett nytt lösenord efter låset");
    }

    [Fact]
    public async Task ForgottenPassword_ForAnUnconfirmedRegistration_SendsTheConfirmationLinkAgain()
    {
        const string email = "bekraftar.sent@polisen.se";
        await Forms.PostAsync(Site.NewClient(), "/konto/registrera",
            new() { ["Input.Email"] = email, ["Input.Password"] = "min långa fras här", ["Input.ConfirmPassword"] = "min långa fras här" });
        Assert.Single(Site.Mails(), m => m.Contains("To: " + email, StringComparison.Ordinal));

        var asked = await Forms.PostAsync(Site.NewClient(), "/konto/glomt-losenord", new() { ["Input.Email"] = email });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var again = Site.Mails().Where(m => m.Contains("To: " + email, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, again.Count);
        var confirm = await Site.NewClient().GetAsync(new Uri(TrainingSite.LinkIn(again[1]), UriKind.Relative));
        Assert.Equal("/konto/logga-in?meddelande=bekraftad", confirm.Headers.Location?.OriginalString);
        await Site.SignInAsync(email, "min långa fras här");
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
