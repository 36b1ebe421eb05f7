using System.Globalization;
using Training.Web.Audit;
using Training.Web.Data;
using Training.Web.Employees;

namespace Training.Web.Commands;

public static class UserCommands
{
    private const string ImportUsage = "Användning: users import <fil.csv> --agency <kod>";

    /// <summary>
    /// <c>users import &lt;csv&gt; --agency &lt;code&gt;</c>: the same import as the HR page, without a preview. Prints the
    /// counts and each refused row as <c>rad N: reason</c>. Exit 0 when no row was refused, 1 when some were (the good
    /// rows are imported all the same) or the file could not be used, 2 for a usage error.
    /// </summary>
    public static async Task<int> ImportAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (path, agencyCode, problem) = ParseImport(args);
        if (problem is not null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(ImportUsage);
            return 2;
        }

        // The verb reports its own progress; the site's information logs (a line per batch of e-mail) would drown it.
        await using var app = TrainingApp.Build(["--Logging:LogLevel:Default=Warning"]);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        await DatabaseSetup.PrepareAsync(services);
        var agency = await EmployeeImporter.FindAgencyAsync(services.GetRequiredService<TrainingDbContext>(), agencyCode!);
        if (agency is null)
        {
            await error.WriteLineAsync($"Myndigheten '{agencyCode}' finns inte.");
            await error.WriteLineAsync(ImportUsage);
            return 2;
        }

        // The invitations are written in Swedish: the people invited have not chosen a language yet.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = TrainingApp.Swedish;
        await output.WriteLineAsync($"Importerar {Path.GetFileName(path)} till {agency.Name} …");
        var lastShown = (Phase: ImportPhase.Waiting, Step: -1);
        var result = await app.Services.GetRequiredService<EmployeeImporter>().ImportAsync(agency, await File.ReadAllBytesAsync(path!),
            new ImportActor(null, AuditLog.CommandLine),
            progress =>
            {
                // a line per 5 000 rows or invitations; personal data never reaches the output, only counts
                var step = progress.Done / 5_000;
                if (progress.Phase is ImportPhase.Saving or ImportPhase.Inviting && progress.Done > 0 && (progress.Phase, step) != lastShown)
                {
                    lastShown = (progress.Phase, step);
                    output.WriteLine(progress.Phase == ImportPhase.Saving
                        ? string.Create(TrainingApp.Swedish, $"  {progress.Done:N0} av {progress.Total:N0} rader sparade …")
                        : string.Create(TrainingApp.Swedish, $"  {progress.Done:N0} av {progress.Total:N0} inbjudningar skickade …"));
                }
            });

        if (result.FileError is { } fileError)
        {
            await error.WriteLineAsync(fileError.ToString());
            return 1;
        }
        var counts = result.Counts;
        await output.WriteLineAsync(string.Create(TrainingApp.Swedish,
            $"{counts.New} nya, {counts.Changed} ändrade, {counts.Unchanged} oförändrade, {counts.Rejected} avvisade rader; {counts.Invitations} inbjudningar skickade."));
        if (result.InvitationsNotSent > 0)
        {
            await error.WriteLineAsync(string.Create(TrainingApp.Swedish,
                $"{result.InvitationsNotSent} inbjudningar kunde inte skickas (e-posten fungerade inte); kör samma import igen när den fungerar."));
        }
        foreach (var rowError in result.Errors)
        {
            await output.WriteLineAsync(rowError.ToString());
        }
        return counts.Rejected > 0 || result.InvitationsNotSent > 0 ? 1 : 0;
    }

    /// <summary>The arguments of an import verb: one file and <c>--agency</c>; a problem in Swedish when they are not that.</summary>
    internal static (string? Path, string? AgencyCode, string? Problem) ParseImport(string[] args)
    {
        string? path = null;
        string? agency = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal)
                ? (n, v)
                : (args[i], null);
            if (name == "--agency")
            {
                agency = value ?? (i + 1 < args.Length ? args[++i] : null);
                if (string.IsNullOrWhiteSpace(agency))
                {
                    return (null, null, "--agency saknar myndighetens kod.");
                }
            }
            else if (name.StartsWith('-'))
            {
                return (null, null, $"Okänt argument: {name}");
            }
            else if (path is null)
            {
                path = args[i];
            }
            else
            {
                return (null, null, $"En fil i taget: '{args[i]}' är en fil till.");
            }
        }
        if (path is null)
        {
            return (null, null, "Ange filen att importera.");
        }
        if (agency is null)
        {
            return (null, null, "Ange myndigheten med --agency <kod>.");
        }
        if (!File.Exists(path))
        {
            return (null, null, $"Filen finns inte: {path}");
        }
        return (Path.GetFullPath(path), agency, null);
    }
}
