using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Training.Web.Data.Postgres;

/// <summary>What only the PostgreSQL provider needs.</summary>
public static class PostgresDatabase
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(TrainingDatabase.MigrationsHistoryTable))
            .ReplaceService<IMigrationsAssembly, ProviderMigrations>();

    public static void AddServices(IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<TrainingDbContext>(options => Configure(options, connectionString));
        services.AddSingleton<DatabaseWrites, PostgresWrites>();
    }
}
