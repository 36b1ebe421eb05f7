using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Training.Web.Audit;
using Training.Web.Data;
using Training.Web.Privacy;

namespace Training.Web.Commands;

public static class PrivacyCommands
{
    private const string Usage = "Användning: privacy anonymise [--agency <kod>] [--dry-run]";

    /// <summary>
    /// <c>privacy anonymise [--agency code] [--dry-run]</c>: anonymises the people who left longer ago than their agency's
    /// retention period (<see cref="Anonymisation"/>), audited as the command line; with <c>--dry-run</c> it only counts.
    /// Prints one line per agency, counts only. Exit 0, 2 for a usage error or an unknown agency.
    /// </summary>
    public static async Task<int> AnonymiseAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? agencyCode = null;
        var dryRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--agency" when i + 1 < args.Length:
                    agencyCode = args[++i];
                    break;
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }

        await using var app = TrainingApp.Build(["--Logging:LogLevel:Default=Warning"]);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        await DatabaseSetup.PrepareAsync(services);
        if (agencyCode is not null && !await services.GetRequiredService<TrainingDbContext>().Agencies.AnyAsync(a => a.Code == agencyCode))
        {
            await error.WriteLineAsync($"Myndigheten '{agencyCode}' finns inte.");
            return 2;
        }
        var anonymisation = services.GetRequiredService<Anonymisation>();
        var counts = dryRun
            ? await anonymisation.DueAsync(agencyCode)
            : await anonymisation.RunAsync(null, AuditLog.CommandLine, agencyCode);
        foreach (var count in counts)
        {
            var period = count.RetentionMonths is { } months ? string.Create(CultureInfo.InvariantCulture, $"gallringstid {months} månader") : "ingen gallringstid";
            var verb = dryRun ? "skulle anonymiseras" : "anonymiserades";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{count.AgencyCode} ({period}): {count.People} {verb}."));
        }
        if (dryRun)
        {
            await output.WriteLineAsync("Provkörning: inget ändrades.");
        }
        return 0;
    }
}
