using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Tests.Infrastructure;

/// <summary>
/// The real site on its own SQLite file in a temporary folder, in the Development environment as the README's
/// <c>dotnet run</c> starts it (scopes validated; the demo only where <see cref="SeedDemo"/> asks for it), unless a test
/// names another. The content is the repository's content/ unless a test gives its own folder. Creating it does not
/// start it: call <see cref="StartAsync"/>.
/// </summary>
public partial class TrainingSite : WebApplicationFactory<Program>
{
    public const string Password = "en helt vanlig testfras";

    public TrainingSite(string? contentPath = null, string? dataFolder = null, string environment = "Development")
    {
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("training-test-").FullName;
        // A site given its folder may be started again on it; its PostgreSQL database then lives until the test run ends.
        Database = TestDatabase.For(DataFolder);
        if (dataFolder is not null)
        {
            var database = Database;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => database.Dispose();
            keepDatabase = true;
        }
        ContentPath = contentPath ?? RepositoryPaths.Content;
        Environment = environment;
        // https, so the Secure session cookie travels as it would in production
        ClientOptions.BaseAddress = new Uri("https://localhost");
    }

    public string DataFolder { get; }

    /// <summary>The site's database (<see cref="TestDatabase"/>): SQLite unless TRAINING_TEST_POSTGRES is set.</summary>
    public TestDatabaseInstance Database { get; }

    private readonly bool keepDatabase;

    public string ContentPath { get; }

    public string Environment { get; }

    public string MailFolder => Path.Combine(DataFolder, "mail");

    /// <summary>Everything the site logged at Error or above, for tests that must show nothing went wrong.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Transactions PostgreSQL aborted for a conflict with another, which were run again (none on SQLite).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Conflicts { get; } = new();

    public string DatabaseFile => Path.Combine(DataFolder, "training.db");

    /// <summary>Set before start to run the site on a fake clock.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Sign-in POSTs allowed per minute and address; high by default so tests are not rate limited.</summary>
    public int SignInsPerMinute { get; init; } = 100_000;

    /// <summary>Whether the first start adds the Development demo (the fixed accounts and 200 made-up employees).</summary>
    public bool SeedDemo { get; init; }

    /// <summary>Further settings, applied last.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Services a test swaps in, e.g. to make a page fail.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Sign-in POSTs allowed per minute and address whatever the account; high by default.</summary>
    public int SignInsPerMinutePerAddress { get; init; } = 100_000;

    /// <summary>Certificate checks (/intyg/{code}) allowed per minute and address; high by default, null for the site's own default.</summary>
    public int? VerificationsPerMinute { get; init; } = 100_000;

    /// <summary>Whether the daily reminder job is scheduled (Reminders:Enabled); off unless a test asks, so no test gets reminders it did not ask for.</summary>
    public bool RemindersEnabled { get; init; }

