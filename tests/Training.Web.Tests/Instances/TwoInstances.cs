using System.Diagnostics;
using System.Net.Sockets;
using Training.Web.Employees;
using Training.Web.Tests.Infrastructure;

namespace Training.Web.Tests.Instances;

/// <summary>
/// Two instances of the site as separate processes (<c>dotnet Training.Web.dll --urls …</c>, Development, settings from
/// environment variables as an operator would give them) on one database: a new SQLite file, or a new PostgreSQL database
/// when <c>TRAINING_TEST_POSTGRES</c> holds a base connection string. Beside them, <see cref="Site"/> runs in the test
/// process on the same database to create people and read what the instances did; it runs no imports or reminders.
/// The instances start one after the other, each once the one before is ready.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public const string PostgresVariable = TestDatabase.Variable;

    public const string QuizModule = """
        ---
        id: prov
        title: Provmodulen
        version: "1.0"
        valid_for_months: 12
        quiz:
          pass_mark: 100
          questions: 2
        ---
        ## Första

        Text.

        ## Andra

        Mer text.

        ```gift
        // [id:f1]
        ::Ett:: Är ett ett? {T}

        // [id:f2]
        ::Två:: Är två tre? {F}
        ```
        """;

    private readonly TempFolder folder = new();
    private SharedDatabase database = null!;

    public TrainingSite Site { get; private set; } = null!;

    public SiteProcess A { get; private set; } = null!;

    public SiteProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        folder.Write("content/modules/prov/index.md", QuizModule);
        File.Copy(Path.Combine(RepositoryPaths.Content, "agencies.yml"), Path.Combine(folder.Path, "content", "agencies.yml"));
        var data = Directory.CreateDirectory(Path.Combine(folder.Path, "data")).FullName;
        database = await SharedDatabase.CreateAsync(data);

        Site = new TrainingSite(Path.Combine(folder.Path, "content"), data);
        foreach (var (name, value) in database.Settings)
        {
            Site.Settings[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }
        Site.Settings[ImportJobs.RunSetting] = "false";
        await Site.StartAsync();

        var settings = new Dictionary<string, string>(database.Settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Content__Path"] = Site.ContentPath,
            ["Email__PickupDirectory"] = Site.MailFolder,
            ["Site__BaseUrl"] = "https://training.test",
            ["Demo__SeedOnStart"] = "false",
            ["Reminders__Enabled"] = "false",
            ["Security__RequireTwoFactorForStaff"] = "false",
            ["Security__SignInsPerMinute"] = "100000",
            ["Security__SignInsPerMinutePerAddress"] = "100000",
        };
        A = await SiteProcess.StartAsync("A", data, settings);
        B = await SiteProcess.StartAsync("B", data, settings);
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in new[] { A, B })
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }
        if (Site is not null)
        {
            await Site.DisposeAsync();
        }
        if (database is not null)
        {
            await database.DisposeAsync();
        }
        folder.Dispose();
    }

    /// <summary>One person's browser: one cookie jar, used against either instance (cookies do not depend on the port).</summary>
    public Browser NewBrowser() => new(A.BaseAddress, B.BaseAddress);

    /// <summary>What both instances printed, for a failure message.</summary>
    public string Output() => $"--- A ---\n{A.Output()}\n--- B ---\n{B.Output()}";
}

public sealed class Browser : IDisposable
{
    private readonly HttpClientHandler handler = new() { AllowAutoRedirect = false, UseCookies = true };

    public Browser(Uri a, Uri b)
    {
        OnA = new HttpClient(handler, disposeHandler: false) { BaseAddress = a };
        OnB = new HttpClient(handler, disposeHandler: false) { BaseAddress = b };
    }

    public HttpClient OnA { get; }

    public HttpClient OnB { get; }

