using Microsoft.Extensions.DependencyInjection;

namespace Training.Web.Tests.Content;

/// <summary>Issue 16, item 1: the site serves stored versions, their files included, and keeps serving without content/.</summary>
public class ServedFromStoreTests
{
    private static readonly byte[] OldImage = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 1, 1];
    private static readonly byte[] NewImage = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 2, 2, 2, 2];

    private static async Task<HttpClient> SignedInAsync(TrainingSite site)
    {
        var email = $"{Guid.NewGuid():N}@test.test.example";
        await site.CreateUserAsync(email, "test");
        return await site.SignInAsync(email);
    }

    private static string ImageUrlIn(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "src=\"(/moduler/m/filer/bild\\.png\\?v=[0-9a-f]+)\"").Groups[1].Value;

    [Fact]
    public async Task AfterANewMajorWithAChangedImage_TheOldVersionsPagesKeepTheirImage_AndWithoutContentTheSiteStillServes()
    {
        using var content = new TempFolder().Module("m", extraBody: "\n![Bild](bild.png)\n");
        File.WriteAllBytes(Path.Combine(content.Path, "modules/m/bild.png"), OldImage);
        using var data = new TempFolder();
        string oldUrl;
        await using (var first = new TrainingSite(content.Path, data.Path))
        {
            await first.StartAsync();
            var client = await SignedInAsync(first);
            oldUrl = ImageUrlIn(await client.GetStringAsync(new Uri("/moduler/m/2", UriKind.Relative)));
            Assert.Equal(OldImage, await client.GetByteArrayAsync(new Uri(oldUrl, UriKind.Relative)));
        }

        content.Module("m", version: "2.0", extraBody: "\n![Bild](bild.png)\n");
        File.WriteAllBytes(Path.Combine(content.Path, "modules/m/bild.png"), NewImage);
        await using (var second = new TrainingSite(content.Path, data.Path))
        {
            await second.StartAsync();
            var client = await SignedInAsync(second);
            var newUrl = ImageUrlIn(await client.GetStringAsync(new Uri("/moduler/m/2", UriKind.Relative)));
            Assert.NotEqual(oldUrl, newUrl);
            Assert.Equal(OldImage, await client.GetByteArrayAsync(new Uri(oldUrl, UriKind.Relative))); // 1.0's pages still show 1.0's image
            Assert.Equal(NewImage, await client.GetByteArrayAsync(new Uri(newUrl, UriKind.Relative)));
            Assert.Equal(NewImage, await client.GetByteArrayAsync(new Uri("/moduler/m/filer/bild.png", UriKind.Relative)));
        }

        Directory.Delete(content.Path, recursive: true);
        await using var third = new TrainingSite(content.Path, data.Path);
        await third.StartAsync();
        var reader = await SignedInAsync(third);
        var section = await reader.GetStringAsync(new Uri("/moduler/m/2", UriKind.Relative));
        Assert.Contains("Text två.", section, StringComparison.Ordinal);
        Assert.Equal(NewImage, await reader.GetByteArrayAsync(new Uri(ImageUrlIn(section), UriKind.Relative)));
        Assert.Equal(2, third.WithDb(db => db.ModuleVersions.Count()));
    }

    [Fact]
    public async Task AVersionPublishedInTheBrowser_IsNotReplacedAtStart_WhileTheFilesInContentAreUnchanged()
    {
        using var content = new TempFolder().Module("m");
        using var data = new TempFolder();
        await using (var first = new TrainingSite(content.Path, data.Path))
        {
            await first.StartAsync();
            await first.WithServicesAsync(async services =>
            {
                // As the editor's publish does: a later version through the one publish path.
                var db = services.GetRequiredService<Training.Web.Data.TrainingDbContext>();
                var files = await Training.Web.Content.ModuleStore.FilesOfVersionAsync(db, db.ModuleVersions.Single().Id);
                files["index.md"] = System.Text.Encoding.UTF8.GetBytes(Training.Core.Authoring.Publishing.WithVersion(
                    System.Text.Encoding.UTF8.GetString(files["index.md"]).Replace("Text två.", "Text två, ändrad i webbläsaren.", StringComparison.Ordinal), new(1, 1)));
                var (module, _) = Training.Core.Content.ModuleLoader.Load(files, "modules/m");
                await Training.Web.Content.ModuleStore.AddVersionAsync(db, module!, new(Training.Web.Data.VersionOrigins.Editor, "Ändrad"), DateTime.UtcNow);
                await db.SaveChangesAsync();
            });
        }

        await using var second = new TrainingSite(content.Path, data.Path);
        await second.StartAsync();
        var client = await SignedInAsync(second);

        Assert.Equal(2, second.WithDb(db => db.ModuleVersions.Count()));
        Assert.Contains("Text två, ändrad i webbläsaren.", await client.GetStringAsync(new Uri("/moduler/m/2", UriKind.Relative)), StringComparison.Ordinal);
    }
}
