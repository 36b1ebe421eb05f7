using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Commands;

public static class ExportCommands
{
    private const string Usage =
        "Användning: export completions --agency <kod> --format csv|xlsx|json [--out fil] [--unit <enhet>] [--job-role <kod>] [--module <id>] [--status <status>]";

    /// <summary>
    /// <c>export completions</c>: the HR page's export, to standard output or a file, with the same filters (a unit by
    /// name or id, a job role by code or id). Audited as the command line. Exit 0, 1 when the file cannot be written, 2
    /// for a usage error (an unknown agency, unit, job role or status too).
    /// </summary>
    public static async Task<int> CompletionsAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            if (name is not ("--agency" or "--format" or "--out" or "--unit" or "--job-role" or "--module" or "--status"))
            {
                return await UsageErrorAsync(error, $"Okänt argument: {name}");
            }
            value ??= i + 1 < args.Length ? args[++i] : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                return await UsageErrorAsync(error, $"{name} saknar ett värde.");
            }
            options[name] = value;
        }
        if (!options.TryGetValue("--agency", out var agencyCode))
        {
            return await UsageErrorAsync(error, "--agency saknas.");
        }
        var format = options.GetValueOrDefault("--format") ?? "";
        if (!CompletionExport.Formats.Contains(format))
        {
            return await UsageErrorAsync(error, "--format ska vara csv, xlsx eller json.");
        }
        var status = options.GetValueOrDefault("--status");
        if (status is not null && !HrFilter.StatusValues.Contains(status))
        {
            return await UsageErrorAsync(error, $"Okänd status '{status}': {string.Join(", ", HrFilter.StatusValues)}.");
        }

        await using var app = TrainingApp.Build(["--Logging:LogLevel:Default=Warning"]);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        await DatabaseSetup.PrepareAsync(services);
        var db = services.GetRequiredService<TrainingDbContext>();
        var catalogue = services.GetRequiredService<ContentCatalogue>();
        // The versions the site serves, as stored: an export reports what learners were shown, not what content/ holds now.
        await services.GetRequiredService<ContentImporter>().RefreshAsync();
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == agencyCode);
        if (agency is null)
        {
            return await UsageErrorAsync(error, $"Myndigheten '{agencyCode}' finns inte.");
        }
        int? unitId = null, jobRoleId = null;
        if (options.TryGetValue("--unit", out var unit))
        {
            var asId = int.TryParse(unit, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
            unitId = await db.Units.Where(u => u.AgencyId == agency.Id && (u.Name == unit || u.Id == asId)).Select(u => (int?)u.Id).FirstOrDefaultAsync();
            if (unitId is null)
            {
                return await UsageErrorAsync(error, $"Enheten '{unit}' finns inte hos {agency.Name}.");
            }
        }
        if (options.TryGetValue("--job-role", out var jobRole))
        {
            var asId = int.TryParse(jobRole, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
            jobRoleId = await db.JobRoles.Where(j => j.AgencyId == agency.Id && (j.Code == jobRole || j.Id == asId)).Select(j => (int?)j.Id).FirstOrDefaultAsync();
            if (jobRoleId is null)
            {
                return await UsageErrorAsync(error, $"Befattningen '{jobRole}' finns inte hos {agency.Name}.");
            }
        }
        // the command line acts as an administrator would: any agency, named explicitly
        var commandLine = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, Roles.Admin), new Claim(AccountClaims.AgencyId, agency.Id.ToString(CultureInfo.InvariantCulture))], "kommandoraden"));
        var filter = new HrFilter(agency.Code, unitId, jobRoleId, options.GetValueOrDefault("--module"), status);
        var hrScope = (await HrScope.ResolveAsync(db, catalogue, commandLine, filter))!;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        int rows;
        if (options.TryGetValue("--out", out var outPath))
        {
            await using var file = new FileStream(Path.GetFullPath(outPath), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            rows = await CompletionExport.WriteAsync(CompletionExport.RowsAsync(db, catalogue, hrScope, now), format, file);
        }
        else if (ReferenceEquals(output, Console.Out))
        {
            await using var standardOutput = Console.OpenStandardOutput();
            rows = await CompletionExport.WriteAsync(CompletionExport.RowsAsync(db, catalogue, hrScope, now), format, standardOutput);
        }
        else
        {
            // a writer that is not the console (a test): the text formats through it
            using var buffer = new MemoryStream();
            rows = await CompletionExport.WriteAsync(CompletionExport.RowsAsync(db, catalogue, hrScope, now), format, buffer);
            await output.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        services.GetRequiredService<AuditLog>().Add(db, new AuditEntry
        {
            Action = AuditActions.Exported,
            ActorLabel = AuditLog.CommandLine,
            AgencyId = agency.Id,
            SubjectId = agency.Code,
            SubjectLabel = agency.Name,
            Details = $"Export av genomföranden ({format}), {rows} rader; filter: {hrScope.Filter.Describe()}.",
        });
        await db.SaveChangesAsync();
        if (outPath is not null)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{rows} rader skrivna till {outPath}."));
        }
        return 0;
    }

    private static async Task<int> UsageErrorAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync(problem);
        await error.WriteLineAsync(Usage);
        return 2;
    }
}
