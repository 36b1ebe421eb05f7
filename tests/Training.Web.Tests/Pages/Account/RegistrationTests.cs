using Microsoft.EntityFrameworkCore;

namespace Training.Web.Tests.Pages.Account;

[Collection(SiteCollection.Name)]
public class RegistrationTests(SharedSite shared)
{
    private TrainingSite Site => shared.Site;

    private async Task<(HttpResponseMessage Response, string Html)> RegisterAsync(string email, string password)
    {
        var response = await Forms.PostAsync(Site.NewClient(), "/konto/registrera",
            new() { ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });
        return (response, await response.Content.ReadAsStringAsync());
    }

    private int UsersWith(string email) => Site.WithDb(db => db.Users.Count(u => u.Email == email));

    [Fact]
    public async Task AnAddressOutsideTheAgencyDomains_IsRefusedInSwedish_AndNothingIsStored()
    {
        var (response, html) = await RegisterAsync("anna@gmail.com", "en lång och bra lösenfras");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Registrering är bara öppen för jobbadresser", string.Join(" ", Forms.Errors(html)), StringComparison.Ordinal);
        Assert.Equal(0, UsersWith("anna@gmail.com"));
        Assert.DoesNotContain(Site.Mails(), m => m.Contains("anna@gmail.com", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("kort123")]
    [InlineData("elva tecken")]
    public async Task PasswordsShorterThanTwelve_AreRefused(string password)
    {
        var email = $"kort.{password.Length}@polisen.se";

        var (response, html) = await RegisterAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("minst 12 tecken", string.Join(" ", Forms.Errors(html)), StringComparison.Ordinal);
        Assert.Equal(0, UsersWith(email));
    }

    [Fact]
    public async Task ACommonPassword_IsRefused()
    {
        var (_, html) = await RegisterAsync("vanlig@polisen.se", "Password1234");

        Assert.Contains("för vanligt", string.Join(" ", Forms.Errors(html)), StringComparison.Ordinal);
        Assert.Equal(0, UsersWith("vanlig@polisen.se"));
    }

    [Fact]
    public async Task APasswordOver128Characters_IsRefused()
    {
        var (_, html) = await RegisterAsync("langt@polisen.se", new string('x', 60) + new string('y', 69));

        Assert.Contains("högst 128 tecken", string.Join(" ", Forms.Errors(html)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tolv tecken!", "tolv@polisen.se")]
    [InlineData(null, "etthundratjugoatta@aklagare.se")]
    public async Task TwelveLowercaseCharacters_And128Characters_AreAccepted_AndTheAgencyFollowsTheDomain(string? password, string email)
    {
        password ??= string.Concat(Enumerable.Repeat("en mening ", 13))[..128];

        var (response, _) = await RegisterAsync(email, password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var user = Site.WithDb(db => db.Users.Include(u => u.Agency).Single(u => u.Email == email));
        Assert.Equal(email.EndsWith("aklagare.se", StringComparison.Ordinal) ? "aklagare" : "polisen", user.Agency.Code);
        Assert.False(user.EmailConfirmed);
    }

    [Fact]
    public async Task NewAccount_SignsInOnlyAfterTheLinkInTheEmailIsOpened()
    {
        const string email = "ny.person@polisen.se";
        const string password = "min egen långa fras";
        await RegisterAsync(email, password);
        var signInBefore = await Forms.PostAsync(Site.NewClient(), "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, signInBefore.StatusCode);

        var mail = Assert.Single(Site.Mails(), m => m.Contains("To: " + email, StringComparison.Ordinal));
        var confirm = await Site.NewClient().GetAsync(new Uri(TrainingSite.LinkIn(mail), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/konto/logga-in?meddelande=bekraftad", confirm.Headers.Location?.OriginalString);
        var client = await Site.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RegisteringAnExistingAddress_LooksTheSame_ButSendsAHintInsteadOfANewAccount()
    {
        await Site.CreateUserAsync("finns.redan@polisen.se");

        var (response, _) = await RegisterAsync("finns.redan@polisen.se", "en annan lång fras");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, UsersWith("finns.redan@polisen.se"));
        Assert.Contains(Site.Mails(), m => m.Contains("To: finns.redan@polisen.se", StringComparison.Ordinal) && m.Contains("redan ett konto", StringComparison.Ordinal));
    }
}
