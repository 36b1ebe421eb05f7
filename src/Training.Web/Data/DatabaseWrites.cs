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

    /// <summary>
    /// For a rule about one owner's rows only (a learner's attempts and completions): work for the same
    /// <paramref name="per"/> runs one at a time, across site instances, and sees everything the one before it wrote;
    /// work for different owners runs side by side and never aborts the other. On SQLite this is <see cref="RunAsync{T}"/>
    /// (every write waits its turn anyway); on PostgreSQL a read-committed transaction that first takes a lock on the
    /// owner, where a serializable one would abort learners who merely wrote near each other in an index.
    /// </summary>
    public virtual Task<T> RunOneAtATimeAsync<T>(TrainingDbContext db, string per, Func<Task<T>> work, CancellationToken cancellationToken = default) =>
        RunAsync(db, work, cancellationToken);

    public Task RunOneAtATimeAsync(TrainingDbContext db, string per, Func<Task> work, CancellationToken cancellationToken = default) =>
        RunOneAtATimeAsync(db, per, async () =>
        {
            await work();
            return true;
        }, cancellationToken);

    public Task RunAsync(TrainingDbContext db, Func<Task> work, CancellationToken cancellationToken = default) =>
        RunAsync(db, async () =>
        {
            await work();
            return true;
        }, cancellationToken);
}
