using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Training.Core.Content;
using Training.Core.Gift;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Commands;

public static class ContentCommands
{
    /// <summary>
    /// <c>content check [dir]</c>: prints each problem as <c>path:line: message</c>; exit 1 on any error, 0 otherwise
    /// (warnings alone keep 0). Warns about modules whose files changed since their version was stored.
    /// </summary>
    public static async Task<int> CheckAsync(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = Configuration();
        var typed = args.FirstOrDefault(a => !a.StartsWith('-'));
        var folder = typed is null ? TrainingApp.ContentPath(configuration) : Path.GetFullPath(typed);
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync($"Mappen finns inte: {typed ?? folder}");
            return 1;
        }
        var content = ContentLoader.Load(folder, typed?.TrimEnd('/', '\\') ?? ContentPaths.Display(folder));
        var problems = content.Problems.Concat(await ChangedWithoutVersionBumpAsync(content, configuration)).ToList();
        foreach (var problem in problems)
        {
            await output.WriteLineAsync(problem.ToString());
        }
        var errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
        await error.WriteLineAsync(
            $"{content.Modules.Count} moduler och {content.Tracks.Count} spår kontrollerade: {errors} fel, {problems.Count - errors} varningar.");
        return errors > 0 ? 1 : 0;
    }

    /// <summary>
    /// <c>content import [dir]</c>: what the site does at start, on demand: each module in the content folder whose files
    /// (by hash) no stored version has gets a new version; unchanged modules do nothing. Prints one line per module
    /// (new version x.y, unchanged, or not stored) and each problem as <c>path:line: message</c>. A module with errors
    /// is left out and its stored versions stay as they are; exit 1 when any error was found, 0 otherwise, 2 for a usage
    /// error.
    /// </summary>
    public static async Task<int> ImportAsync(string[] args, TextWriter output, TextWriter error)
    {
        var typed = args.Where(a => !a.StartsWith('-')).ToList();
        if (typed.Count > 1 || args.Any(a => a.StartsWith('-')))
        {
            await error.WriteLineAsync("Användning: content import [mapp]");
            return 2;
        }
        await using var app = TrainingApp.Build(["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Training.Web.Content.ContentImporter=None"]);
        var folder = typed.Count == 1 ? Path.GetFullPath(typed[0]) : TrainingApp.ContentPath(app.Services.GetRequiredService<IConfiguration>());
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync($"Mappen finns inte: {typed.FirstOrDefault() ?? ContentPaths.Display(folder)}");
            return 1;
        }
        using (var scope = app.Services.CreateScope())
        {
            await DatabaseSetup.PrepareAsync(scope.ServiceProvider);
        }
        var import = await app.Services.GetRequiredService<ContentImporter>().ImportWithReportAsync(folder);
        foreach (var module in import.Modules.OrderBy(m => m.ModuleId, StringComparer.Ordinal))
        {
            await output.WriteLineAsync(module.Outcome switch
            {
                ModuleImportOutcome.Stored => $"{module.ModuleId}: ny version {module.Version}",
                ModuleImportOutcome.Unchanged => $"{module.ModuleId}: oförändrad (version {module.Version})",
                _ => new ContentProblem(module.IndexPath, 1, $"modulen kunde inte lagras ({module.Error}); dess lagrade versioner är orörda.").ToString(),
            });
        }
        foreach (var problem in import.Content.Problems)
        {
            await output.WriteLineAsync(problem.ToString());
        }
        var errors = import.Content.Problems.Count(p => p.Severity == ProblemSeverity.Error) + import.Modules.Count(m => m.Outcome == ModuleImportOutcome.Failed);
        var stored = import.Modules.Count(m => m.Outcome == ModuleImportOutcome.Stored);
        await error.WriteLineAsync(
            $"{import.Modules.Count} moduler lästa: {stored} nya versioner, {import.Modules.Count - stored - import.Modules.Count(m => m.Outcome == ModuleImportOutcome.Failed)} oförändrade, {errors} fel.");
        return errors > 0 ? 1 : 0;
    }

    /// <summary>
    /// <c>content inspect &lt;file&gt; --json</c>: a module (its index.md or folder) as the design §7 JSON, or a question
    /// file (.gift or Moodle .xml) as <c>{"questions": [...], "errors": [...]}</c>: the questions it could read and a
    /// problem for each it could not. Problems also go to standard error; exit 1 on any error (a module with errors
    /// prints no JSON).
    /// </summary>
    public static int Inspect(string[] args, TextWriter output, TextWriter error)
    {
        var typed = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (typed is null || args.Any(a => a.StartsWith('-') && a != "--json"))
        {
            error.WriteLine("Användning: content inspect <index.md | modulmapp | fil.gift | fil.xml> --json");
            return 2;
        }
        var path = Path.GetFullPath(typed);
        var display = typed.Replace('\\', '/');
        if (File.Exists(path) && IsQuestionFile(path))
        {
            if (ReadQuestionFile(path, display, fileUrl: null, error) is not { } bank)
            {
                return 1;
            }
            var problems = bank.Problems;
            WriteProblems(problems, error);
            output.WriteLine(ToJson(ContentInspect.QuestionFile(bank.Questions, problems)));
            return problems.Any(p => p.Severity == ProblemSeverity.Error) ? 1 : 0;
        }
        if (Directory.Exists(path) || (File.Exists(path) && Path.GetFileName(path) == "index.md"))
        {
            var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
            var displayFolder = Directory.Exists(path) ? display.TrimEnd('/') : Path.GetDirectoryName(display)?.Replace('\\', '/') ?? "";
            var (module, moduleProblems) = ModuleLoader.Load(folder, displayFolder);
            IReadOnlyList<ContentProblem> problems = module is null && moduleProblems.Count == 0
                ? [new ContentProblem(display, 1, "modulen kunde inte läsas.")]
                : moduleProblems;
            WriteProblems(problems, error);
            if (module is null || problems.Any(p => p.Severity == ProblemSeverity.Error))
            {
                return 1;
            }
            output.WriteLine(ToJson(ContentInspect.Module(module)));
            return 0;
        }
        error.WriteLine($"Filen finns inte eller är varken index.md, en modulmapp, en .gift- eller en .xml-fil: {typed}");
        return 1;
    }

    /// <summary>
    /// <c>content import-questions &lt;file.gift | file.xml&gt; &lt;module-id&gt; [--content dir]</c>: adds the good questions
    /// of a question bank to the module's <c>quiz.gift</c> (written by the GIFT writer) and its embedded images to the
    /// module's <c>bilder/</c>. Each question left out is reported at its line; exit 1 when any was left out.
    /// </summary>
    public static int ImportQuestions(string[] args, TextWriter output, TextWriter error)
    {
        var (positional, contentOption) = SplitContentOption(args);
        if (positional.Count != 2 || contentOption is "")
        {
            error.WriteLine("Användning: content import-questions <fil.gift | fil.xml> <modul-id> [--content <mapp>]");
            return 2;
        }
        var (typed, moduleId) = (positional[0], positional[1]);
        var path = Path.GetFullPath(typed);
        if (!File.Exists(path) || !IsQuestionFile(path))
        {
            error.WriteLine($"Filen finns inte eller är varken en .gift- eller en .xml-fil: {typed}");
            return 1;
        }
        var root = contentOption is null ? TrainingApp.ContentPath(Configuration()) : Path.GetFullPath(contentOption);
        var module = Directory.Exists(root)
            ? ContentLoader.Load(root, contentOption?.TrimEnd('/', '\\') ?? ContentPaths.Display(root)).Modules.FirstOrDefault(m => m.Id == moduleId)
            : null;
        if (module is null)
        {
            error.WriteLine($"Modulen ”{moduleId}” finns inte i {contentOption ?? ContentPaths.Display(root)} (eller har fel som hindrar att den läses; kör content check).");
            return 1;
        }

        const string ImageFolder = "bilder";
        var bank = ReadQuestionFile(path, typed.Replace('\\', '/'), name => ModuleFiles.Url(module.Id, $"{ImageFolder}/{name}"), error);
        if (bank is null)
        {
            return 1;
        }
        var (accepted, refused) = QuestionBankImport.Plan([.. module.GradedQuestions], bank.Questions);
        var problems = bank.Problems.Concat(refused).OrderBy(p => p.Line).ToList();
        var files = bank.Files.Where(f => accepted.Any(q => q.FormattedTexts().Any(t => t.Text.Contains($"/{ImageFolder}/{f.Name}", StringComparison.Ordinal)))).ToList();
        var clash = files.FirstOrDefault(f => File.Exists(Path.Combine(module.Folder!, ImageFolder, f.Name))
                                             && !File.ReadAllBytes(Path.Combine(module.Folder!, ImageFolder, f.Name)).AsSpan().SequenceEqual(f.Bytes));
        if (clash is not null)
        {
            error.WriteLine($"{ImageFolder}/{clash.Name} finns redan i modulen med annat innehåll; inget lades till. Byt namn på bilden i filen.");
            return 1;
        }
        WriteProblems(problems, error);
        if (accepted.Count > 0)
        {
            foreach (var file in files)
            {
                Directory.CreateDirectory(Path.Combine(module.Folder!, ImageFolder));
                File.WriteAllBytes(Path.Combine(module.Folder!, ImageFolder, file.Name), file.Bytes);
            }
            var quizFile = Path.Combine(module.Folder!, "quiz.gift");
            var existing = File.Exists(quizFile) ? ModuleLoader.ReadText(quizFile) : "";
            var separator = existing.Length == 0 ? "" : existing.EndsWith("\n\n", StringComparison.Ordinal) ? "" : existing.EndsWith('\n') ? "\n" : "\n\n";
            File.WriteAllText(quizFile, existing + separator + GiftWriter.Write(accepted));
        }
        var refusedCount = problems.Count(p => p.Severity == ProblemSeverity.Error);
        output.WriteLine($"{accepted.Count} frågor lades till i modulens quiz.gift ({module.Id}), {files.Count} bilder i {ImageFolder}/; {refusedCount} lämnades utanför.");
        if (accepted.Count > 0)
        {
            output.WriteLine("Höj modulens version i index.md innan innehållet importeras, så att ändringen blir en ny version.");
        }
        return refusedCount > 0 ? 1 : 0;
    }

    /// <summary>
    /// <c>content export-questions &lt;module-id&gt; --format gift|xml [--content dir]</c>: the module's graded pool as GIFT or
    /// as Moodle XML, for Moodle's importer, on standard output.
    /// </summary>
    public static int ExportQuestions(string[] args, TextWriter output, TextWriter error)
    {
        var format = args.SkipWhile(a => a != "--format").Skip(1).FirstOrDefault();
        var rest = args.Where((a, i) => a != "--format" && (i == 0 || args[i - 1] != "--format")).ToArray();
        var (positional, contentOption) = SplitContentOption(rest);
        if (positional.Count != 1 || format is not ("gift" or "xml") || contentOption is "")
        {
            error.WriteLine("Användning: content export-questions <modul-id> --format gift|xml [--content <mapp>]");
            return 2;
        }
        var root = contentOption is null ? TrainingApp.ContentPath(Configuration()) : Path.GetFullPath(contentOption);
        var module = Directory.Exists(root) ? ContentLoader.Load(root, ContentPaths.Display(root)).Modules.FirstOrDefault(m => m.Id == positional[0]) : null;
        if (module is null)
        {
            error.WriteLine($"Modulen ”{positional[0]}” finns inte (eller har fel som hindrar att den läses; kör content check).");
            return 1;
        }
        GiftQuestion[] pool = [.. module.GradedQuestions];
        output.Write(format == "xml" ? MoodleXmlWriter.Write(pool) : GiftWriter.Write(pool));
        return 0;
    }

    private sealed record QuestionFile(IReadOnlyList<GiftQuestion> Questions, IReadOnlyList<ContentProblem> Problems, IReadOnlyList<EmbeddedFile> Files);

    private static bool IsQuestionFile(string path) =>
        path.EndsWith(".gift", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    private static QuestionFile? ReadQuestionFile(string path, string display, Func<string, string>? fileUrl, TextWriter error)
    {
        try
        {
            if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                using var stream = File.OpenRead(path);
                var xml = MoodleXmlReader.Read(stream, display, fileUrl);
                return new QuestionFile(xml.Questions, xml.Errors, xml.Files);
            }
            var gift = GiftParser.Parse(ModuleLoader.ReadText(path), display);
            return new QuestionFile(gift.Questions, gift.Errors, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(new ContentProblem(display, 0, e is FileNotFoundException ? "filen finns inte (en länk som pekar på en fil som inte finns?)." : "filen kunde inte läsas.").ToString());
            return null;
        }
    }

    /// <summary>The positional arguments, and the value of <c>--content</c> (null when absent, empty when it has no value).</summary>
    private static (List<string> Positional, string? Content) SplitContentOption(string[] args)
    {
        var positional = new List<string>();
        string? content = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--content")
            {
                content = i + 1 < args.Length ? args[++i] : "";
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        return (positional, content);
    }

    private static void WriteProblems(IEnumerable<ContentProblem> problems, TextWriter error)
    {
        foreach (var problem in problems)
        {
            error.WriteLine(problem.ToString());
        }
    }

    private static string ToJson(JsonObject json) =>
        json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static IConfiguration Configuration() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production"}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

    /// <summary>A module whose (id, version) is stored with other files than now will get a new stored version on the next start.</summary>
    private static async Task<IEnumerable<ContentProblem>> ChangedWithoutVersionBumpAsync(ContentSet content, IConfiguration configuration)
    {
        if (TrainingDatabase.ProviderOf(configuration[TrainingDatabase.ProviderSetting]) == DatabaseProvider.Sqlite
            && (Data.Sqlite.SqliteDatabase.File(configuration.GetConnectionString("Training") ?? Data.Sqlite.SqliteDatabase.DefaultConnectionString) is not { } file || !File.Exists(file)))
        {
            return [];
        }
        var options = new DbContextOptionsBuilder<TrainingDbContext>();
        TrainingDatabase.From(configuration).Configure(options);
        await using var db = new TrainingDbContext(options.Options);
        List<(string ModuleId, string Version, string ContentHash)> stored;
        try
        {
            stored = (await db.ModuleVersions.Select(v => new { v.ModuleId, v.Version, v.ContentHash }).ToListAsync())
                .Select(v => (v.ModuleId, v.Version, v.ContentHash)).ToList();
        }
        catch (DbException)
        {
            return []; // a database not yet migrated has nothing to compare with
        }
        return content.Modules
            .Where(m => stored.Any(s => s.ModuleId == m.Id && s.Version == m.Version.ToString())
                        && !stored.Contains((m.Id, m.Version.ToString(), m.ContentHash)))
            .Select(m => new ContentProblem(m.IndexPath, 1,
                $"filerna har ändrats sedan version {m.Version} lagrades: höj versionen (annars lagras de som nästa version efter den högsta lagrade).",
                ProblemSeverity.Warning));
    }
}
