using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Training.Core.Employees;
using Training.Web.Employees;

namespace Training.Web.Tests.Employees;

/// <summary>The site's database, on a clock the tests move, for the import store's tests.</summary>
public sealed class ImportStoreSite : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    public TrainingSite Site { get; private set; } = null!;

    public ImportStore Store => Site.Services.GetRequiredService<ImportStore>();

    public async Task InitializeAsync()
    {
        // This site runs no imports itself: the tests play the instances that claim them.
        Site = new TrainingSite { Clock = Clock, Settings = { [ImportJobs.RunSetting] = "false" } };
        await Site.StartAsync();
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

/// <summary>
/// Unconfirmed previews hold whole HR files (issue 13, item 12): few are kept per person. Each test uploads as people of
/// its own, so the tests do not see each other's previews.
/// </summary>
public sealed class ImportStoreTests(ImportStoreSite fixture) : IClassFixture<ImportStoreSite>
{
    private readonly ImportStore store = fixture.Store;
    private readonly string prefix = Guid.NewGuid().ToString("N")[..8] + "-";

    private async Task<string> PreviewAsync(string uploader, int agencyId, string file)
    {
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var import = new StoredImport
        {
            Id = ImportStore.NewId(),
            AgencyId = agencyId,
            AgencyName = "Myndighet " + agencyId,
            UploaderId = prefix + uploader,
            UploaderLabel = uploader,
            FileName = "personal.csv",
            UploadedAt = fixture.Clock.GetUtcNow().UtcDateTime,
            State = ImportState.Preview,
            Preview = new ImportResult(new ImportCounts(1, 0, 0, 0, 1), [new RowError(2, new ImportReason("Raden saknar {0}.", ["e-post"]))], null),
        };
        await store.CreateAsync(import, System.Text.Encoding.UTF8.GetBytes(file));
        return import.Id;
    }

    private async Task<bool> KeptAsync(string id) => await store.FindAsync(id) is not null && await store.HasFileAsync(id);

    private int StoredOf(string uploader) => fixture.Site.WithDb(db => db.EmployeeImports.Count(i => i.UploaderId == prefix + uploader));

    [Fact]
    public async Task APersonKeepsAtMostThreePreviews_TheOldestGoesFirst()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await PreviewAsync("hr-1", 1, $"fil {i}"));
        }

        var kept = await Task.WhenAll(ids.Select(KeptAsync));

        Assert.Equal(new[] { false, false, true, true, true }, kept);
        Assert.Equal(ImportStore.PreviewsPerPerson, StoredOf("hr-1"));
        Assert.Equal(ImportStore.PreviewsPerPerson, fixture.Site.WithDb(db => db.ImportFiles.Count(f => ids.Contains(f.Id))));
    }

    [Fact]
    public async Task PreviewingTheSameFileAgain_RemovesTheEarlierPreviewOfIt()
    {
        var first = await PreviewAsync("hr-1", 1, "samma fil");
        var other = await PreviewAsync("hr-1", 1, "en annan fil");

        var again = await PreviewAsync("hr-1", 1, "samma fil");

        Assert.False(await KeptAsync(first));
        Assert.True(await KeptAsync(other));
        Assert.True(await KeptAsync(again));
    }

    [Fact]
    public async Task AnotherPersonsPreviews_AndConfirmedImports_AreNotTouched()
    {
        var colleague = await PreviewAsync("hr-2", 1, "kollegans fil");
        var confirmed = await PreviewAsync("hr-1", 1, "bekräftad");
        var stored = (await store.FindAsync(confirmed))!;
        stored.State = ImportState.Queued;
        await store.SaveAsync(stored);

        for (var i = 0; i < 4; i++)
        {
            await PreviewAsync("hr-1", 1, $"fil {i}");
        }

        Assert.True(await KeptAsync(colleague));
        Assert.True(await KeptAsync(confirmed));
    }

    [Fact]
    public async Task AnUnconfirmedPreview_IsRemovedAfterADay_FileAndAll()
    {
        var old = await PreviewAsync("hr-3", 1, "glömd fil");
        fixture.Clock.Advance(ImportStore.UnconfirmedLifetime);

        await PreviewAsync("hr-4", 1, "en ny fil");

        Assert.Null(await store.FindAsync(old));
        Assert.False(fixture.Site.WithDb(db => db.ImportFiles.Any(f => f.Id == old)));
    }

    [Fact]
    public async Task TheStoredPreview_ComesBackAsItWasMade()
    {
        var id = await PreviewAsync("hr-5", 1, "fil");

        var found = (await store.FindAsync(id))!;

        Assert.Equal(new ImportCounts(1, 0, 0, 0, 1), found.Preview.Counts);
        Assert.Equal("Raden saknar {0}.", Assert.Single(found.Preview.Errors).Reason.Template);
        Assert.Equal(ImportState.Preview, found.State);
        Assert.Equal("fil", System.Text.Encoding.UTF8.GetString((await store.ReadFileAsync(id))!));
    }

    [Fact]
    public async Task AQueuedImport_IsClaimedByOneInstance_AndAClaimThatRanOut_CanBeQueuedAgain()
    {
        var id = await PreviewAsync("hr-6", 1, "köad fil");
        Assert.True(await store.TryQueueAsync(id));
        Assert.False(await store.TryQueueAsync(id));

        // Only this test queues imports in this database; several instances ask at once.
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => store.TryClaimNextAsync("instans-" + i)));

        Assert.Single(claims, c => c == id);
        var running = (await store.FindAsync(id))!;
        Assert.Equal(ImportState.Running, running.State);
        Assert.False(running.IsInterruptedAt(fixture.Clock.GetUtcNow().UtcDateTime));
        Assert.False(await store.TryQueueAsync(id));

        fixture.Clock.Advance(ImportStore.ClaimTimeout + TimeSpan.FromSeconds(1));
        Assert.True((await store.FindAsync(id))!.IsInterruptedAt(fixture.Clock.GetUtcNow().UtcDateTime));
        Assert.True(await store.TryQueueAsync(id));
        Assert.Equal(ImportState.Queued, (await store.FindAsync(id))!.State);
    }
}
