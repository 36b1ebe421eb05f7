using System.Text.RegularExpressions;

namespace Training.Web.Tests.Pages;

/// <summary>The language link returns to the page the person was on, and on an error page that is the address that failed.</summary>
[Collection(SiteCollection.Name)]
public partial class LanguageSwitchTests(SharedSite shared)
{
    [GeneratedRegex("<a href=\"(/sprak\\?[^\"]+)\"")]
    private static partial Regex LanguageLink();

    private static string LinkIn(string html) => WebUtility.HtmlDecode(LanguageLink().Match(html).Groups[1].Value);

    [Fact]
    public async Task OnANotFoundPage_SwitchingLanguage_ReturnsToTheMissingAddress_NotToTheErrorPage()
    {
        await shared.Site.CreateUserAsync("sprakbyte@polisen.se");
        var client = await shared.Site.SignInAsync("sprakbyte@polisen.se"); // its own: the switch leaves an English cookie behind
        var missing = await client.GetAsync(new Uri("/moduler/finns-inte/7?x=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var link = LinkIn(await missing.Content.ReadAsStringAsync());

        var switched = await client.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/moduler/finns-inte/7?x=1", switched.Headers.Location?.OriginalString);
        var again = await client.GetAsync(switched.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("Page not found", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnAForbiddenPage_SwitchingLanguage_ReturnsToThatPage()
    {
        var html = await shared.Client.GetAsync(new Uri("/admin/logg", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, html.StatusCode);

        var link = LinkIn(await html.Content.ReadAsStringAsync());

        Assert.Equal("/sprak?kultur=en&tillbaka=%2Fadmin%2Flogg", link);
    }

    [Fact]
    public async Task OnAnOrdinaryPage_TheLinkReturnsToThatPageWithItsQuery()
    {
        var html = await shared.Client.GetStringAsync(new Uri("/moduler?x=1", UriKind.Relative));

        Assert.Equal("/sprak?kultur=en&tillbaka=%2Fmoduler%3Fx%3D1", LinkIn(html));
    }
}
