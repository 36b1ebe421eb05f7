using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Data;

namespace Training.Web.Tests.Content;

[Collection(SiteCollection.Name)]
public class DatabaseSettingsTests(SharedSite shared)
{
    [SqliteFact]
    public async Task EveryConnection_RunsInWalWithNormalSyncAndABusyTimeout()
    {
        await shared.Site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            await db.Database.OpenConnectionAsync();
            Assert.Equal("wal", await Scalar(db, "PRAGMA journal_mode;"));
            Assert.Equal("1", await Scalar(db, "PRAGMA synchronous;")); // NORMAL
            Assert.True(int.Parse(await Scalar(db, "PRAGMA busy_timeout;"), System.Globalization.CultureInfo.InvariantCulture) >= 30_000);
        });
    }

    [SqliteFact]
    public async Task TheSitesConnections_LeaveCheckpointsToTheBackground_AndWhatTheyWriteStillReachesTheDatabaseFile()
    {
        await using var site = new TrainingSite();
        await site.StartAsync();
        var marker = $"checkpoint-{Guid.NewGuid():N}";

        await site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            await db.Database.OpenConnectionAsync();
            Assert.Equal("0", await Scalar(db, "PRAGMA wal_autocheckpoint;"));
            db.Agencies.Add(new Agency { Code = marker[..20], Name = marker });
            await db.SaveChangesAsync();
        });

        // Committed rows live in the -wal file until a checkpoint copies them into the database file.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!DatabaseFileContains(site.DatabaseFile, marker))
        {
            Assert.True(DateTime.UtcNow < deadline, "nothing checkpointed the WAL into the database file within 10 s");
            await Task.Delay(100);
        }
    }

    [SqliteFact]
    public async Task AVerbsConnections_KeepSqlitesOwnCheckpoints()
    {
        // A verb builds the site's services, as here, but never starts the host and its background services.
        using var folder = new TempFolder();
        await using var app = TrainingApp.Build([$"--ConnectionStrings:Training=Data Source={Path.Combine(folder.Path, "verb.db")}"]);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        await db.Database.OpenConnectionAsync();

        Assert.Equal("1000", await Scalar(db, "PRAGMA wal_autocheckpoint;"));
    }

    private static bool DatabaseFileContains(string file, string text)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
    }

    private static async Task<string> Scalar(TrainingDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}

public class ProductionTests
{
    [Fact]
    public async Task Production_SendsHsts_AndAnswersErrorsWithTheGenericSwedishPage()
    {
        await using var site = new TrainingSite(environment: "Production");
        await site.StartAsync();
        // HSTS leaves localhost alone, so ask as the real site would be asked
        using var client = site.CreateClient(new() { BaseAddress = new Uri("https://training.test"), AllowAutoRedirect = false });

        var start = await client.GetAsync(new Uri("/", UriKind.Relative));
        var missing = await client.GetAsync(new Uri("/moduler/../../etc/passwd", UriKind.Relative));

        Assert.Contains("max-age=", string.Join(' ', start.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var html = await missing.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", html, StringComparison.Ordinal);
    }
}
