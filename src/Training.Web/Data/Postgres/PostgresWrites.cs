using System.Data;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Training.Web.Data.Postgres;

/// <summary>
/// Serializable transactions: PostgreSQL lets concurrent ones run and aborts one of two whose reads and writes could
/// not have happened one after the other (SQLSTATE 40001; a deadlock is 40P01). The aborted work is run again from the
/// start on a cleared change tracker, after a short random pause, and then sees what the other one wrote. This holds
/// across site instances, since the database decides.
/// </summary>
public sealed partial class PostgresWrites(ILogger<PostgresWrites> logger) : DatabaseWrites
{
    private const int MaxAttempts = 10;

    public override Task<T> RunAsync<T>(TrainingDbContext db, Func<Task<T>> work, CancellationToken cancellationToken = default) =>
        RunAgainOnConflictAsync(db, IsolationLevel.Serializable, null, work, cancellationToken);

    /// <summary>
    /// A transaction-scoped advisory lock on the owner (a 64-bit hash of <paramref name="per"/>; two owners that share
    /// a hash merely wait for each other), taken first, so that every statement after it sees what the owner's previous
    /// work committed.
    /// </summary>
    public override Task<T> RunOneAtATimeAsync<T>(TrainingDbContext db, string per, Func<Task<T>> work, CancellationToken cancellationToken = default) =>
        RunAgainOnConflictAsync(db, IsolationLevel.ReadCommitted, per, work, cancellationToken);

    private async Task<T> RunAgainOnConflictAsync<T>(TrainingDbContext db, IsolationLevel isolation, string? lockOn, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(isolation, cancellationToken);
                if (lockOn is not null)
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockOn}, 0))", cancellationToken);
                }
                var result = await work();
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception error) when (attempt < MaxAttempts && IsConflict(error))
            {
                LogRetry(attempt);
                db.ChangeTracker.Clear();
                await Task.Delay(RandomNumberGenerator.GetInt32(5, 20 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>A serialization failure or a deadlock, however EF wrapped it.</summary>
    public static bool IsConflict(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The event of a transaction run again after a conflict (what an operator counts to see contention).</summary>
    public const string RunAgainEvent = "TransactionRunAgain";

    [LoggerMessage(EventName = RunAgainEvent, Level = LogLevel.Debug, Message = "Transaktionen krockade med en annan (försök {Attempt}); körs igen")]
    private partial void LogRetry(int attempt);
}
