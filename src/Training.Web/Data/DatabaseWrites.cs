namespace Training.Web.Data;

/// <summary>
/// The one way to run a "read, check, write" rule (the last admin, a quiz submit, a unique domain, import matching) so
/// that it holds however many requests and site instances arrive at once: <paramref name="work"/> reads, decides and
/// saves inside one transaction that <see cref="RunAsync{T}"/> commits. On SQLite that is an immediate transaction
/// queued in the process (<see cref="Sqlite.SqliteWrites"/>); on PostgreSQL a serializable transaction that is run
/// again when the database reports a conflict with another one (<see cref="Postgres.PostgresWrites"/>), so the work
/// must be repeatable: keep its results in locals and hand them out through its return value.
/// </summary>
public abstract class DatabaseWrites
{
    public abstract Task<T> RunAsync<T>(TrainingDbContext db, Func<Task<T>> work, CancellationToken cancellationToken = default);

    public Task RunAsync(TrainingDbContext db, Func<Task> work, CancellationToken cancellationToken = default) =>
        RunAsync(db, async () =>
        {
            await work();
            return true;
        }, cancellationToken);
}
