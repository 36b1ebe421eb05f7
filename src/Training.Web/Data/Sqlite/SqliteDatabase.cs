using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Training.Web.Data.Sqlite;

/// <summary>What only the SQLite provider needs: the file's connection string, its pragmas and its background checkpoints.</summary>
public static class SqliteDatabase
{
    public const string DefaultConnectionString = "Data Source=data/training.db";

    /// <summary>The SQLite connection string with the file made absolute (and its folder created) and a 30 s busy timeout.</summary>
    public static string ConnectionString(string? configured)
    {
        var connection = new SqliteConnectionStringBuilder(configured ?? DefaultConnectionString);
        if (connection.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file))
        {
            connection.DataSource = Path.GetFullPath(file);
        }
        if (Path.GetDirectoryName(connection.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        connection.DefaultTimeout = Math.Max(connection.DefaultTimeout, 30);
        return connection.ToString();
    }

    /// <summary>The database file (absolute), or null for an in-memory database.</summary>
    public static string? File(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString).DataSource is { Length: > 0 } file && file != ":memory:" ? Path.GetFullPath(file) : null;

    public static void Configure(DbContextOptionsBuilder options, string connectionString, SqlitePragmas? pragmas) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(TrainingDatabase.MigrationsHistoryTable))
            .AddInterceptors(pragmas ?? DefaultPragmas)
            .ReplaceService<IMigrationsAssembly, ProviderMigrations>();

    private static readonly SqlitePragmas DefaultPragmas = new();

    public static void AddServices(IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<TrainingDbContext>((provider, options) =>
            Configure(options, connectionString, new SqlitePragmas(provider.GetRequiredService<WalCheckpoints>())));
        services.AddSingleton(new WalCheckpoints.Target(connectionString));
        services.AddSingleton<WalCheckpoints>();
        services.AddHostedService(provider => provider.GetRequiredService<WalCheckpoints>());
        services.AddSingleton<WriteGate>();
        services.AddSingleton<DatabaseWrites, SqliteWrites>();
    }

    /// <summary>WAL is a property of the file: set once after migrating.</summary>
    public static Task UseWalAsync(TrainingDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
}
