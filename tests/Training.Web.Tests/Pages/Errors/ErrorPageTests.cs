namespace Training.Web.Tests.Pages.Errors;

/// <summary>/fel/{code}: the friendly page answers only with real error statuses, whatever a URL or a form says.</summary>
[Collection(SiteCollection.Name)]
public class ErrorPageTests(SharedSite shared)
{
    [Theory]
    [InlineData("/fel/-1")]
    [InlineData("/fel/0")]
    [InlineData("/fel/101")]
    [InlineData("/fel/200")]
    [InlineData("/fel/302")]
    [InlineData("/fel/399")]
    [InlineData("/fel/600")]
    [InlineData("/fel/2147483647")]
    [InlineData("/fel/abc")]
    [InlineData("/fel")]
    [InlineData("/fel?code=200")]
    [InlineData("/fel/404?code=200")]
    public async Task AStatusThatIsNoError_IsNotFound(string url)
    {
        var response = await shared.Client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Sidan finns inte", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/fel/400", 400, "Felaktig begäran")]
    [InlineData("/fel/403", 403, "Du saknar behörighet")]
    [InlineData("/fel/404", 404, "Sidan finns inte")]
    [InlineData("/fel/429", 429, "För många försök")]
    [InlineData("/fel/500", 500, "Något gick fel")]
    [InlineData("/fel/503", 503, "Något gick fel")]
    [InlineData("/fel/599", 599, "Något gick fel")]
    public async Task ARealErrorStatus_IsShownWithItsStatus(string url, int status, string heading)
    {
        var response = await shared.Anonymous.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(heading, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("200")]
    [InlineData("500")]
    [InlineData("-1")]
    public async Task ARefusedForm_WithAFieldNamedCode_KeepsItsOwnStatus(string code)
    {
        var client = shared.Site.NewClient();
        await client.GetAsync(new Uri("/konto/logga-in", UriKind.Relative)); // the antiforgery cookie, but no token sent

        var response = await client.PostAsync(new Uri("/konto/logga-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "vem@polisen.se", ["Input.Password"] = "vad som helst", ["code"] = code,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Felaktig begäran", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
