namespace Training.Web.Tests.Pages.Account;

/// <summary>The registration form names everything that is wrong in one answer, not one mistake per try.</summary>
[Collection(SiteCollection.Name)]
public class RegistrationErrorsTests(SharedSite shared)
{
    private async Task<IReadOnlyList<string>> ErrorsAfterRegisteringAsync(string email, string password, string confirm)
    {
        var response = await Forms.PostAsync(shared.Site.NewClient(), "/konto/registrera",
            new() { ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = confirm });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Forms.Errors(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABadDomain_AndATooShortPassword_AreBothShown()
    {
        var errors = string.Join(" | ", await ErrorsAfterRegisteringAsync("anna@gmail.com", "kort123", "kort123"));

        Assert.Contains("Registrering är bara öppen för jobbadresser", errors, StringComparison.Ordinal);
        Assert.Contains("minst 12 tecken", errors, StringComparison.Ordinal);
        Assert.Equal(0, shared.Site.WithDb(db => db.Users.Count(u => u.Email == "anna@gmail.com")));
    }

    [Fact]
    public async Task AnInvalidAddress_ACommonPassword_AndADifferentRepetition_AreAllShown()
    {
        var errors = string.Join(" | ", await ErrorsAfterRegisteringAsync("inte-en-adress", "Password1234", "Password12345"));

        Assert.Contains("Skriv en giltig e-postadress.", errors, StringComparison.Ordinal);
        Assert.Contains("för vanligt", errors, StringComparison.Ordinal);
        Assert.Contains("Lösenorden är inte lika.", errors, StringComparison.Ordinal);
    }
}
