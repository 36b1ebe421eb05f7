namespace Training.Web.Tests.Pages.Modules;

[Collection(SiteCollection.Name)]
public class ReadingPagesTests(SharedSite shared)
{
    private HttpClient Client => shared.Client;

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string url)
    {
        var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Catalogue_ListsTracksWithTheirModules()
    {
        var (status, html) = await GetAsync("/moduler");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Grundkurs", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/moduler/vad-ar-manniskohandel\"", html, StringComparison.Ordinal);
        Assert.Contains("Version 1.", html, StringComparison.Ordinal);
        Assert.Contains("Cirka ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalogue_ListsGrundkursBeforeFordjupning()
    {
        var (_, html) = await GetAsync("/moduler");

        var grund = html.IndexOf("<h2 id=\"spar-grundkurs\">Grundkurs</h2>", StringComparison.Ordinal);
        var djup = html.IndexOf("<h2 id=\"spar-fordjupning\">Fördjupning</h2>", StringComparison.Ordinal);
        Assert.True(grund >= 0 && djup > grund, $"Grundkurs på {grund}, Fördjupning på {djup}");
    }

    [Fact]
    public async Task Overview_ListsTheSectionsAndSources()
    {
        var (status, html) = await GetAsync("/moduler/vad-ar-manniskohandel");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"/moduler/vad-ar-manniskohandel/1\"", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Källor</h2>", html, StringComparison.Ordinal);
        Assert.Contains("SFS 2018:601", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section_ShowsProgressAndBothNeighbours()
    {
        var (status, html) = await GetAsync("/moduler/vad-ar-manniskohandel/2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(@"Avsnitt 2 av \d", html);
        Assert.Contains("href=\"/moduler/vad-ar-manniskohandel/1\" rel=\"prev\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/moduler/vad-ar-manniskohandel/3\" rel=\"next\"", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1"));
    }

    [Fact]
    public async Task GradedQuestions_AreNeverInTheSectionPages()
    {
        for (var n = 1; ; n++)
        {
            var (status, html) = await GetAsync($"/moduler/vad-ar-manniskohandel/{n}");
            if (status == HttpStatusCode.NotFound)
            {
                Assert.True(n > 3);
                break;
            }
            Assert.DoesNotContain("[id:", html, StringComparison.Ordinal);
            Assert.DoesNotContain("```gift", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/moduler/finns-inte")]
    [InlineData("/moduler/vad-ar-manniskohandel/99")]
    [InlineData("/moduler/vad-ar-manniskohandel/0")]
    [InlineData("/moduler/finns-inte/1")]
    [InlineData("/moduler/vad-ar-manniskohandel/filer/saknas.png")]
    [InlineData("/moduler/vad-ar-manniskohandel/filer/index.md")]
    [InlineData("/moduler/vad-ar-manniskohandel/filer/..%2F..%2Fmodules%2Fsamverkan%2Findex.md")]
    [InlineData("/sida-som-inte-finns")]
    public async Task UnknownThings_GiveTheFriendlySwedish404(string url)
    {
        var (status, html) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("<h1>Sidan finns inte</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModuleImage_IsServedWithItsType()
    {
        var response = await Client.GetAsync(new Uri("/moduler/vad-ar-manniskohandel/filer/handling-medel-syfte.png", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/moduler")]
    [InlineData("/moduler/vad-ar-manniskohandel")]
    [InlineData("/moduler/vad-ar-manniskohandel/1")]
    [InlineData("/moduler/finns-inte")]
    [InlineData("/css/site.css")]
    [InlineData("/moduler/vad-ar-manniskohandel/filer/handling-medel-syfte.png")]
    [InlineData("/health")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string url)
    {
        var response = await Client.GetAsync(new Uri(url, UriKind.Relative));

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Single(response.Headers.GetValues("Referrer-Policy"));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptOrStyle()
    {
        var (_, html) = await GetAsync("/moduler/vad-ar-manniskohandel/1");

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_CanBeSwitchedToEnglish_FromTheLinkInTheHeader()
    {
        using var client = await shared.Site.SignInAsync("larande@polisen.se"); // its own cookies
        var page = await client.GetStringAsync(new Uri("/moduler", UriKind.Relative));
        var link = System.Text.RegularExpressions.Regex.Match(page, "<a href=\"(/sprak[^\"]+)\" lang=\"en\"").Groups[1].Value;

        var response = await client.GetAsync(new Uri(WebUtility.HtmlDecode(link), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/moduler", response.Headers.Location?.OriginalString);
        var html = await client.GetStringAsync(new Uri("/moduler", UriKind.Relative));
        Assert.Contains("<h1>Modules</h1>", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains(">Svenska</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/")]
    [InlineData("//example.com/")]
    [InlineData("/\\example.com")]
    public async Task Language_NeverRedirectsOffTheSite(string target)
    {
        var response = await Client.GetAsync(new Uri($"/sprak?kultur=sv-SE&tillbaka={Uri.EscapeDataString(target)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/moduler", false)]
    [InlineData("/moduler/vad-ar-manniskohandel", false)]
    [InlineData("/moduler/vad-ar-manniskohandel/2", true)]
    public async Task OnlyPagesThatPost_CarryAnAntiforgeryToken(string url, bool posts)
    {
        var (_, html) = await GetAsync(url);

        Assert.Equal(posts, html.Contains("request-verification-token", StringComparison.Ordinal));
    }
}
