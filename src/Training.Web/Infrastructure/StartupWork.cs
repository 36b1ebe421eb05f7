using Microsoft.EntityFrameworkCore;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Infrastructure;

/// <summary>Migrates the database and imports the content once at start, then marks the site ready.</summary>
public sealed partial class StartupWork(
    IServiceScopeFactory scopes, ContentImporter importer, Readiness readiness, IConfiguration configuration,
    ILogger<StartupWork> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
                await db.Database.MigrateAsync(stoppingToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", stoppingToken);
            }
            await importer.ImportAsync(TrainingApp.ContentPath(configuration), stoppingToken);
            readiness.MarkReady();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogStartupFailed(error);
            readiness.MarkFailed(error);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Uppstarten misslyckades")]
    private partial void LogStartupFailed(Exception error);
}
