namespace Training.Web.Tests.Pages.Modules;

/// <summary>
/// <c>/moduler/{id}/filer/…</c> (issue 13, item 5): only files inside the module, only as the types a module needs, never
/// as a page the browser would run; kept out of shared caches.
/// </summary>
public sealed class ModuleFilesTests : IAsyncLifetime
{
    private readonly TempFolder content = new TempFolder().Module("m")
        .Write("modules/m/bild.png", "png").Write("modules/m/bilaga.pdf", "%PDF-1.4").Write("modules/m/las.txt", "text")
        .Write("modules/m/sida.html", "<script>alert(1)</script>").Write("modules/m/ritning.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")
        .Write("hemligt.txt", "hemligt");

    private TrainingSite site = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        site = new TrainingSite(content.Path);
        await site.StartAsync();
        // added after start, as a change to the folder the site serves from (at start they would make the module skipped)
        var folder = Path.Combine(content.Path, "modules", "m");
        File.CreateSymbolicLink(Path.Combine(folder, "passwd.txt"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(folder, "relativ.txt"), "../../hemligt.txt");
        await site.CreateUserAsync("larande@test.test.example", "test");
        client = await site.SignInAsync("larande@test.test.example");
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        content.Dispose();
    }

    private Task<HttpResponseMessage> GetAsync(string file) => client.GetAsync(new Uri("/moduler/m/filer/" + file, UriKind.Relative));

    [Theory]
    [InlineData("passwd.txt")]
    [InlineData("relativ.txt")]
    public async Task ALinkOutOfTheModule_IsNotServed(string file)
    {
        var response = await GetAsync(file);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("hemligt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bild.png", "image/png")]
    [InlineData("bilaga.pdf", "application/pdf")]
    [InlineData("las.txt", "text/plain")]
    public async Task ImagesPdfAndText_AreShownWithTheirType_NosniffAndPrivate(string file, string type)
    {
        var response = await GetAsync(file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.Private, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.False(response.Headers.CacheControl?.Public);
    }

    [Theory]
    [InlineData("sida.html")]
    [InlineData("ritning.svg")]
    public async Task OtherFiles_AreOnlyADownload(string file)
    {
        var response = await GetAsync(file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task ModuleFiles_NeedSignIn()
    {
        var response = await site.NewClient().GetAsync(new Uri("/moduler/m/filer/bild.png", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
