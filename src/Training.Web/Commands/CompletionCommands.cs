using System.Globalization;
using Training.Web.Audit;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Employees;
using Training.Web.Learning;

namespace Training.Web.Commands;

public static class CompletionCommands
{
    private const string ImportUsage = "Användning: completions import <fil.csv> --agency <kod>";

    /// <summary>
    /// <c>completions import &lt;csv&gt; --agency &lt;code&gt;</c>: past completions from another system, as the HR page imports
    /// them but without a preview. Prints the counts, each refused row as <c>rad N: reason</c> and each row already stored
    /// as <c>rad N: finns redan</c>. Exit 0 when no row was refused, 1 when some were (the good rows are imported all the
    /// same) or the file could not be used, 2 for a usage error.
    /// </summary>
    public static async Task<int> ImportAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (path, agencyCode, problem) = UserCommands.ParseImport(args);
        if (problem is not null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(ImportUsage);
            return 2;
        }

        await using var app = TrainingApp.Build(["--Logging:LogLevel:Default=Warning"]);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        await DatabaseSetup.PrepareAsync(services);
        var db = services.GetRequiredService<TrainingDbContext>();
        var agency = await CompletionImporter.FindAgencyAsync(db, agencyCode!);
        if (agency is null)
        {
            await error.WriteLineAsync($"Myndigheten '{agencyCode}' finns inte.");
            await error.WriteLineAsync(ImportUsage);
            return 2;
        }
        // the modules a row may name are those the site serves: store any changed content first, as a start would
        await services.GetRequiredService<ContentImporter>().ImportAsync(TrainingApp.ContentPath(services.GetRequiredService<IConfiguration>()));

        var fileName = Path.GetFileName(path!);
        await output.WriteLineAsync($"Importerar genomförda utbildningar från {fileName} till {agency.Name} …");
        var result = await services.GetRequiredService<CompletionImporter>().ImportAsync(
            agency, await File.ReadAllBytesAsync(path!), fileName, new ImportActor(null, AuditLog.CommandLine));
        if (result.FileError is { } fileError)
        {
            await error.WriteLineAsync(fileError.ToString());
            return 1;
        }
        await output.WriteLineAsync(string.Create(CultureInfo.GetCultureInfo("sv-SE"),
            $"{result.Added} tillagda, {result.ExistingRows.Count} fanns redan, {result.Rejected} avvisade rader."));
        foreach (var rowError in result.Errors)
        {
            await output.WriteLineAsync(rowError.ToString());
        }
        foreach (var row in result.ExistingRows)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"rad {row}: {Core.Competence.CompletionReasons.AlreadyRecorded}"));
        }
        return result.Rejected > 0 ? 1 : 0;
    }
}
