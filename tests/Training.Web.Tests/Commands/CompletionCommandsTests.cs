using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Training.Web.Audit;
using Training.Web.Commands;
using Training.Web.Data;
using Training.Web.Tests.Pages.Hr;

namespace Training.Web.Tests.Commands;

/// <summary>Runs <c>completions import</c> against a database of its own, with people the site made.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class CompletionCommandsTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TrainingSite site;
    private readonly EnvironmentVariables environment;

    public CompletionCommandsTests()
    {
        site = new TrainingSite(dataFolder: folder.Path);
        environment = new EnvironmentVariables(new Dictionary<string, string>
        {
            ["Database__Provider"] = site.Database.Provider.ToString(), ["ConnectionStrings__Training"] = site.Database.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Content__Path"] = RepositoryPaths.Content,
            ["Email__PickupDirectory"] = site.MailFolder,
            ["Site__BaseUrl"] = "https://training.test",
        });
    }

    public void Dispose()
    {
        environment.Dispose();
        site.Dispose();
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Verbs.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static IEnumerable<string> RowLines(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("rad ", StringComparison.Ordinal));

    [Fact]
    public async Task CompletionsImport_AddsTheGoodRows_PrintsEachBadOne_AndASecondRunAddsNothing()
    {
        await site.StartAsync();
        var (one, two) = await CompletionImportTests.CreatePeopleAsync(site, "verb");
        folder.Write("tidigare.csv", CompletionImportTests.File("verb"));
        var file = Path.Combine(folder.Path, "tidigare.csv");

        var (exit, output, _) = await RunAsync("completions", "import", file, "--agency", "polisen");

        Assert.Equal(1, exit);
        Assert.True(output.Contains("4 tillagda, 0 fanns redan, 6 avvisade rader.", StringComparison.Ordinal), output);
        Assert.Equal(CompletionImportTests.SixErrors.Select(e => "rad " + e), RowLines(output));
        Assert.DoesNotContain("verb.tva@polisen.se", output, StringComparison.Ordinal); // no personal data, only rows and reasons
        var imported = site.WithDb(db => db.Completions.AsNoTracking().Where(c => c.UserId == one.Id || c.UserId == two.Id).ToList());
        Assert.Equal(4, imported.Count);
        Assert.All(imported, c => Assert.Equal((CompletionSources.Import, (string?)null), (c.Source, c.RecordedById)));
        var audit = site.WithDb(db => db.AuditEntries.Single(e => e.Action == AuditActions.CompletionsImported));
        Assert.Equal((AuditLog.CommandLine, (string?)null, "polisen"), (audit.ActorLabel, audit.ActorId, audit.SubjectId));
        Assert.Equal("Filen tidigare.csv: 4 genomförda utbildningar tillagda, 0 fanns redan, 6 avvisade rader.", audit.Details);

        var (secondExit, secondOutput, _) = await RunAsync("completions", "import", file, "--agency", "polisen");

        Assert.Equal(1, secondExit);
        Assert.Contains("0 tillagda, 5 fanns redan, 5 avvisade rader.", secondOutput, StringComparison.Ordinal);
        Assert.Equal(
            [.. CompletionImportTests.SixErrors[..5].Select(e => "rad " + e), "rad 2: finns redan", "rad 3: finns redan", "rad 4: finns redan", "rad 5: finns redan", "rad 11: finns redan"],
            RowLines(secondOutput));
        Assert.Equal(4, site.WithDb(db => db.Completions.Count(c => c.UserId == one.Id || c.UserId == two.Id)));
        Assert.Equal(2, site.WithDb(db => db.AuditEntries.Count(e => e.Action == AuditActions.CompletionsImported)));
    }

    [Fact]
    public async Task CompletionsImport_WithOnlyGoodRows_ExitsZero()
    {
        await site.StartAsync();
        await site.CreateUserAsync("bara.bra@polisen.se");
        folder.Write("bra.csv", "email,module_id,completed_at\nbara.bra@polisen.se,samverkan,2025-10-01\n");

        var (exit, output, _) = await RunAsync("completions", "import", Path.Combine(folder.Path, "bra.csv"), "--agency=polisen");

        Assert.Equal(0, exit);
        Assert.Contains("1 tillagda, 0 fanns redan, 0 avvisade rader.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("completions", "import")]
    [InlineData("completions", "import", "tidigare.csv")]
    [InlineData("completions", "import", "finns-inte.csv", "--agency", "polisen")]
    [InlineData("completions", "import", "tidigare.csv", "--agency", "finns-inte")]
    public async Task CompletionsImport_WithBadArguments_ExitsTwo_AndImportsNothing(params string[] args)
    {
        folder.Write("tidigare.csv", CompletionImportTests.File("x"));
        var resolved = args.Select(a => a.EndsWith(".csv", StringComparison.Ordinal) ? Path.Combine(folder.Path, a) : a).ToArray();

        var (exit, _, error) = await RunAsync(resolved);

        Assert.Equal(2, exit);
        Assert.Contains("Användning: completions import <fil.csv> --agency <kod>", error, StringComparison.Ordinal);
    }
}
