using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Audit;
using Training.Web.Commands;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Tests.Commands;

/// <summary><c>db backup</c>: a consistent copy of the running site's SQLite database, whatever is written meanwhile.</summary>
[Collection(EnvironmentCollection.Name)]
public class DbCommandsTests
{
    private static async Task<(int Exit, string Output, string Error)> BackupAsync(TrainingSite site, string provider, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using (new EnvironmentVariables(new Dictionary<string, string>
        {
            ["ConnectionStrings__Training"] = $"Data Source={site.DatabaseFile}",
            ["Database__Provider"] = provider,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Content__Path"] = RepositoryPaths.Content,
        }))
        {
            var exit = await Verbs.RunAsync(["db", "backup", .. args], output, error);
            return (exit, output.ToString(), error.ToString());
        }
    }

    private static long Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [SqliteFact]
    public async Task ABackupTakenWhileCompletionsAreWritten_IsWholeAndConsistent()
    {
        await using var site = new TrainingSite();
        await site.StartAsync();
        var user = await site.CreateUserAsync("under.backup@polisen.se");
        var module = site.Services.GetRequiredService<ContentCatalogue>().Find("vad-ar-manniskohandel")!;
        using var folder = new TempFolder();
        var copy = Path.Combine(folder.Path, "training-backup.db");

        // Each write is a completion and its audit entry in one transaction: a consistent copy has as many of one as of the other.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writesBeforeBackup = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            using var scope = site.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            while (!stop.IsCancellationRequested)
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Completions.Add(Completions.For(module, user.Id, user.AgencyId, DateTime.UtcNow, CompletionSources.Manual, null));
                db.AuditEntries.Add(new AuditEntry { Action = AuditActions.CompletionRecorded, ActorLabel = "backup-test", SubjectId = user.Id, At = DateTime.UtcNow });
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                db.ChangeTracker.Clear();
                if (Interlocked.Increment(ref written) == 200)
                {
                    writesBeforeBackup.TrySetResult();
                }
            }
        });
        await writesBeforeBackup.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var before = Volatile.Read(ref written);

        var (exit, output, error) = await BackupAsync(site, "Sqlite", copy);
        var during = Volatile.Read(ref written);
        await stop.CancelAsync();
        await writer;

        Assert.True(exit == 0, error);
        Assert.Contains(copy, output, StringComparison.Ordinal);
        Assert.True(during > before, "the writer wrote nothing while the backup ran");
        using (var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar());
        }
        var completions = Scalar(copy, $"SELECT COUNT(*) FROM Completions WHERE UserId = '{user.Id}'");
        var entries = Scalar(copy, "SELECT COUNT(*) FROM AuditEntries WHERE ActorLabel = 'backup-test'");
        Assert.Equal(completions, entries);
        Assert.InRange(completions, before, written);
        Assert.True(Scalar(copy, "SELECT COUNT(*) FROM ModuleVersions") > 0);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.partial-*"));
    }

    [SqliteFact]
    public async Task ABackup_DoesNotOverwriteAFile_UnlessForced()
    {
        await using var site = new TrainingSite();
        await site.StartAsync();
        using var folder = new TempFolder();
        var copy = Path.Combine(folder.Path, "finns.db");
        await File.WriteAllTextAsync(copy, "en tidigare säkerhetskopia");

        var refused = await BackupAsync(site, "Sqlite", copy);

        Assert.Equal(1, refused.Exit);
        Assert.Contains("finns redan", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal("en tidigare säkerhetskopia", await File.ReadAllTextAsync(copy));

        var forced = await BackupAsync(site, "Sqlite", copy, "--force");

        Assert.True(forced.Exit == 0, forced.Error);
        Assert.True(Scalar(copy, "SELECT COUNT(*) FROM ModuleVersions") > 0);
    }

    [Fact]
    public async Task OnPostgreSql_TheVerbPointsToPgDump()
    {
        await using var site = new TrainingSite();
        using var folder = new TempFolder();

        var result = await BackupAsync(site, "Postgres", Path.Combine(folder.Path, "x.db"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("pg_dump", result.Error, StringComparison.Ordinal);
        Assert.Contains("pg_restore", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, "x.db")));
    }

    [Fact]
    public async Task WithoutAFile_ItSaysHowToUseIt()
    {
        await using var site = new TrainingSite();

        var result = await BackupAsync(site, "Sqlite");

        Assert.Equal(2, result.Exit);
        Assert.Contains("db backup <fil> [--force]", result.Error, StringComparison.Ordinal);
    }
}
