namespace Training.Web.Commands;

/// <summary>
/// The command-line verbs (design §6). A verb is the first argument when it is not an option, so host
/// arguments such as <c>--urls</c> still reach the host.
/// </summary>
public static class Verbs
{
    public const string Usage = """
        Användning: dotnet run --project src/Training.Web -- <kommando>
          content check [mapp]             kontrollerar innehållet (path:rad: meddelande; slutkod 1 vid fel)
          content import [mapp]            lagrar en ny version av varje modul vars filer ändrats (per modul: ny version, oförändrad eller fel; slutkod 1 vid fel)
          content inspect <fil> --json     skriver ut en modul, GIFT- eller Moodle XML-fil som JSON
          content import-questions <fil.gift|fil.xml> <modul-id> [--content <mapp>]   lägger till frågorna i modulens quiz.gift
          content export-questions <modul-id> --format gift|xml [--content <mapp>]   skriver ut modulens frågor för Moodle
          seed demo [--employees N] [--password P]   demokonton och N påhittade anställda (standard 200)
          admin create <e-post> [--agency <kod>]   skapar en administratör med engångslösenord
          users import <fil.csv> --agency <kod>   importerar medarbetare (rad N: orsak; slutkod 1 om rader avvisas)
          completions import <fil.csv> --agency <kod>   importerar genomförda utbildningar från ett annat system (rad N: orsak)
          reminders run [--date åååå-mm-dd]   skickar dagens påminnelser (varje påminnelse bara en gång)
          export completions --agency <kod> --format csv|xlsx|json [--out fil]   HR-exporten av genomföranden
          db backup <fil> [--force]        en konsekvent kopia av SQLite-databasen medan webbplatsen kör
          privacy anonymise [--agency <kod>] [--dry-run]   anonymiserar de som slutat längre sedan än myndighetens gallringstid
        Utan kommando startar webbplatsen.
        """;

    public static string? Find(string[] args) => args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var rest = args.Skip(2).ToArray();
        try
        {
            return (args[0], args.ElementAtOrDefault(1)) switch
            {
                ("content", "check") => await ContentCommands.CheckAsync(rest, output, error),
                ("content", "import") => await ContentCommands.ImportAsync(rest, output, error),
                ("content", "inspect") => ContentCommands.Inspect(rest, output, error),
                ("content", "import-questions") => ContentCommands.ImportQuestions(rest, output, error),
                ("content", "export-questions") => ContentCommands.ExportQuestions(rest, output, error),
                ("seed", "demo") => await SeedCommands.DemoAsync(rest, output, error),
                ("admin", "create") => await AdminCommands.CreateAsync(rest, output, error),
                ("users", "import") => await UserCommands.ImportAsync(rest, output, error),
                ("completions", "import") => await CompletionCommands.ImportAsync(rest, output, error),
                ("reminders", "run") => await ReminderCommands.RunAsync(rest, output, error),
                ("export", "completions") => await ExportCommands.CompletionsAsync(rest, output, error),
                ("db", "backup") => await DbCommands.BackupAsync(rest, output, error),
                ("privacy", "anonymise") => await PrivacyCommands.AnonymiseAsync(rest, output, error),
                _ => Unknown(args, error),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Fel: {e.Message}");
            return 1;
        }
    }

    private static int Unknown(string[] args, TextWriter error)
    {
        error.WriteLine($"Okänt kommando: {string.Join(' ', args.Take(2))}");
        error.WriteLine(Usage);
        return 2;
    }
}
