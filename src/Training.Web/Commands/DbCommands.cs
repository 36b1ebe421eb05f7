using Training.Web.Data;
using Training.Web.Data.Sqlite;

namespace Training.Web.Commands;

public static class DbCommands
{
    private const string Usage = "Användning: db backup <fil> [--force]";

    /// <summary>
    /// <c>db backup &lt;file&gt; [--force]</c>: a consistent copy of the SQLite database, taken while the site runs and
    /// writes (<see cref="SqliteBackup"/>); it is written beside the target under another name and moved into place only
    /// when whole, so a failed backup never leaves a half file where the last good one was. Exit 0, 1 when the copy could
    /// not be made, 2 for a usage error (or PostgreSQL, which is backed up with pg_dump).
    /// </summary>
    public static async Task<int> BackupAsync(string[] args, TextWriter output, TextWriter error)
    {
        var force = args.Contains("--force");
        var files = args.Where(a => !a.StartsWith('-')).ToList();
        if (files.Count != 1 || args.Any(a => a.StartsWith('-') && a != "--force"))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        await using var app = TrainingApp.Build(["--Logging:LogLevel:Default=Warning"]);
        var database = app.Services.GetRequiredService<TrainingDatabase>();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            await error.WriteLineAsync(
                "Databasen är PostgreSQL (Database:Provider). Säkerhetskopiera den med pg_dump, till exempel " +
                "pg_dump --format=custom --file=training.dump <databas>, och återställ med pg_restore (se docs/deployment.md).");
            return 2;
        }

        var target = Path.GetFullPath(files[0]);
        if (File.Exists(target) && !force)
        {
            await error.WriteLineAsync($"Filen {target} finns redan. Välj ett annat namn, eller skriv över den med --force.");
            return 1;
        }
        if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder))
        {
            await error.WriteLineAsync($"Mappen {folder} finns inte.");
            return 1;
        }

        if (SqliteBackup.ExistingFile(database.ConnectionString) is null)
        {
            await error.WriteLineAsync($"Databasen {SqliteDatabase.File(database.ConnectionString)} finns inte.");
            return 1;
        }

        var partial = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            if (await SqliteBackup.CopyAsync(database.ConnectionString, partial) is { } problem)
            {
                await error.WriteLineAsync($"Säkerhetskopian kunde inte göras: {problem}");
                return 1;
            }
            File.Move(partial, target, overwrite: force);
        }
        finally
        {
            File.Delete(partial);
        }

        var size = new FileInfo(target).Length;
        await output.WriteLineAsync($"Säkerhetskopian är skriven till {target} ({size / 1024.0 / 1024.0:0.0} MB).");
        return 0;
    }
}
