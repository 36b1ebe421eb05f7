using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Training.Web.Commands;

namespace Training.Web.Tests.Content;

/// <summary>
/// A knowledge check the site cannot key (no title or id, or two alike in one block) and a stored rendering that cannot
/// be read skip their module and leave the site up (issue 13, item 4).
/// </summary>
public sealed class BrokenKnowledgeCheckTests : IDisposable
{
    // TempFolder.Module ends its text on line 15, so these checks' questions start on line 18.
    private readonly TempFolder content = new TempFolder()
        .Module("hel", title: "Hel modul", extraBody: "\n```gift check\n::k1:: Är detta en kunskapskontroll? {T}\n```\n")
        .Module("otitlad", title: "Otitlad kontroll", extraBody: "\n```gift check\nSaknar frågan titel? {T}\n```\n")
        .Module("dubbel", title: "Dubbel kontroll", extraBody: "\n```gift check\n::k1:: En fråga? {T}\n\n::k1:: Samma titel? {F}\n```\n");

    public void Dispose() => content.Dispose();

    [Fact]
    public async Task KnowledgeChecksWithoutKeys_SkipTheirModules_AndTheSiteStillStarts()
    {
        await using var site = new TrainingSite(content.Path);

        var anonymous = await site.StartAsync(); // throws unless /health answers 200

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        await site.CreateUserAsync("larande@test.test.example", "test");
        var client = await site.SignInAsync("larande@test.test.example");
        var good = await client.GetAsync(new Uri("/moduler/hel/2", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("Är detta en kunskapskontroll?", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/moduler/otitlad", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/moduler/dubbel", UriKind.Relative))).StatusCode);
        Assert.Contains(site.Errors, e => e.Contains("modules/otitlad/index.md:18: ", StringComparison.Ordinal));
        Assert.Contains(site.Errors, e => e.Contains("modules/dubbel/index.md:20: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContentCheck_NamesTheFileAndLineOfEachUnkeyedCheck_AndExitsOne()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Verbs.RunAsync(["content", "check", content.Path], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("/modules/otitlad/index.md:18: Kunskapskontrollens fråga saknar både id", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("/modules/dubbel/index.md:20: Kunskapskontrollens fråga har samma id eller titel ”k1” som frågan på ", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/modules/hel/", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoredRenderingThatCannotBeRead_SkipsItsModule_AndTheSiteStillStarts()
    {
        using var stored = new TempFolder().Module("hel", title: "Hel modul").Module("annan", title: "Annan modul");
        using var data = new TempFolder();
        await using (var first = new TrainingSite(stored.Path, data.Path))
        {
            await first.StartAsync();
            Assert.Equal(1, first.WithDb(db => db.Database.ExecuteSqlRaw("""UPDATE "ModuleVersions" SET "RenderedJson" = 'null' WHERE "ModuleId" = 'hel'""")));
        }
        SqliteConnection.ClearAllPools();

        await using var site = new TrainingSite(stored.Path, data.Path);
        await site.StartAsync(); // throws unless /health answers 200

        await site.CreateUserAsync("larande@test.test.example", "test");
        var client = await site.SignInAsync("larande@test.test.example");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/annan/1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/moduler/hel", UriKind.Relative))).StatusCode);
        Assert.Contains(site.Errors, e => e.Contains("hel 1.0: modulen kunde inte läggas i katalogen", StringComparison.Ordinal));
    }
}
