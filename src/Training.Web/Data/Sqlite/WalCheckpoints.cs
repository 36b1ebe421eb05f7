using Microsoft.Data.Sqlite;
using Training.Web.Infrastructure;

namespace Training.Web.Data.Sqlite;

/// <summary>
/// Moves SQLite's WAL checkpoints off the request path. By default the commit that takes the WAL past 1000
/// pages copies them into the database file and waits for the disk, and every writer queued behind it at the
/// <see cref="WriteGate"/> waits too: under a burst of quiz submits that was one slow round in every few.
/// While the site runs, its connections leave checkpoints to this service (<see cref="SqlitePragmas"/>), which
/// runs a PASSIVE checkpoint every second: it copies what no reader still needs and never blocks readers or
/// writers. Verbs do not run hosted services, so they keep SQLite's own checkpoints.
/// </summary>
public sealed partial class WalCheckpoints(WalCheckpoints.Target target, Readiness readiness, ILogger<WalCheckpoints> logger) : BackgroundService
{
    /// <summary>The database file's connection string.</summary>
    public sealed record Target(string ConnectionString);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public bool Running { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Running = true;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Running = false;
        if (readiness.IsReady)
        {
            Checkpoint("TRUNCATE"); // leaves an empty WAL behind
        }
    }

    // SQLite's calls block (the checkpoint waits for the disk), so they run on a thread of their own rather than
    // holding one of the thread pool's few threads while requests queue for it.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() =>
        {
            Task.WaitAny([readiness.WhenReady], stoppingToken);
            while (readiness.IsReady && !stoppingToken.WaitHandle.WaitOne(Interval))
            {
                Checkpoint("PASSIVE");
            }
        }, stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Checkpoint(string mode)
    {
        try
        {
            using var connection = new SqliteConnection(target.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode});";
            command.ExecuteNonQuery();
        }
        catch (SqliteException error)
        {
            LogCheckpointFailed(error, mode); // the next tick tries again; the WAL only grows meanwhile
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL-checkpoint ({Mode}) misslyckades")]
    private partial void LogCheckpointFailed(Exception error, string mode);
}
