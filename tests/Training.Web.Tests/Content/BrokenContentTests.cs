using Microsoft.Data.Sqlite;
using Training.Web.Commands;

namespace Training.Web.Tests.Content;

/// <summary>One bad file must not take the site down (issue 13, item 4): the module is skipped and named, everything else works.</summary>
public sealed class BrokenContentTests : IDisposable
{
    private readonly TempFolder content = new TempFolder().Module("hel", title: "Hel modul").Module("trasig", title: "Trasig modul").Module("slinga");

    public BrokenContentTests()
    {
        File.CreateSymbolicLink(Path.Combine(content.Path, "modules", "trasig", "bild.png"), "finns-inte.png");
        var loop = Path.Combine(content.Path, "modules", "slinga", "fragor.gift");
        File.CreateSymbolicLink(loop, loop);
    }

    public void Dispose() => content.Dispose();

    [Fact]
    public async Task DanglingAndLoopingLinks_SkipTheirModules_AndTheSiteStillStarts()
    {
        await using var site = new TrainingSite(content.Path);

        var anonymous = await site.StartAsync(); // throws unless /health answers 200

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        await site.CreateUserAsync("larande@test.test.example", "test");
        var client = await site.SignInAsync("larande@test.test.example");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/hel/1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/moduler/trasig", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/moduler/slinga", UriKind.Relative))).StatusCode);
        Assert.Contains(site.Errors, e => e.Contains("modules/trasig/bild.png: länken pekar på en fil som inte finns.", StringComparison.Ordinal));
        Assert.Contains(site.Errors, e => e.Contains("modules/slinga/fragor.gift: länken går i en slinga", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContentCheck_NamesEachBadLink_AndExitsOne()
    {
        var (exit, output, error) = await RunAsync("content", "check", content.Path);

        Assert.Equal(1, exit);
        Assert.Contains("/modules/trasig/bild.png: länken pekar på en fil som inte finns. Modulen hoppas över.", output, StringComparison.Ordinal);
        Assert.Contains("/modules/slinga/fragor.gift: länken går i en slinga", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentCheck_ReportsALinkThatLeavesTheModule()
    {
        using var other = new TempFolder().Module("m");
        File.CreateSymbolicLink(Path.Combine(other.Path, "modules", "m", "passwd.txt"), "/etc/passwd");

        var (exit, output, _) = await RunAsync("content", "check", other.Path);

        Assert.Equal(1, exit);
        Assert.Contains("/modules/m/passwd.txt: länken pekar utanför modulmappen", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("modules/trasig")]
    [InlineData("modules/trasig/index.md")]
    [InlineData("modules/slinga/fragor.gift")]
    public async Task ContentInspect_GivesAClearError_WithoutAStackTrace(string path)
    {
        var (exit, output, error) = await RunAsync("content", "inspect", Path.Combine(content.Path, path), "--json");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Matches(@"/modules/(trasig/bild\.png|slinga/fragor\.gift): ", error);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Verbs.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}

[Collection(EnvironmentCollection.Name)]
public sealed class BrokenContentSeedTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TempFolder content = new();
    private readonly EnvironmentVariables environment;

    public BrokenContentSeedTests()
    {
        File.Copy(Path.Combine(RepositoryPaths.Content, "agencies.yml"), Path.Combine(content.Path, "agencies.yml"));
        content.Module("hel", extraBody: "\n```gift\n::q1:: Fråga? {T}\n```\n").Module("trasig")
            .Module("otitlad", extraBody: "\n```gift check\nSaknar frågan titel? {T}\n```\n");
        File.CreateSymbolicLink(Path.Combine(content.Path, "modules", "trasig", "bild.png"), "finns-inte.png");
        environment = new EnvironmentVariables(new Dictionary<string, string>
        {
            ["ConnectionStrings__Training"] = $"Data Source={Path.Combine(folder.Path, "t.db")}",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Content__Path"] = content.Path,
        });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        environment.Dispose();
        content.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task SeedDemo_WithABrokenModule_SeedsTheOthers()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Verbs.RunAsync(["seed", "demo", "--employees", "5", "--password", "en-lang-demo-fras-2026"], output, error);

        Assert.True(exit == 0, output + "\n" + error);
        Assert.DoesNotContain("Exception", output.ToString() + error, StringComparison.Ordinal);
    }
}
