using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Authoring;

/// <summary>Issue 16: trainers write, preview and publish modules in the browser; learners never see a draft.</summary>
public sealed class AuthoringTests : IAsyncLifetime
{
    private readonly TempFolder content = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero));
    private TrainingSite site = null!;
    private HttpClient trainer = null!;
    private HttpClient learner = null!;
    private HttpClient hr = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(content.Path, "modules"));
        site = new TrainingSite(content.Path) { Clock = clock };
        await site.StartAsync();
        await site.CreateUserAsync("utbildare@polisen.test.example", "polisen", Roles.Trainer);
        await site.CreateUserAsync("deltagare@polisen.test.example", "polisen");
        await site.CreateUserAsync("hr@polisen.test.example", "polisen", Roles.Hr);
        trainer = await site.SignInAsync("utbildare@polisen.test.example");
        learner = await site.SignInAsync("deltagare@polisen.test.example");
        hr = await site.SignInAsync("hr@polisen.test.example");
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        content.Dispose();
    }

    private static string Module(string body) =>
        $"---\nid: ny-modul\ntitle: Ny modul\nversion: \"1.0\"\nsummary: Skriven i webbläsaren.\n---\nInledning.\n\n## Det enda avsnittet\n\n{body}\n";

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync();
    }

    private int Revision() => site.WithDb(db => db.ModuleDrafts.Where(d => d.ModuleId == "ny-modul").Select(d => d.Revision).SingleOrDefault());

    /// <summary>Moves the clock on and signs both in again (a session lasts hours, not days).</summary>
    private async Task AdvanceAsync(int days)
    {
        clock.Advance(TimeSpan.FromDays(days));
        trainer = await site.SignInAsync("utbildare@polisen.test.example");
        learner = await site.SignInAsync("deltagare@polisen.test.example");
    }

    private async Task SaveAsync(string text)
    {
        var saved = await Forms.PostAsync(trainer, "/redigera/ny-modul?handler=Save", new() { ["Text"] = text, ["Revision"] = $"{Revision()}" }, "/redigera/ny-modul");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private async Task<HttpResponseMessage> PublishAsync(string kind, string note, bool confirmed = false) =>
        await Forms.PostAsync(trainer, "/redigera/ny-modul?handler=Publish", new()
        {
            ["kind"] = kind, ["note"] = note, ["Revision"] = $"{Revision()}", ["confirmed"] = confirmed ? "true" : "false",
        }, "/redigera/ny-modul");

    private async Task CreateAsync()
    {
        var created = await Forms.PostAsync(trainer, "/redigera", new() { ["Input.Id"] = "ny-modul", ["Input.Title"] = "Ny modul" });
        Assert.Equal("/redigera/ny-modul", created.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/redigera")]
    [InlineData("/redigera/ny-modul")]
    [InlineData("/redigera/ny-modul/versioner")]
    [InlineData("/redigera/ny-modul/statistik")]
    [InlineData("/redigera/ny-modul/fragor")]
    public async Task ALearnerOrHrUser_GetsForbidden_OnTheEditor(string url)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ATrainer_CreatesPreviewsAndPublishes_1_0_1_1_And_2_0_AndTheLearnerFollowsTheMajorVersionRule()
    {
        await CreateAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync(new Uri("/moduler/ny-modul", UriKind.Relative))).StatusCode); // a draft is never served

        var preview = await Forms.PostAsync(trainer, "/redigera/ny-modul?handler=Preview", new() { ["Text"] = Module("Första lydelsen med **fetstil**.") }, "/redigera/ny-modul");
        var previewHtml = await preview.Content.ReadAsStringAsync();
        Assert.Contains("Första lydelsen med <strong>fetstil</strong>.", previewHtml, StringComparison.Ordinal);
        Assert.Contains("Inga problem: utkastet kan publiceras.", previewHtml, StringComparison.Ordinal);

        await SaveAsync(Module("Första lydelsen."));
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync(new Uri("/moduler/ny-modul", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync("Minor", "Första versionen.")).StatusCode);

        Assert.Contains("Första lydelsen.", await GetAsync(learner, "/moduler/ny-modul/1"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(learner, "/moduler/ny-modul/1?handler=Confirm", [], "/moduler/ny-modul/1")).StatusCode);
        Assert.Contains("Modulen är genomförd.", await GetAsync(learner, "/moduler/ny-modul"), StringComparison.Ordinal);

        await AdvanceAsync(1);
        await SaveAsync(Module("Första lydelsen, rättad."));
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync("Minor", "Ett stavfel rättat.")).StatusCode);
        var afterMinor = await GetAsync(learner, "/moduler/ny-modul");
        Assert.Contains("Version 1.1", afterMinor, StringComparison.Ordinal);
        Assert.Contains("Modulen är genomförd.", afterMinor, StringComparison.Ordinal); // a minor version takes nothing from the learner

        await AdvanceAsync(1);
        await SaveAsync(Module("En helt ny lydelse efter lagändringen."));
        var asked = await PublishAsync("Major", "Lagändringen 2026.");
        var question = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Version 2.0 är en ny huvudversion. 1 personer har i dag ett genomförande som räknas", question, StringComparison.Ordinal);
        Assert.Equal(2, site.WithDb(db => db.ModuleVersions.Count(v => v.ModuleId == "ny-modul"))); // nothing published before the confirmation
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync("Major", "Lagändringen 2026.", confirmed: true)).StatusCode);

        var afterMajor = await GetAsync(learner, "/moduler/ny-modul");
        Assert.Contains("Modulen har en ny version, 2.0,", afterMajor, StringComparison.Ordinal); // counts for the grace period, open for renewal
        await AdvanceAsync(91);
        Assert.DoesNotContain("Modulen är genomförd.", await GetAsync(learner, "/moduler/ny-modul"), StringComparison.Ordinal);

        var versions = await GetAsync(trainer, "/redigera/ny-modul/versioner");
        foreach (var expected in new[] { "Första versionen.", "Ett stavfel rättat.", "Lagändringen 2026.", ">1.0<", ">1.1<", "2.0" })
        {
            Assert.Contains(expected, versions, StringComparison.Ordinal);
        }
        Assert.Contains("<del><span class=\"visually-hidden\">Borttagen: </span>Första lydelsen, rättad.</del>", versions, StringComparison.Ordinal);
        Assert.Contains("<ins><span class=\"visually-hidden\">Tillagd: </span>En helt ny lydelse efter lagändringen.</ins>", versions, StringComparison.Ordinal);
        var ids = site.WithDb(db => db.ModuleVersions.Where(v => v.ModuleId == "ny-modul").OrderBy(v => v.Id).Select(v => v.Id).ToList());
        var firstToLast = await GetAsync(trainer, $"/redigera/ny-modul/versioner?fran={ids[0]}&till={ids[2]}");
        Assert.Contains("<del><span class=\"visually-hidden\">Borttagen: </span>Första lydelsen.</del>", firstToLast, StringComparison.Ordinal);

        var published = site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.Published).OrderBy(e => e.Id).Select(e => e.Details).ToList());
        Assert.Equal(["ny-modul 1.0 (minor): Första versionen.", "ny-modul 1.1 (minor): Ett stavfel rättat.", "ny-modul 2.0 (major): Lagändringen 2026."], published);

        var zip = await trainer.GetAsync(new Uri($"/redigera/ny-modul/versioner?handler=Zip&version={ids[2]}", UriKind.Relative));
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(archive.GetEntry("modules/ny-modul/index.md")!.Open());
        var index = await reader.ReadToEndAsync();
        Assert.Contains("version: \"2.0\"", index, StringComparison.Ordinal);
        Assert.Contains("En helt ny lydelse efter lagändringen.", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoTrainersSavingTheSameDraft_TheSecondIsRefused_AndNothingIsOverwritten()
    {
        await CreateAsync();
        await site.CreateUserAsync("utbildare2@polisen.test.example", "polisen", Roles.Trainer);
        var other = await site.SignInAsync("utbildare2@polisen.test.example");
        var revision = $"{Revision()}";

        var first = await Forms.PostAsync(trainer, "/redigera/ny-modul?handler=Save", new() { ["Text"] = Module("Den förstas text."), ["Revision"] = revision }, "/redigera/ny-modul");
        var second = await Forms.PostAsync(other, "/redigera/ny-modul?handler=Save", new() { ["Text"] = Module("Den andras text."), ["Revision"] = revision }, "/redigera/ny-modul");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync());
        Assert.Contains("Utkastet har sparats av utbildare@polisen.test.example", page, StringComparison.Ordinal);
        Assert.Contains("Din text är inte sparad", page, StringComparison.Ordinal);
        Assert.Contains("Den andras text.", page, StringComparison.Ordinal); // kept in the textarea to copy
        Assert.Contains("Den förstas text.", site.WithDb(db => db.ModuleDrafts.Single().IndexText), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APreviewOfTheXssVectors_ComesOutHarmless()
    {
        await CreateAsync();
        var body = """
            <script>alert('skript')</script>
            <img src=x onerror="alert('img')">
            [länk](javascript:alert('länk'))
            ![bild](x" onerror="alert('bild'))
            <a href="javascript:alert(1)">a</a>

            ```gift check
            ::k1::[html]<script>alert('gift')</script><b onmouseover="alert(2)">Fråga?</b> {T}
            ```
            """;
        var preview = await PreviewFragmentAsync(Module(body));
        var html = await preview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed"));
        var attributes = document.All.SelectMany(e => e.Attributes).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Kunskapskontroll", html, StringComparison.Ordinal);
        Assert.Contains("Fråga?", document.Body!.TextContent, StringComparison.Ordinal); // the check is shown, its script is not
    }

    [Fact]
    public async Task ThePreview_ListsEachProblemWithItsLine_AndHtmxGetsOnlyTheFragment()
    {
        await CreateAsync();
        var response = await PreviewFragmentAsync("---\nid: ny-modul\ntitle: T\nversion: \"1.0\"\nfärg: blå\n---\n## A\n\n```gift\n::q:: Fråga {\n```\n");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<div id=\"forhandsvisning\"", html.Trim(), StringComparison.Ordinal);
        Assert.Contains("rad 5: okänd nyckel", html, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"rad 1\d?:", html);
    }

    /// <summary>The preview as htmx asks for it while the trainer types: the fragment only, the token as a header.</summary>
    private async Task<HttpResponseMessage> PreviewFragmentAsync(string text)
    {
        var page = await trainer.GetStringAsync(new Uri("/redigera/ny-modul", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/redigera/ny-modul?handler=Preview")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Text"] = text }),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", Forms.AntiforgeryToken(page));
        return await trainer.SendAsync(request);
    }

    [Theory]
    [InlineData("ritning.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "SVG")]
    [InlineData("sida.png", "<html><script>alert(1)</script></html>", "inte en PNG-, JPEG- eller WebP-bild")]
    public async Task AnUploadThatIsNotAnImage_IsRefusedWithAClearMessage_AndNothingIsStored(string name, string text, string message)
    {
        await CreateAsync();
        var response = await Forms.PostFileAsync(trainer, "/redigera/ny-modul?handler=Upload", "image", name, System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal((0, 0), site.WithDb(db => (db.ModuleDraftFiles.Count(), db.StoredFiles.Count())));
    }

    [Fact]
    public async Task ASixMegabyteImage_IsRefused_AndAGoodOneIsStoredUnderANormalisedName()
    {
        await CreateAsync();
        var big = new byte[6 * 1024 * 1024];
        Png.CopyTo(big, 0);
        var refused = await Forms.PostFileAsync(trainer, "/redigera/ny-modul?handler=Upload", "image", "stor.png", big);
        Assert.Contains("högst 5 MB", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, site.WithDb(db => db.StoredFiles.Count()));

        var accepted = await Forms.PostFileAsync(trainer, "/redigera/ny-modul?handler=Upload", "image", "Karta över Östersjön.PNG", Png);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(["bilder/karta-over-ostersjon.png"], site.WithDb(db => db.ModuleDraftFiles.Select(f => f.Path).ToList()));
        var image = await trainer.GetAsync(new Uri("/redigera/ny-modul?handler=File&path=bilder/karta-over-ostersjon.png", UriKind.Relative));
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(new Uri("/redigera/ny-modul?handler=File&path=bilder/karta-over-ostersjon.png", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AGiftFileWithGoodAndBadQuestions_ListsEachErrorWithItsLine_AddsOnlyTheGoodOnes_AndTheExportReadsBackTheSame()
    {
        await CreateAsync();
        await SaveAsync(Module("Text.") + "\n```gift\n// [id:q0]\n::Finns:: Redan i poolen? {T}\n```\n");
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync("Minor", "Med en fråga.")).StatusCode);
        var gift = "// [id:q1]\n::Ett:: Är detta rätt? {T}\n\n// [id:q2]\n::Två:: Trasig {\n=a\n\n// [id:q0]\n::Dubblett:: Samma id {F}\n\n// [id:q3]\n::Tre:: Välj {=Rätt ~Fel}\n";

        var checkedPage = await Forms.PostFileAsync(trainer, "/redigera/ny-modul/fragor?handler=Check", "file", "moodle.gift", System.Text.Encoding.UTF8.GetBytes(gift));
        var html = WebUtility.HtmlDecode(await checkedPage.Content.ReadAsStringAsync());
        Assert.Contains("moodle.gift: 2 frågor kan läggas till", html, StringComparison.Ordinal);
        Assert.Matches("rad 5: ", html); // the broken question
        Assert.Matches("rad 9: ", html); // the id the pool already has
        Assert.Equal(1, site.WithDb(db => db.ModuleVersions.Count(v => v.ModuleId == "ny-modul"))); // nothing saved yet
        Assert.Equal(0, Revision());

        var added = await Forms.PostAsync(trainer, "/redigera/ny-modul/fragor?handler=Add", new() { ["Gift"] = gift, ["FileName"] = "moodle.gift" }, "/redigera/ny-modul/fragor");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync("Minor", "Frågor från Moodle.")).StatusCode);

        var exported = await trainer.GetStringAsync(new Uri("/redigera/ny-modul/fragor?handler=Export", UriKind.Relative));
        var pool = Training.Core.Gift.GiftParser.Parse(exported, "export.gift").Questions;
        Assert.Equal(["q0", "q1", "q3"], pool.Select(q => q.Id));
        var again = Training.Core.Gift.GiftParser.Parse(Training.Core.Gift.GiftWriter.Write(pool), "igen.gift").Questions;
        Assert.Equal(pool, again);
    }

    internal static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
}
