using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
#pragma warning disable EF1001 // MigrationsAssembly is EF's internal API; the filter is the documented way to keep two providers' migrations in one assembly.
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace Training.Web.Data;

/// <summary>
/// Both providers' migrations live in this assembly, each set in its own namespace (<c>Data/Migrations/Sqlite</c>,
/// <c>Data/Migrations/Postgres</c>); EF sees only the set, and the model snapshot, of the provider in use.
/// </summary>
public sealed class ProviderMigrations(
    ICurrentDbContext currentContext, IDbContextOptions options, IMigrationsIdGenerator idGenerator, IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly string ownNamespace = NamespaceOf(currentContext.Context.Database.ProviderName);
    private readonly Type contextType = currentContext.Context.GetType();

    public static string NamespaceOf(string? providerName) =>
        "Training.Web.Data.Migrations." + (providerName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "Postgres" : "Sqlite");

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        base.Migrations.Where(m => m.Value.Namespace == ownNamespace).ToDictionary(m => m.Key, m => m.Value);

    public override ModelSnapshot? ModelSnapshot =>
        Assembly.GetTypes()
            .Where(t => t.Namespace == ownNamespace && typeof(ModelSnapshot).IsAssignableFrom(t) && !t.IsAbstract
                && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .Select(t => (ModelSnapshot)Activator.CreateInstance(t)!)
            .FirstOrDefault();
}
