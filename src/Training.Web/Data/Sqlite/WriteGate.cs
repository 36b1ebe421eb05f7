namespace Training.Web.Data.Sqlite;

/// <summary>
/// Lets one read-then-write transaction at a time into SQLite from this process. Without it, simultaneous
/// writers wait in SQLite's busy handler, which sleeps in growing steps (up to tens of milliseconds) even when
/// the lock frees a moment later; queueing here hands the lock over at once. (One site process owns a SQLite
/// file; a PostgreSQL installation has its own locking and loses nothing by this.)
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        return new Exit(gate);
    }

    public void Dispose() => gate.Dispose();

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
