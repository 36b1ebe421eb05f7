using System.Collections.Concurrent;
using System.Threading.Channels;
using Training.Web.Data;

namespace Training.Web.Employees;

/// <summary>
/// Runs confirmed imports in the background, one at a time, and keeps each one's progress for the page to poll. The
/// result goes to the import's stored state and the uploaded file is deleted. An import this process is not running
/// (the site restarted mid-way) can be confirmed again: rows already saved come out unchanged the second time.
/// </summary>
public sealed partial class ImportJobs(
    ImportStore store, EmployeeImporter importer, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportJobs> logger) : BackgroundService
{
    private readonly Channel<string> queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, ImportProgress> active = new();

    /// <summary>The progress of an import that is queued or running in this process; null otherwise.</summary>
    public ImportProgress? ProgressOf(string id) => active.GetValueOrDefault(id);

    /// <summary>Queues the import; false when it is already queued or running (a second click of the button).</summary>
    public async Task<bool> QueueAsync(StoredImport import, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (!active.TryAdd(import.Id, new ImportProgress(ImportPhase.Waiting, 0, 0)))
        {
            return false;
        }
        import.State = ImportState.Queued;
        await store.SaveAsync(import, cancellationToken);
        return queue.Writer.TryWrite(import.Id);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The invitations are written in Swedish: the people invited have not chosen a language yet.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = TrainingApp.Swedish;
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            finally
            {
                active.TryRemove(id, out _);
            }
        }
    }

    private async Task RunAsync(string id, CancellationToken stoppingToken)
    {
        var import = await store.FindAsync(id, stoppingToken);
        var file = await store.ReadFileAsync(id, stoppingToken);
        if (import is null || file is null)
        {
            return;
        }
        import.State = ImportState.Running;
        await store.SaveAsync(import, stoppingToken);
        try
        {
            ImportTarget? agency;
            using (var scope = scopes.CreateScope())
            {
                agency = await EmployeeImporter.FindAgencyAsync(scope.ServiceProvider.GetRequiredService<TrainingDbContext>(), import.AgencyId, stoppingToken);
            }
            if (agency is null)
            {
                import.State = ImportState.Failed;
            }
            else
            {
                import.Result = await importer.ImportAsync(agency, file, new ImportActor(import.UploaderId, import.UploaderLabel),
                    progress => active[id] = progress, stoppingToken);
                import.State = ImportState.Done;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogImportFailed(e);
            import.State = ImportState.Failed;
        }
        import.FinishedAt = clock.GetUtcNow().UtcDateTime;
        store.DeleteFile(id);
        await store.SaveAsync(import, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "En import av medarbetare avbröts av ett fel")]
    private partial void LogImportFailed(Exception error);
}
