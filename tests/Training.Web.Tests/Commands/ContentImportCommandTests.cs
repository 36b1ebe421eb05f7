using Microsoft.Data.Sqlite;
using Training.Web.Commands;

namespace Training.Web.Tests.Commands;

/// <summary>Issue 16, item 4: <c>content import</c> does what the start does, on demand, and says what it did per module.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ContentImportCommandTests : IDisposable
{
    private readonly TempFolder content = new();
    private readonly TempFolder data = new();
    private readonly TestDatabaseInstance database;
    private readonly EnvironmentVariables environment;

    public ContentImportCommandTests()
    {
        // the verb and the site started afterwards on the same data folder use the same database, SQLite or PostgreSQL
        database = TestDatabase.For(data.Path);
        environment = new EnvironmentVariables(new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__Training"] = database.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Content__Path"] = content.Path,
        });
    }

    public void Dispose()
    {
        environment.Dispose();
        SqliteConnection.ClearAllPools();
        database.Dispose();
        data.Dispose();
        content.Dispose();
    }

    private static async Task<(int Exit, string[] Lines, string Summary)> ImportAsync(params string[] folder)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Verbs.RunAsync(["content", "import", .. folder], output, error);
        return (exit, output.ToString().Trim().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString().Trim());
    }

    private const string Broken = "---\nid: b\ntitle: B\nversion: \"1.1\"\nförfattare: X\n---\n## A\n\nText.\n";

    [Fact]
    public async Task ContentImport_StoresChangedModules_LeavesUnchangedOnes_AndReportsErrorsWithoutHarmingStoredVersions()
    {
        content.Module("a", title: "Modul A").Module("b", title: "Modul B");

        var first = await ImportAsync();
        Assert.Equal(0, first.Exit);
        Assert.Equal(["a: ny version 1.0", "b: ny version 1.0"], first.Lines);
        Assert.Equal("2 moduler lästa: 2 nya versioner, 0 oförändrade, 0 fel.", first.Summary);

        var again = await ImportAsync(content.Path);
        Assert.Equal(0, again.Exit);
        Assert.Equal(["a: oförändrad (version 1.0)", "b: oförändrad (version 1.0)"], again.Lines);

        content.Module("a", title: "Modul A", version: "1.1", extraBody: "\nRättad.\n").Write("modules/b/index.md", Broken);
        var broken = await ImportAsync();
        Assert.Equal(1, broken.Exit);
        Assert.Equal("a: ny version 1.1", broken.Lines[0]);
        Assert.All(broken.Lines.Skip(1), line => Assert.Matches(@"modules/b/index\.md:\d+: ", line));
        Assert.Contains(broken.Lines, line => line.Contains("författare", StringComparison.Ordinal));

        // b's stored 1.0 is still what the site serves
        await using var site = new TrainingSite(content.Path, data.Path);
        await site.StartAsync();
        Assert.Equal(["1.0"], site.WithDb(db => db.ModuleVersions.Where(v => v.ModuleId == "b").Select(v => v.Version).ToList()));
        Assert.Equal(["1.0", "1.1"], site.WithDb(db => db.ModuleVersions.Where(v => v.ModuleId == "a").OrderBy(v => v.Id).Select(v => v.Version).ToList()));
        var email = $"{Guid.NewGuid():N}@test.test.example";
        await site.CreateUserAsync(email, "test");
        var learner = await site.SignInAsync(email);
        Assert.Contains("Text två.", await learner.GetStringAsync(new Uri("/moduler/b/2", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentImport_OfAFolderThatIsNotThere_ExitsOne_AndAnUnknownOptionIsAUsageError()
    {
        var missing = await ImportAsync(Path.Combine(content.Path, "finns-inte"));
        Assert.Equal(1, missing.Exit);
        Assert.StartsWith("Mappen finns inte:", missing.Summary, StringComparison.Ordinal);

        Assert.Equal(2, (await ImportAsync("--snabbt")).Exit);
    }
}
