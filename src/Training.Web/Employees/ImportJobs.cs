using Training.Web.Data;
using Training.Web.Infrastructure;

namespace Training.Web.Employees;

/// <summary>
/// Runs confirmed imports in the background, one at a time per instance. Every instance of the site looks for queued
/// imports (at once when it queued one itself, otherwise every <see cref="PollEvery"/>) and claims one with a conditional
/// update, so each import runs on exactly one instance. While it runs, its instance renews the claim and writes the
/// progress every second, for the page to show on whichever instance a person asks. The result goes to the import's
/// stored state and the uploaded file is deleted. An import whose instance stopped mid-way can be confirmed again once
/// its claim has run out: rows already saved come out unchanged the second time.
/// </summary>
public sealed partial class ImportJobs(
    ImportStore store, EmployeeImporter importer, IServiceScopeFactory scopes, Readiness readiness, IConfiguration configuration,
    ILogger<ImportJobs> logger) : BackgroundService
{
    /// <summary>False keeps this instance from running imports; it still queues them for the instances that do.</summary>
    public const string RunSetting = "Import:RunJobs";

    /// <summary>How often an instance looks for imports queued on another instance.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim wake = new(0);

    /// <summary>Queues the import; false when it is already queued, running or done (a second click of the button).</summary>
    public async Task<bool> QueueAsync(StoredImport import, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (!await store.TryQueueAsync(import.Id, cancellationToken))
        {
            return false;
        }
        import.State = ImportState.Queued;
        wake.Release();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The invitations are written in Swedish: the people invited have not chosen a language yet.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = TrainingApp.Swedish;
        if (!configuration.GetValue(RunSetting, true))
        {
            return;
        }
        await Task.WhenAny(readiness.WhenReady, Task.Delay(Timeout.Infinite, stoppingToken));
        if (!readiness.IsReady)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await store.TryClaimNextAsync(JobLeases.Instance, stoppingToken) is { } id)
                {
                    await RunAsync(id, stoppingToken);
                }
                await wake.WaitAsync(PollEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogLookFailed(e); // the database was away for a moment; look again shortly
                await Task.Delay(PollEvery, stoppingToken);
            }
        }
    }

    private async Task RunAsync(string id, CancellationToken stoppingToken)
    {
        var import = await store.FindAsync(id, stoppingToken);
        var file = await store.ReadFileAsync(id, stoppingToken);
        if (import is null || file is null)
        {
            await store.FinishAsync(id, ImportState.Failed, null, CancellationToken.None);
            return;
        }
        var progress = new ImportProgress(ImportPhase.Waiting, 0, 0);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewAsync(id, () => Volatile.Read(ref progress), running.Token);
        ImportState state;
        ImportResult? result = null;
        try
        {
            ImportTarget? agency;
            using (var scope = scopes.CreateScope())
            {
                agency = await EmployeeImporter.FindAgencyAsync(scope.ServiceProvider.GetRequiredService<TrainingDbContext>(), import.AgencyId, stoppingToken);
            }
            if (agency is null)
            {
                state = ImportState.Failed;
            }
            else
            {
                result = await importer.ImportAsync(agency, file, new ImportActor(import.UploaderId, import.UploaderLabel),
                    reported => Volatile.Write(ref progress, reported), stoppingToken);
                state = ImportState.Done;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogImportFailed(e);
            state = ImportState.Failed;
        }
        finally
        {
            await running.CancelAsync();
            await renewing;
        }
        await store.FinishAsync(id, state, result, CancellationToken.None);
    }

    /// <summary>Keeps the claim fresh and the progress visible until the import ends.</summary>
    private async Task RenewAsync(string id, Func<ImportProgress> progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await store.RenewClaimAsync(id, JobLeases.Instance, progress(), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRenewFailed(e); // the next tick tries again; the claim lasts ImportStore.ClaimTimeout
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "En import av medarbetare avbröts av ett fel")]
    private partial void LogImportFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kunde inte leta efter köade importer av medarbetare")]
    private partial void LogLookFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kunde inte förnya anspråket på en pågående import")]
    private partial void LogRenewFailed(Exception error);
}
