using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Infrastructure;

/// <summary>
/// Migrates the database, makes a new database's first data-protection key, imports the content and seeds agencies once
/// at start (and the demo, in Development), then marks the site ready.
/// </summary>
public sealed partial class StartupWork(
    IServiceScopeFactory scopes, ContentImporter importer, Readiness readiness, IConfiguration configuration,
    IHostEnvironment environment, IKeyManager keys, JobLeases leases, ILogger<StartupWork> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Reading the content folder (parsing and checking every module) needs no database, so it runs while the
            // database migrates: on a new database with 100 modules that is half a second of the start-up.
            var reading = Task.Run(() => importer.Read(TrainingApp.ContentPath(configuration)), stoppingToken);
            using (var scope = scopes.CreateScope())
            {
                await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<TrainingDbContext>(), stoppingToken);
            }
            await SharedKeys.EnsureFirstKeyAsync(keys, leases, stoppingToken);
            var content = (await importer.StoreAsync(await reading, stoppingToken)).Content;
            using (var scope = scopes.CreateScope())
            {
                var services = scope.ServiceProvider;
                await DatabaseSetup.SeedAsync(
                    services.GetRequiredService<TrainingDbContext>(), services.GetRequiredService<RoleManager<IdentityRole>>(), content.Agencies, logger);
                if (configuration.GetValue(DemoSeed.OnStartSetting, environment.IsDevelopment()))
                {
                    await DemoSeed.RunForDevelopmentAsync(services, Console.Out, DemoSeed.AccountsFile(configuration), stoppingToken);
                }
            }
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
