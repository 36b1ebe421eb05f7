using Microsoft.EntityFrameworkCore;

namespace Training.Web.Data.Sqlite;

/// <summary>
/// SQLite locks the whole database for a write, so one immediate transaction at a time, queued at the
/// <see cref="WriteGate"/> of this process (the only process that owns the file).
/// </summary>
public sealed class SqliteWrites(WriteGate gate) : DatabaseWrites
{
    public override async Task<T> RunAsync<T>(TrainingDbContext db, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
    }
}
