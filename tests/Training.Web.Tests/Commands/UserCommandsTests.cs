using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Training.Web.Audit;
using Training.Web.Commands;
using Training.Web.Data;
using Training.Web.Tests.Pages.Hr;

namespace Training.Web.Tests.Commands;

/// <summary>Runs <c>users import</c> against a database of its own, then looks at it through the site.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class UserCommandsTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TrainingSite site;
    private readonly EnvironmentVariables environment;

    public UserCommandsTests()
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

    private string WriteFile(string name, string text)
    {
        folder.Write(name, text);
        return Path.Combine(folder.Path, name);
    }

    [Fact]
    public async Task UsersImport_ImportsTheGoodRows_PrintsEachBadOne_AndASecondRunChangesAndSendsNothing()
    {
        var file = WriteFile("personal.csv", ImportTests.ThreeGoodFourBad);

        var (exit, output, _) = await RunAsync("users", "import", file, "--agency", "polisen");

        Assert.Equal(1, exit);
        Assert.Contains("3 nya, 0 ändrade, 0 oförändrade, 4 avvisade rader; 3 inbjudningar skickade.", output, StringComparison.Ordinal);
        Assert.Equal(ImportTests.FourErrors.Select(e => "rad " + e),
            output.Split('\n').Where(l => l.StartsWith("rad ", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')));
        Assert.Equal(3, site.Mails().Count);
        var audit = site.WithDb(db => db.AuditEntries.Single(e => e.Action == AuditActions.UsersImported));
        Assert.Equal((AuditLog.CommandLine, (string?)null, "polisen"), (audit.ActorLabel, audit.ActorId, audit.SubjectId));

        var (secondExit, secondOutput, _) = await RunAsync("users", "import", file, "--agency", "polisen");

        Assert.Equal(1, secondExit);
        Assert.Contains("0 nya, 0 ändrade, 3 oförändrade, 4 avvisade rader; 0 inbjudningar skickade.", secondOutput, StringComparison.Ordinal);
        Assert.Equal(3, site.Mails().Count);
        Assert.Equal(3, site.WithDb(db => db.Users.Count()));
        Assert.Equal(2, site.WithDb(db => db.AuditEntries.Count(e => e.Action == AuditActions.UsersImported)));

        // the people it made can take their invitation and sign in on the site
        await site.StartAsync();
        var invitation = TrainingSite.LinkIn(site.Mails().Single(m => m.Contains("To: ida.import@polisen.se", StringComparison.Ordinal)));
        var chosen = await Forms.PostAsync(site.NewClient(), invitation, new() { ["Input.Password"] = "idas egen lösenfras", ["Input.ConfirmPassword"] = "idas egen lösenfras" });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        await site.SignInAsync("ida.import@polisen.se", "idas egen lösenfras");
    }

    [Fact]
    public async Task UsersImport_WithOnlyGoodRows_ExitsZero_AndNeverPrintsPersonalData()
    {
        var file = WriteFile("bra.csv", "employee_number,name,email,unit,job_role,start_date\r\nG1,Gun Godkänd,gun.godkand@aklagare.se,,aklagare,2023-03-01\r\n");

        var (exit, output, error) = await RunAsync("users", "import", file, "--agency=aklagare");

        Assert.Equal(0, exit);
        Assert.Contains("1 nya, 0 ändrade, 0 oförändrade, 0 avvisade rader; 1 inbjudningar skickade.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("gun.godkand", output + error, StringComparison.Ordinal);
        Assert.Equal("aklagare", site.WithDb(db => db.Users.Where(u => u.EmployeeNumber == "G1").Select(u => u.Agency.Code).Single()));
    }

    [Fact]
    public async Task UsersImport_WithAWrongHeader_SaysWhatTheHeaderShouldBe_AndExitsOne()
    {
        var file = WriteFile("fel.csv", "nummer;namn\n1;Ett\n");

        var (exit, _, error) = await RunAsync("users", "import", file, "--agency", "polisen");

        Assert.Equal(1, exit);
        Assert.Contains("Filen ska börja med rubrikraden employee_number;name;email;unit;job_role;start_date", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users", "import")]
    [InlineData("users", "import", "{file}")]
    [InlineData("users", "import", "{file}", "--agency")]
    [InlineData("users", "import", "{file}", "--agency", "finns-inte")]
    [InlineData("users", "import", "saknas.csv", "--agency", "polisen")]
    [InlineData("users", "import", "{file}", "--agency", "polisen", "--okand")]
    public async Task UsersImport_WithBadArguments_ExitsTwo_AndImportsNothing(params string[] args)
    {
        var file = WriteFile("ok.csv", "employee_number;name;email;unit;job_role;start_date\nU1;Ulla;ulla@polisen.se;;utredare;2024-01-01\n");

        var (exit, _, error) = await RunAsync(args.Select(a => a.Replace("{file}", file, StringComparison.Ordinal)).ToArray());

        Assert.Equal(2, exit);
        Assert.Contains("Användning: users import <fil.csv> --agency <kod>", error, StringComparison.Ordinal);
        Assert.False(File.Exists(site.DatabaseFile) && site.WithDb(db => db.Users.Any()));
    }
}
