using Microsoft.EntityFrameworkCore;

namespace Training.Web.Tests.Content;

public class StoredVersionsTests
{
    private static async Task<HttpClient> SignedInAsync(TrainingSite site)
    {
        var email = $"{Guid.NewGuid():N}@test.test.example";
        await site.CreateUserAsync(email, "test");
        return await site.SignInAsync(email);
    }

    private static async Task<(int Rendered, int Stored)> StartAndStopAsync(string content, string data)
    {
        await using var site = new TrainingSite(content, data);
        await site.StartAsync();
        var client = await SignedInAsync(site);
        var rendered = site.Importer.RenderedVersions;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/m/2", UriKind.Relative))).StatusCode);
        }
        Assert.Equal(rendered, site.Importer.RenderedVersions); // pages never render
        return (rendered, site.WithDb(db => db.ModuleVersions.Count()));
    }

    [Fact]
    public async Task AModuleIsRenderedOncePerStoredVersion_AndAChangedFileMakesExactlyOneNewVersion()
    {
        using var content = new TempFolder().Module("m");
        using var data = new TempFolder();

        Assert.Equal((1, 1), await StartAndStopAsync(content.Path, data.Path));
        Assert.Equal((0, 1), await StartAndStopAsync(content.Path, data.Path));

        content.Module("m", extraBody: "\nEn ny mening.\n");
        Assert.Equal((1, 2), await StartAndStopAsync(content.Path, data.Path));
        Assert.Equal((0, 2), await StartAndStopAsync(content.Path, data.Path));
    }

    [Fact]
    public async Task StoredVersion_KeepsItsSourceAndRendering_AfterTheFileChanges()
    {
        using var content = new TempFolder().Module("m", extraBody: "\nFörsta lydelsen.\n");
        using var data = new TempFolder();
        await StartAndStopAsync(content.Path, data.Path);
        content.Module("m", version: "1.1", extraBody: "\nAndra lydelsen.\n");

        await using var site = new TrainingSite(content.Path, data.Path);
        await site.StartAsync();
        var client = await SignedInAsync(site);

        var versions = site.WithDb(db => db.ModuleVersions.AsNoTracking().OrderBy(v => v.Id).ToList());
        Assert.Equal(["1.0", "1.1"], versions.Select(v => v.Version));
        Assert.Contains("Första lydelsen", versions[0].SourceJson, StringComparison.Ordinal);
        Assert.Contains("Första lydelsen", versions[0].RenderedJson, StringComparison.Ordinal);
        Assert.NotEqual(versions[0].ContentHash, versions[1].ContentHash);
        var page = await client.GetStringAsync(new Uri("/moduler/m/2", UriKind.Relative));
        Assert.Contains("Andra lydelsen", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenContent_IsSkipped_AndTheSiteStillServesTheGoodModules()
    {
        using var content = new TempFolder()
            .Module("bra", title: "Den fungerande modulen")
            .Write("modules/trasig/index.md", "---\nid: trasig\ntitle: Trasig\nversion: \"1.0\"\nförfattare: X\n---\n## A\n\nText.\n")
            .Module("bra", title: "Kopia med samma id", folder: "kopia")
            .Module("bild", title: "Modul med saknad bild", extraBody: "\n![Saknas](saknas.png)\n")
            .Write("tracks/spar.yml", "id: spar\ntitle: Spår\nmodules: [bra, finns-inte]\n");
        using var data = new TempFolder();
        await using var site = new TrainingSite(content.Path, data.Path);

        await site.StartAsync();
        var client = await SignedInAsync(site);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/bra", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/bild/2", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/moduler/trasig", UriKind.Relative))).StatusCode);
        var catalogue = await client.GetStringAsync(new Uri("/moduler", UriKind.Relative));
        Assert.Contains("Den fungerande modulen", catalogue, StringComparison.Ordinal);
        Assert.DoesNotContain("Kopia med samma id", catalogue, StringComparison.Ordinal);
    }
}
