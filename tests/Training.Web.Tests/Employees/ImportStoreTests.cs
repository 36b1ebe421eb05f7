using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Training.Core.Employees;
using Training.Web.Employees;

namespace Training.Web.Tests.Employees;

/// <summary>Unconfirmed previews hold whole HR files (issue 13, item 12): few are kept per person.</summary>
public sealed class ImportStoreTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly ImportStore store;

    public ImportStoreTests() =>
        store = new ImportStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Import:Folder"] = folder.Path }).Build(), clock);

    public void Dispose()
    {
        store.Dispose();
        folder.Dispose();
    }

    private async Task<string> PreviewAsync(string uploader, int agencyId, string file)
    {
        clock.Advance(TimeSpan.FromMinutes(1));
        var import = new StoredImport
        {
            Id = ImportStore.NewId(),
            AgencyId = agencyId,
            AgencyName = "Myndighet " + agencyId,
            UploaderId = uploader,
            UploaderLabel = uploader,
            FileName = "personal.csv",
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            State = ImportState.Preview,
            Preview = new ImportResult(new ImportCounts(1, 0, 0, 0, 1), [], null),
        };
        await store.CreateAsync(import, System.Text.Encoding.UTF8.GetBytes(file));
        return import.Id;
    }

    private async Task<bool> KeptAsync(string id) => await store.FindAsync(id) is not null && store.HasFile(id);

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
        Assert.Equal(ImportStore.PreviewsPerPerson, Directory.GetDirectories(folder.Path).Length);
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
}
