using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Training.Web.Accounts;
using Training.Web.Infrastructure;

namespace Training.Web.Tests.Infrastructure;

/// <summary>Health probes, log lines that cannot be forged, and telemetry that is off unless configured.</summary>
[Collection(EnvironmentCollection.Name)]
public class OperationsTests
{
    private const string Forged = "Anna\r\nfail: Microsoft.AspNetCore.Server[0] admin@polisen.se signed in\nNästa";

    [Fact]
    public async Task BothProbes_AreHealthy_ForAnyone_OnceTheSiteHasStarted()
    {
        await using var site = new TrainingSite();
        var client = await site.StartAsync();

        foreach (var probe in new[] { "/health/live", "/health/ready" })
        {
            var response = await client.GetAsync(new Uri(probe, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
            Assert.True(response.Headers.CacheControl?.NoCache == true || response.Headers.CacheControl?.NoStore == true, probe);
        }
    }

    [SqliteFact] // a folder where the SQLite file should be
    public async Task WhenTheDatabaseCannotBeOpened_TheProcessIsLive_ButNotReady_AndSaysNothingMore()
    {
        await using var site = new TrainingSite();
        Directory.CreateDirectory(site.DatabaseFile); // a folder where the database file should be
        var client = site.NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await (await client.GetAsync(new Uri("/health", UriKind.Relative))).Content.ReadAsStringAsync() != "start-up failed")
        {
            Assert.True(DateTime.UtcNow < deadline, "start-up never failed");
            await Task.Delay(100);
        }

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        var polls = new List<HttpResponseMessage>();
        for (var poll = 0; poll < 5; poll++)
        {
            polls.Add(await client.GetAsync(new Uri("/health/ready", UriKind.Relative)));
        }

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        foreach (var ready in polls)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
            Assert.True(ready.Headers.CacheControl?.NoStore == true);
        }
        // The failed start-up is logged once; a load balancer's polls add nothing to the log.
        Assert.Single(site.Errors, e => e.Contains("Uppstarten misslyckades", StringComparison.Ordinal));
        Assert.DoesNotContain(site.Errors, e => e.Contains("HealthCheck", StringComparison.Ordinal));
    }

    [Fact]
    public void LogText_WritesLineBreaksAndControlCharacters_AsEscapes_OnOneLine()
    {
        var safe = LogText.Safe(Forged + "\u0007\u2028");

        Assert.DoesNotContain('\n', safe);
        Assert.DoesNotContain('\r', safe);
        Assert.StartsWith(@"Anna\r\nfail: Microsoft.AspNetCore.Server[0]", safe, StringComparison.Ordinal);
        Assert.EndsWith(@"\nNästa\u0007\u2028", safe, StringComparison.Ordinal);
        Assert.Equal("Anna Svensson", LogText.Safe("Anna Svensson"));
        Assert.True(LogText.Safe(new string('x', 10_000)).Length <= LogText.MaximumLength + 1);
    }

    [Fact]
    public async Task AnEmailSubjectWithALineBreakAndAFakeLogPrefix_IsLoggedAsOneEscapedField()
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var site = new TrainingSite { TestServices = services => services.AddSingleton<ILoggerProvider>(new LineCollector(lines)) };
        await site.StartAsync();

        await site.Services.GetRequiredService<EmailSender>().SendAsync("mottagare@polisen.se", Forged, "Hej");

        var line = Assert.Single(lines, l => l.Contains("E-post skickad", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.Contains(@"E-post skickad: Anna\r\nfail: Microsoft.AspNetCore.Server[0]", line, StringComparison.Ordinal);
        Assert.DoesNotContain("mottagare@polisen.se", line, StringComparison.Ordinal);
    }

    [Fact]
    public void OutsideDevelopment_TheConsoleLogIsJson_WithEachValueOneEscapedField()
    {
        var settings = new ConfigurationBuilder().SetBasePath(Path.Combine(RepositoryPaths.Root, "src", "Training.Web"))
            .AddJsonFile("appsettings.json").Build();
        Assert.Equal(ConsoleFormatterNames.Json, settings["Logging:Console:FormatterName"]);

        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            using var factory = LoggerFactory.Create(logging =>
            {
                logging.AddConsole(options => options.FormatterName = ConsoleFormatterNames.Json);
                Logs.UseReadableJson(logging.Services);
            });
            NameLogged(factory.CreateLogger("Training.Test"), Forged, null);
        }
        finally
        {
            Console.SetOut(original);
        }

        var line = Assert.Single(captured.ToString().Split('\n'), l => l.Contains("Training.Test", StringComparison.Ordinal));
        using var entry = JsonDocument.Parse(line);
        Assert.Equal(Forged, entry.RootElement.GetProperty("State").GetProperty("Name").GetString());
        Assert.Contains("Nästa", line, StringComparison.Ordinal); // Swedish letters stay readable
    }

    private static readonly Action<ILogger, string, Exception?> NameLogged =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(1), "Namn: {Name}");

    [Fact]
    public async Task WithoutAnOtlpEndpoint_NoTelemetryIsRegistered()
    {
        await using var site = new TrainingSite();
        await site.StartAsync();

        Assert.Null(site.Services.GetService<MeterProvider>());
        Assert.Null(site.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task WithAnOtlpEndpoint_MetricsAndTracesAreOn_AndTheSiteStillStarts()
    {
        await using var site = new TrainingSite();
        // Nothing listens there: an exporter that cannot deliver must not stop the site.
        await using var traced = site.WithWebHostBuilder(builder => builder.UseSetting(Telemetry.EndpointSetting, "http://127.0.0.1:9"));
        var client = traced.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
        {
            Assert.True(DateTime.UtcNow < deadline, "the site with telemetry on never became ready");
            await Task.Delay(100);
        }

        Assert.NotNull(traced.Services.GetService<MeterProvider>());
        Assert.NotNull(traced.Services.GetService<TracerProvider>());
        Assert.True((int)(await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode < 500);
    }

    /// <summary>Every formatted log message, at every level.</summary>
    private sealed class LineCollector(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
