using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Training.Web.Data.Sqlite;

/// <summary>
/// synchronous and busy_timeout last only for their connection, so every opened connection gets them.
/// WAL is a property of the database file and is set once when the database is migrated. While the site's
/// <see cref="WalCheckpoints"/> runs, commits leave checkpoints to it.
/// </summary>
public sealed class SqlitePragmas(WalCheckpoints? checkpoints = null) : DbConnectionInterceptor
{
    private const string Always = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    private string Pragmas => checkpoints is { Running: true } ? Always + " PRAGMA wal_autocheckpoint=0;" : Always + " PRAGMA wal_autocheckpoint=1000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        AddFunctions(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AddFunctions(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddFunctions(DbConnection connection) =>
        ((SqliteConnection)connection).CreateFunction<string?, string?>(SearchText.SqlFunction, SearchText.Fold, isDeterministic: true);
}
