using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Training.Web.Data.Postgres;

/// <summary>What only the PostgreSQL provider needs.</summary>
public static class PostgresDatabase
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(TrainingDatabase.MigrationsHistoryTable))
            .ReplaceService<IMigrationsAssembly, ProviderMigrations>()
            // A serialization conflict is an expected outcome that PostgresWrites runs again; EF would log each one as an
            // error. An error that reaches the caller is still logged where it is handled (the site's error page, a job).
            .ConfigureWarnings(warnings => warnings.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    public static void AddServices(IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<TrainingDbContext>(options => Configure(options, connectionString));
        services.AddSingleton<DatabaseWrites, PostgresWrites>();
    }
}
