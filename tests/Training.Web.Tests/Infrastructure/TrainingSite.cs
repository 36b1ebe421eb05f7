using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Tests.Infrastructure;

/// <summary>
/// The real site in the "Testing" environment on its own SQLite file in a temporary folder. The content is the
/// repository's content/ unless a test gives its own folder. Creating it does not start it: call <see cref="StartAsync"/>.
/// </summary>
public class TrainingSite : WebApplicationFactory<Program>
{
    public TrainingSite(string? contentPath = null, string? dataFolder = null)
    {
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("training-test-").FullName;
        ContentPath = contentPath ?? RepositoryPaths.Content;
    }

    public string DataFolder { get; }

    public string ContentPath { get; }

    public string DatabaseFile => Path.Combine(DataFolder, "training.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Training", $"Data Source={DatabaseFile}");
        builder.UseSetting("Content:Path", ContentPath);
        builder.UseSetting("Email:PickupDirectory", Path.Combine(DataFolder, "mail"));
    }

    /// <summary>Starts the host and waits until /health says start-up work is done.</summary>
    public async Task<HttpClient> StartAsync()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
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

    public ContentImporter Importer => Services.GetRequiredService<ContentImporter>();

    public T WithDb<T>(Func<TrainingDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<TrainingDbContext>());
    }
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

/// <summary>One site shared by the HTTP tests of a collection (start-up and migrations once).</summary>
public sealed class SharedSite : IAsyncLifetime
{
    public TrainingSite Site { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync() => Client = await Site.StartAsync();

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SharedSite>
{
    public const string Name = "site";
}
