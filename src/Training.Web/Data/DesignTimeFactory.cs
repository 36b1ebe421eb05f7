using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Training.Web.Data;

/// <summary>
/// For <c>dotnet ef</c>: the provider comes from <c>--provider postgres</c> after <c>--</c>, or the environment variable
/// <c>TRAINING_DB_PROVIDER</c> (Sqlite when neither is given). Adding a migration needs no running database.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrainingDbContext>
{
    public TrainingDbContext CreateDbContext(string[] args)
    {
        var index = Array.IndexOf(args, "--provider");
        var provider = TrainingDatabase.ProviderOf(index >= 0 && index + 1 < args.Length ? args[index + 1] : Environment.GetEnvironmentVariable("TRAINING_DB_PROVIDER"));
        var database = provider == DatabaseProvider.Postgres
            ? new TrainingDatabase(provider, Environment.GetEnvironmentVariable("TRAINING_DB_CONNECTION") ?? "Host=127.0.0.1;Database=training;Username=training")
            : new TrainingDatabase(provider, Sqlite.SqliteDatabase.ConnectionString(Environment.GetEnvironmentVariable("TRAINING_DB_CONNECTION")));
        var options = new DbContextOptionsBuilder<TrainingDbContext>();
        database.Configure(options);
        return new TrainingDbContext(options.Options);
    }
}
