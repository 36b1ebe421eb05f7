using Npgsql;
using Training.Web.Data;

namespace Training.Web.Tests.Infrastructure;

/// <summary>
/// Which database the tests run on. Without <c>TRAINING_TEST_POSTGRES</c> every site has its own SQLite file; with it
/// (a base connection string such as <c>Host=127.0.0.1;Port=5432;Username=training;Password=training</c>, a role that
/// may create databases) every site gets a fresh PostgreSQL database of its own, dropped when the site is disposed.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "TRAINING_TEST_POSTGRES";

    public static string? PostgresBase { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static DatabaseProvider Provider => PostgresBase is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public static bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>Why a SQLite-only test does nothing on PostgreSQL; pass to <c>Skip.If</c>-like guards or read in a message.</summary>
    public const string SqliteOnly = "tests SQLite itself (file, pragmas, WAL); not run on PostgreSQL";

    /// <summary>
    /// The database of a site whose data lives in <paramref name="dataFolder"/>: the SQLite file training.db there, or on
    /// PostgreSQL a database named after the folder, so a site started again on the same folder finds its data again.
    /// </summary>
    public static TestDatabaseInstance For(string dataFolder)
    {
        if (PostgresBase is not { } baseConnection)
        {
            return new TestDatabaseInstance(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataFolder, "training.db")}", null);
        }
        var name = "training_test_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataFolder))))[..20];
        var created = CreateIfMissing(baseConnection, name);
        var connection = new NpgsqlConnectionStringBuilder(baseConnection) { Database = name, MaxPoolSize = 30 }.ConnectionString;
        return new TestDatabaseInstance(DatabaseProvider.Postgres, connection, created ? name : null);
    }

    /// <summary>A fresh database for a test that starts the site itself (another process, two instances): dispose it to drop it.</summary>
    public static TestDatabaseInstance Create() => For(Directory.CreateTempSubdirectory("training-db-").FullName);

    private static bool CreateIfMissing(string baseConnection, string name)
    {
        using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(baseConnection) { Database = "postgres", Pooling = false }.ConnectionString);
        admin.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", name);
        if (exists.ExecuteScalar() is not null)
        {
            return false;
        }
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", admin);
        create.ExecuteNonQuery();
        return true;
    }

    internal static void Drop(string connectionString, string name)
    {
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        admin.Open();
        // FORCE ends connections still open (needs pg_signal_backend when one is a background worker's, e.g. autovacuum);
        // a database that cannot be dropped is left to the throw-away cluster rather than failing the test.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"" + (attempt % 2 == 0 ? " WITH (FORCE)" : ""), admin);
                drop.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                Thread.Sleep(200);
            }
        }
    }
}

/// <summary>One test database: the settings a site (or a site process) needs, and the drop when it is no longer needed.</summary>
public sealed class TestDatabaseInstance(DatabaseProvider provider, string connectionString, string? ownedPostgresDatabase) : IDisposable
{
    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    /// <summary>The settings, as <c>--key=value</c> arguments or environment variables take them.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [TrainingDatabase.ProviderSetting] = Provider.ToString(),
        ["ConnectionStrings:Training"] = ConnectionString,
    };

    /// <summary>Drops a PostgreSQL database this instance created; a SQLite file goes with its folder.</summary>
    public void Dispose()
    {
        if (ownedPostgresDatabase is { } name)
        {
            TestDatabase.Drop(ConnectionString, name);
        }
    }
}

/// <summary>A test of SQLite itself (its file, pragmas, WAL, query plans): skipped, with the reason, when the tests run on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgres)
        {
            Skip = TestDatabase.SqliteOnly;
        }
    }
}