    /// <summary>Signs in through the real form on A, or on B.</summary>
    public async Task SignInAsync(string email, bool onB = false)
    {
        var response = await Forms.PostAsync(onB ? OnB : OnA, "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = TrainingSite.Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Inloggningen för {email} gav {(int)response.StatusCode}: {Forms.Errors(await response.Content.ReadAsStringAsync())}");
    }

    public void Dispose()
    {
        OnA.Dispose();
        OnB.Dispose();
        handler.Dispose();
    }
}

/// <summary>
/// The database both instances share, as the settings that name it. SQLite: a new file in the data folder. PostgreSQL
/// (<see cref="TwoInstances.PostgresVariable"/> set): a new database on that server, dropped at the end.
/// </summary>
public sealed class SharedDatabase : IAsyncDisposable
{
    private readonly Func<Task> drop;

    private SharedDatabase(IReadOnlyDictionary<string, string> settings, Func<Task> drop)
    {
        Settings = settings;
        this.drop = drop;
    }

    /// <summary>Settings as environment variable names (<c>__</c>); the in-process site reads them the same way.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public static Task<SharedDatabase> CreateAsync(string dataFolder) =>
        Task.FromResult(TestDatabase.IsPostgres
            ? CreatePostgres(dataFolder)
            : new SharedDatabase(new Dictionary<string, string>
            {
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__Training"] = $"Data Source={Path.Combine(dataFolder, "training.db")}",
            }, () => Task.CompletedTask));

    /// <summary>
    /// A new PostgreSQL database for the data folder (<see cref="TestDatabase.For"/>: the in-process site on the same
    /// folder finds the same one), dropped at the end.
    /// </summary>
    private static SharedDatabase CreatePostgres(string dataFolder)
    {
        var created = TestDatabase.For(dataFolder);
        return new SharedDatabase(new Dictionary<string, string>
        {
            ["Database__Provider"] = created.Provider.ToString(),
            ["ConnectionStrings__Training"] = created.ConnectionString,
        }, () =>
        {
            created.Dispose();
            return Task.CompletedTask;
        });
    }

    public async ValueTask DisposeAsync() => await drop();
}

/// <summary>The site started as its own process from the built Training.Web.dll.</summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private SiteProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<SiteProcess> StartAsync(string name, string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [BuiltSite(), "--urls", baseAddress.ToString()])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var variable in new[] { "ASPNETCORE_URLS", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(variable);
        }
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        // A home of its own, as on a machine of its own: what an instance keeps in its user profile (data protection's
        // default key folder, ~/.aspnet) the other cannot see.
        start.Environment["HOME"] = Directory.CreateDirectory(Path.Combine(workingDirectory, "home-" + name)).FullName;
        var site = new SiteProcess(Process.Start(start)!, baseAddress);
        site.process.OutputDataReceived += (_, e) => site.Record(name, e.Data);
        site.process.ErrorDataReceived += (_, e) => site.Record(name, e.Data);
        site.process.BeginOutputReadLine();
        site.process.BeginErrorReadLine();
        await site.WaitForHealthAsync();
        return site;
    }

    /// <summary>
    /// The Training.Web.dll the test project's build made: the web project's own output in the same configuration, or the
    /// copy beside the tests (with its runtimeconfig and deps files, so <c>dotnet</c> runs it as the site).
    /// </summary>
    private static string BuiltSite()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var own = Path.Combine(RepositoryPaths.Root, "src", "Training.Web", "bin", configuration, framework, "Training.Web.dll");
        var beside = Path.Combine(AppContext.BaseDirectory, "Training.Web.dll");
        return File.Exists(own) ? own : beside;
    }

    private void Record(string name, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Add($"{name}: {line}");
            }
        }
    }

    public string Output()
    {
        lock (output)
        {
            return string.Join('\n', output.TakeLast(80));
        }
    }

    private async Task WaitForHealthAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            Assert.False(process.HasExited, "Webbplatsen avslutades:\n" + Output());
            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "/health svarade inte 200 inom två minuter:\n" + Output());
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
