using System.Globalization;
using Training.Core.Competence;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Commands;

public static class ReminderCommands
{
    private const string Usage = "Användning: reminders run [--date åååå-mm-dd]";

    /// <summary>
    /// <c>reminders run [--date yyyy-mm-dd]</c>: the daily reminder job once, as if run at <c>Reminders:RunAt</c> on that
    /// day in Sweden (today and now without a date), with the same exactly-once guarantee as the site's own run. Prints
    /// counts only. Exit 0, 1 when some reminders could not be sent (the next run tries them again), 2 for a usage error.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        DateOnly? date = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, (string?)v) : (args[i], i + 1 < args.Length ? args[++i] : null);
            if (name != "--date" || value is null)
            {
                await error.WriteLineAsync(Usage);
                return 2;
            }
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                await error.WriteLineAsync($"Datumet '{value}' går inte att läsa. Skriv det som åååå-mm-dd, till exempel 2026-11-30.");
                return 2;
            }
            date = day;
        }

        // Its one line of counts is the output, not a log line per e-mail.
        await using var app = TrainingApp.Build(["--Logging:LogLevel:Default=Warning"]);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        await DatabaseSetup.PrepareAsync(services);
        await services.GetRequiredService<ContentImporter>().ImportAsync(TrainingApp.ContentPath(services.GetRequiredService<IConfiguration>()));
        var job = services.GetRequiredService<ReminderJob>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var result = date is { } given ? await job.RunForDayAsync(given) : await job.RunAsync(now);
        var shown = date ?? CompetenceRules.DayInSweden(now);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Påminnelser för {shown:yyyy-MM-dd}: {result.Sent} skickade (i {result.Mails} e-postmeddelanden), {result.AlreadySent} redan skickade, {result.Failed} misslyckades."));
        if (result.Elsewhere > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.Elsewhere} skickades samtidigt av en annan körning."));
        }
        if (result.Failed > 0)
        {
            await error.WriteLineAsync("Några påminnelser kunde inte skickas. Nästa körning försöker igen.");
            return 1;
        }
        return 0;
    }
}