    /// <summary>Security:RequireTwoFactorForStaff, set explicitly (the site turns it on outside Development by default).</summary>
    public bool RequireTwoFactorForStaff { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Data:Folder", DataFolder);
        builder.UseSetting("Content:Path", ContentPath);
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        builder.UseSetting("Site:BaseUrl", "https://training.test");
        builder.UseSetting("Security:SignInsPerMinute", SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:SignInsPerMinutePerAddress", SignInsPerMinutePerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (VerificationsPerMinute is { } verifications)
        {
            builder.UseSetting("Security:VerificationsPerMinute", verifications.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        builder.UseSetting("Security:RequireTwoFactorForStaff", RequireTwoFactorForStaff ? "true" : "false");
        builder.UseSetting(DemoSeed.OnStartSetting, SeedDemo ? "true" : "false");
        builder.UseSetting("Reminders:Enabled", RemindersEnabled ? "true" : "false");
        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
        if (TestServices is { } testServices)
        {
            builder.ConfigureTestServices(testServices);
        }
        builder.ConfigureLogging(logging => logging
            .AddProvider(new ErrorCollector(Errors, Conflicts))
            .AddFilter<ErrorCollector>(typeof(Training.Web.Data.Postgres.PostgresWrites).FullName, LogLevel.Debug));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!keepDatabase)
        {
            Database.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the host and waits until /health says start-up work is done.</summary>
    public async Task<HttpClient> StartAsync()
    {
        var client = NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
            if (health.IsSuccessStatusCode)
            {
                return client;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/health svarade {(int)health.StatusCode} efter 60 s: {await health.Content.ReadAsStringAsync()}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>A client with its own cookies that does not follow redirects.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    public ContentImporter Importer => Services.GetRequiredService<ContentImporter>();

    public T WithDb<T>(Func<TrainingDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<TrainingDbContext>());
    }

    public async Task WithServicesAsync(Func<IServiceProvider, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider);
    }

    /// <summary>
    /// A confirmed, active person with <see cref="Password"/> in the agency with <paramref name="agencyCode"/> (created
    /// as "Testmyndigheten" with domain test.example when the content has no agencies).
    /// </summary>
    public async Task<User> CreateUserAsync(string email, string agencyCode = "polisen", params string[] roles)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var agency = await db.Agencies.Include(a => a.Units).Include(a => a.JobRoles).FirstOrDefaultAsync(a => a.Code == agencyCode);
        if (agency is null)
        {
            agency = new Agency { Code = agencyCode, Name = $"Testmyndigheten {agencyCode}", Domains = [new AgencyDomain { Domain = $"{agencyCode}.test.example" }] };
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Name = "Test " + email.Split('@')[0],
            AgencyId = agency.Id,
            // the first by id: an Include's order is the database's choice, and PostgreSQL's differs from SQLite's
            UnitId = agency.Units.MinBy(u => u.Id)?.Id,
            JobRoleId = agency.JobRoles.MinBy(r => r.Id)?.Id,
            EmployeeNumber = "T" + Guid.NewGuid().ToString("N")[..8],
            StartDate = new DateOnly(2024, 3, 1),
            CreatedAt = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, [Roles.Learner, .. roles]);
        return user;
    }

    /// <summary>Signs in through the real form (antiforgery token and all) and returns the client holding the session cookie.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = NewClient();
        var response = await Forms.PostAsync(client, "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Inloggningen för {email} gav {(int)response.StatusCode}: {string.Join("; ", Forms.Errors(await response.Content.ReadAsStringAsync()))}");
        return client;
    }

    /// <summary>The e-mails written to the pickup folder, oldest first.</summary>
    public IReadOnlyList<string> Mails() =>
        Directory.Exists(MailFolder) ? Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList() : [];

    /// <summary>The path and query of the first link to this site in an e-mail (quoted-printable soft breaks undone).</summary>
    public static string LinkIn(string mail)
    {
        var text = mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        var match = SiteLink().Match(text);
        Assert.True(match.Success, "Mejlet har ingen länk till webbplatsen:\n" + mail);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"https://training\.test(/[^\s]+)")]
    private static partial Regex SiteLink();
}

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Content => Path.Combine(Root, "content");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Training.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Training.sln hittades inte ovanför testernas mapp.");
    }
}

/// <summary>One site shared by the HTTP tests of a collection (start-up and migrations once), with a signed-in learner.</summary>
public sealed class SharedSite : IAsyncLifetime
{
    public TrainingSite Site { get; } = new();

    /// <summary>A signed-in learner of polisen.</summary>
    public HttpClient Client { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Anonymous = await Site.StartAsync();
        await Site.CreateUserAsync("larande@polisen.se");
        Client = await Site.SignInAsync("larande@polisen.se");
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SharedSite>
{
    public const string Name = "site";
}

/// <summary>Collects log entries at Error and above, and the database's conflicts that were run again.</summary>
public sealed class ErrorCollector(
    System.Collections.Concurrent.ConcurrentQueue<string> errors, System.Collections.Concurrent.ConcurrentQueue<string> conflicts) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors, conflicts);

    public void Dispose()
    {
    }

    private sealed class Logger(
        string category, System.Collections.Concurrent.ConcurrentQueue<string> errors, System.Collections.Concurrent.ConcurrentQueue<string> conflicts) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error || category == typeof(Training.Web.Data.Postgres.PostgresWrites).FullName;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == Training.Web.Data.Postgres.PostgresWrites.RunAgainEvent)
            {
                conflicts.Enqueue(formatter(state, exception));
            }
            else if (logLevel >= LogLevel.Error)
            {
                errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.Message}");
            }
        }
    }
}
