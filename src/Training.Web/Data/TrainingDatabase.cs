using Microsoft.EntityFrameworkCore;
using Training.Web.Data.Postgres;
using Training.Web.Data.Sqlite;

namespace Training.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The seam between the site and its database: <c>Database:Provider</c> (<c>Sqlite</c>, the default, or <c>Postgres</c>)
/// and <c>ConnectionStrings:Training</c> choose it; everything one provider alone needs is registered by its own class
/// in <c>Data/Sqlite</c> or <c>Data/Postgres</c>. Each provider has its own migrations (<c>Data/Migrations/Sqlite</c>,
/// <c>Data/Migrations/Postgres</c>).
/// </summary>
public sealed record TrainingDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderSetting = "Database:Provider";
    public const string MigrationsHistoryTable = "__ef_migrations";

    public static TrainingDatabase From(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Training");
        return ProviderOf(configuration[ProviderSetting]) switch
        {
            DatabaseProvider.Postgres => new(DatabaseProvider.Postgres, configured is { Length: > 0 }
                ? configured
                : throw new InvalidOperationException($"{ProviderSetting} är Postgres men ConnectionStrings:Training saknas.")),
            _ => new(DatabaseProvider.Sqlite, SqliteDatabase.ConnectionString(configured)),
        };
    }

    public static DatabaseProvider ProviderOf(string? setting) => setting?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"{ProviderSetting} ska vara Sqlite eller Postgres, inte {setting}."),
    };

    /// <summary>The pooled DbContext, <see cref="DatabaseWrites"/> and what the provider alone needs.</summary>
    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton(this);
        if (Provider == DatabaseProvider.Postgres)
        {
            PostgresDatabase.AddServices(services, ConnectionString);
        }
        else
        {
            SqliteDatabase.AddServices(services, ConnectionString);
        }
    }

    /// <summary>Options for a context made by hand (a verb that needs no host, the design-time factory).</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            PostgresDatabase.Configure(options, ConnectionString);
        }
        else
        {
            SqliteDatabase.Configure(options, ConnectionString, null);
        }
    }

    /// <summary>
    /// Where files that belong with the data live (the demo's demo-accounts.txt; uploads and imports are in the database): <c>Data:Folder</c>, else the SQLite
    /// file's folder, else data/ in the current directory.
    /// </summary>
    public static string DataFolder(IConfiguration configuration)
    {
        if (configuration["Data:Folder"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        var database = From(configuration);
        return database.Provider == DatabaseProvider.Sqlite && SqliteDatabase.File(database.ConnectionString) is { } file
            && Path.GetDirectoryName(file) is { Length: > 0 } folder
            ? folder
            : Path.GetFullPath("data");
    }
}
