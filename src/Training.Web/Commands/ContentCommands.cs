using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
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
    /// <c>content inspect &lt;file&gt; --json</c>: a module (its index.md or folder) or a .gift file as the design §7 JSON.
    /// Problems go to standard error with exit 1, and then no JSON is printed.
    /// </summary>
    public static int Inspect(string[] args, TextWriter output, TextWriter error)
    {
        var typed = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (typed is null || args.Any(a => a.StartsWith('-') && a != "--json"))
        {
            error.WriteLine("Användning: content inspect <index.md | modulmapp | fil.gift> --json");
            return 2;
        }
        var path = Path.GetFullPath(typed);
        var display = typed.Replace('\\', '/');
        JsonObject json;
        IReadOnlyList<ContentProblem> problems;
        if (File.Exists(path) && path.EndsWith(".gift", StringComparison.OrdinalIgnoreCase))
        {
            string text;
            try
            {
                text = ModuleLoader.ReadText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine(new ContentProblem(display, 0, e is FileNotFoundException ? "filen finns inte (en länk som pekar på en fil som inte finns?)." : "filen kunde inte läsas.").ToString());
                return 1;
            }
            var parsed = GiftParser.Parse(text, display);
            (json, problems) = (ContentInspect.GiftFile(parsed.Questions), parsed.Errors);
        }
        else if (Directory.Exists(path) || (File.Exists(path) && Path.GetFileName(path) == "index.md"))
        {
            var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
            var displayFolder = Directory.Exists(path) ? display.TrimEnd('/') : Path.GetDirectoryName(display)?.Replace('\\', '/') ?? "";
            var (module, moduleProblems) = ModuleLoader.Load(folder, displayFolder);
            problems = moduleProblems;
            json = module is null ? [] : ContentInspect.Module(module);
            if (module is null && problems.Count == 0)
            {
                problems = [new ContentProblem(display, 1, "modulen kunde inte läsas.")];
            }
        }
        else
        {
            error.WriteLine($"Filen finns inte eller är varken index.md, en modulmapp eller en .gift-fil: {typed}");
            return 1;
        }
        foreach (var problem in problems)
        {
            error.WriteLine(problem.ToString());
        }
        if (problems.Any(p => p.Severity == ProblemSeverity.Error))
        {
            return 1;
        }
        output.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return 0;
    }

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
        var file = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Training") ?? "Data Source=data/training.db").DataSource;
        if (string.IsNullOrEmpty(file) || !File.Exists(Path.GetFullPath(file)))
        {
            return [];
        }
        var options = new DbContextOptionsBuilder<TrainingDbContext>();
        TrainingApp.UseDatabase(options, TrainingApp.ConnectionString(configuration));
        await using var db = new TrainingDbContext(options.Options);
        List<(string ModuleId, string Version, string ContentHash)> stored;
        try
        {
            stored = (await db.ModuleVersions.Select(v => new { v.ModuleId, v.Version, v.ContentHash }).ToListAsync())
                .Select(v => (v.ModuleId, v.Version, v.ContentHash)).ToList();
        }
        catch (SqliteException)
        {
            return []; // a database not yet migrated has nothing to compare with
        }
        return content.Modules
            .Where(m => stored.Any(s => s.ModuleId == m.Id && s.Version == m.Version.ToString())
                        && !stored.Contains((m.Id, m.Version.ToString(), m.ContentHash)))
            .Select(m => new ContentProblem(m.IndexPath, 1,
                $"filerna har ändrats sedan version {m.Version} lagrades: höj versionen (annars lagras en ny version med samma nummer).",
                ProblemSeverity.Warning));
    }
}
