using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Training.Core.Agencies;
using Training.Core.Content;

namespace Training.Web.Data;

/// <summary>What every start (and every verb that writes) needs: the schema, the roles and the agencies of agencies.yml.</summary>
public static partial class DatabaseSetup
{
    public static async Task MigrateAsync(TrainingDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await Sqlite.SqliteDatabase.UseWalAsync(db, cancellationToken);
        }
    }

    /// <summary>Creates the roles and each agency of the file that the database does not have yet; existing agencies are left as they are.</summary>
    public static async Task SeedAsync(TrainingDbContext db, RoleManager<IdentityRole> roles, IReadOnlyList<AgencySeed> agencies, ILogger logger)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var existing = await db.Agencies.Select(a => a.Code).ToListAsync();
        var takenDomains = await db.AgencyDomains.Select(d => d.Domain).ToListAsync();
        foreach (var seed in agencies.Where(a => !existing.Contains(a.Code)))
        {
            db.Agencies.Add(new Agency
            {
                Code = seed.Code,
                Name = seed.Name,
                Domains = seed.Domains.Where(d => !takenDomains.Contains(d)).Select(d => new AgencyDomain { Domain = d }).ToList(),
                Units = seed.Units.Select(u => new Unit { Name = u }).ToList(),
                JobRoles = seed.JobRoles.Select(r => new JobRole { Code = r.Code, Name = r.Name }).ToList(),
            });
            LogAgencyCreated(logger, seed.Code);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>For a verb: the schema, the roles and the agencies, as a start of the site would leave them.</summary>
    public static async Task PrepareAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<TrainingDbContext>();
        await MigrateAsync(db);
        var contentPath = TrainingApp.ContentPath(services.GetRequiredService<IConfiguration>());
        await SeedAsync(db, services.GetRequiredService<RoleManager<IdentityRole>>(), ReadAgencies(contentPath),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(DatabaseSetup)));
    }

    /// <summary>The agencies of <c>agencies.yml</c> in the content folder (none when the file is missing or broken).</summary>
    public static IReadOnlyList<AgencySeed> ReadAgencies(string contentPath)
    {
        var file = Path.Combine(contentPath, "agencies.yml");
        try
        {
            return File.Exists(file) ? AgencyCatalogue.Read(ModuleLoader.ReadText(file), file).Agencies : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return []; // content check and the start-up log name the file
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Skapade myndigheten {Code} från agencies.yml")]
    private static partial void LogAgencyCreated(ILogger logger, string code);
}
