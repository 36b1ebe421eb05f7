using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Training.Core.Authoring;
using Training.Core.Content;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Tests.Content;

/// <summary>Issue 16, item 4: files in content/ and publishing in the browser, together.</summary>
public class FilesAndBrowserTests
{
    private static readonly byte[] OldImage = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 1, 1];
    private static readonly byte[] NewImage = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 2, 2, 2, 2];

    private static async Task<HttpClient> SignedInAsync(TrainingSite site, params string[] roles)
    {
        var email = $"{Guid.NewGuid():N}@test.test.example";
        await site.CreateUserAsync(email, "test", roles);
        return await site.SignInAsync(email);
    }

    /// <summary>As the editor's publish does: a version through the one publish path, with the text changed and the number given.</summary>
    private static Task PublishInBrowserAsync(TrainingSite site, string moduleId, string replace, string with, ModuleVersionNumber number) =>
        site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            var current = db.ModuleVersions.Where(v => v.ModuleId == moduleId).OrderByDescending(v => v.Id).First().Id;
            var files = await ModuleStore.FilesOfVersionAsync(db, current);
            files["index.md"] = System.Text.Encoding.UTF8.GetBytes(Publishing.WithVersion(
                System.Text.Encoding.UTF8.GetString(files["index.md"]).Replace(replace, with, StringComparison.Ordinal), number));
            var (module, _) = ModuleLoader.Load(files, $"modules/{moduleId}");
            await ModuleStore.AddVersionAsync(db, module!, new(VersionOrigins.Editor, "Ändrad i webbläsaren"), DateTime.UtcNow);
            await db.SaveChangesAsync();
            await services.GetRequiredService<ContentImporter>().RefreshAsync();
        });

    private static List<string> Versions(TrainingSite site, string moduleId) =>
        site.WithDb(db => db.ModuleVersions.Where(v => v.ModuleId == moduleId).OrderBy(v => v.Id).Select(v => v.Version).ToList());

    [Fact]
    public async Task AfterABrowserPublishOf1_1_UnchangedFilesKeep1_1Current_AndChangedFilesNumberAboveIt()
    {
        using var content = new TempFolder().Module("m");
        using var data = new TempFolder();
        await using (var first = new TrainingSite(content.Path, data.Path))
        {
            await first.StartAsync();
            await PublishInBrowserAsync(first, "m", "Text två.", "Text två, rättad i webbläsaren.", new(1, 1));
        }

        await using (var second = new TrainingSite(content.Path, data.Path))
        {
            await second.StartAsync();
            var learner = await SignedInAsync(second);
            Assert.Equal(["1.0", "1.1"], Versions(second, "m")); // the file's 1.0 is not made current again
            Assert.Contains("Version 1.1", await learner.GetStringAsync(new Uri("/moduler/m", UriKind.Relative)), StringComparison.Ordinal);
        }

        content.Module("m", extraBody: "\nEn mening till, skriven i git utan att versionen höjts.\n");
        await using (var third = new TrainingSite(content.Path, data.Path))
        {
            await third.StartAsync();
            var learner = await SignedInAsync(third);
            Assert.Equal(["1.0", "1.1", "1.2"], Versions(third, "m")); // above the browser's 1.1, a minor as the file says
            var page = await learner.GetStringAsync(new Uri("/moduler/m", UriKind.Relative));
            Assert.Contains("Version 1.2", page, StringComparison.Ordinal);
        }

        content.Module("m", version: "2.0", extraBody: "\nNy lag.\n");
        await using var fourth = new TrainingSite(content.Path, data.Path);
        await fourth.StartAsync();
        Assert.Equal(["1.0", "1.1", "1.2", "2.0"], Versions(fourth, "m"));
    }

    [Fact]
    public async Task AModuleDeletedFromContent_IsStillServed_AndTheEditorSaysItIsNoLongerThere()
    {
        using var content = new TempFolder().Module("m", title: "Borttagen ur content").Module("kvar");
        using var data = new TempFolder();
        await using (var first = new TrainingSite(content.Path, data.Path))
        {
            await first.StartAsync();
            var trainer = await SignedInAsync(first, Roles.Trainer);
            var editor = await trainer.GetStringAsync(new Uri("/redigera/m", UriKind.Relative));
            Assert.Contains("Modulen finns också i content/.", editor, StringComparison.Ordinal);
            Assert.DoesNotContain("finns inte längre där", editor, StringComparison.Ordinal);
        }

        Directory.Delete(Path.Combine(content.Path, "modules/m"), recursive: true);
        await using var second = new TrainingSite(content.Path, data.Path);
        await second.StartAsync();
        var learner = await SignedInAsync(second);
        var editorAfter = await (await SignedInAsync(second, Roles.Trainer)).GetStringAsync(new Uri("/redigera/m", UriKind.Relative));

        Assert.Contains("Text två.", await learner.GetStringAsync(new Uri("/moduler/m/2", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("Borttagen ur content", await learner.GetStringAsync(new Uri("/moduler", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("Modulen lästes från content/ men finns inte längre där.", editorAfter, StringComparison.Ordinal);
        Assert.DoesNotContain("Modulen finns också i content/.", editorAfter, StringComparison.Ordinal);
        Assert.Single(Versions(second, "m"));
    }

    private static string QuizModule(string version) =>
        $"---\nid: m\ntitle: Prov med bild\nversion: \"{version}\"\n---\nInledning.\n\n## Första avsnittet\n\nText ett.\n\n" +
        "```gift\n// [id:q1]\n::q1::Vad visar ![Kartan](bild.png)? {T}\n```\n";

    private static string QuestionImageUrl(string html) =>
        Regex.Match(html, "src=\"(/moduler/m/filer/bild\\.png\\?v=[0-9a-f]+)\"").Groups[1].Value;

    [Fact]
    public async Task AnImageInAQuizQuestion_CarriesItsVersion_SoAnAttemptOn1_0KeepsShowing1_0sImage()
    {
        using var content = new TempFolder().Write("modules/m/index.md", QuizModule("1.0"));
        File.WriteAllBytes(Path.Combine(content.Path, "modules/m/bild.png"), OldImage);
        using var data = new TempFolder();
        string attemptUrl;
        await using (var first = new TrainingSite(content.Path, data.Path))
        {
            await first.StartAsync();
            var learner = await SignedInAsync(first);
            await learner.GetAsync(new Uri("/moduler/m/1", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(learner, "/moduler/m/prov?handler=Start", [], "/moduler/m/prov")).StatusCode);
            var quiz = await learner.GetStringAsync(new Uri("/moduler/m/prov", UriKind.Relative));
            attemptUrl = QuestionImageUrl(quiz);
            Assert.EndsWith("?v=" + first.WithDb(db => db.ModuleVersions.Single().ContentHash)[..12], attemptUrl, StringComparison.Ordinal);
            Assert.Equal(OldImage, await learner.GetByteArrayAsync(new Uri(attemptUrl, UriKind.Relative)));
        }

        content.Write("modules/m/index.md", QuizModule("2.0"));
        File.WriteAllBytes(Path.Combine(content.Path, "modules/m/bild.png"), NewImage);
        await using var second = new TrainingSite(content.Path, data.Path);
        await second.StartAsync();
        var reader = await SignedInAsync(second);

        var stored = second.WithDb(db => db.QuizAttempts.Single().DrawnJson);
        Assert.Contains(attemptUrl, stored, StringComparison.Ordinal); // the attempt on 1.0 holds 1.0's link
        Assert.Equal(OldImage, await reader.GetByteArrayAsync(new Uri(attemptUrl, UriKind.Relative)));
        await reader.GetAsync(new Uri("/moduler/m/1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(reader, "/moduler/m/prov?handler=Start", [], "/moduler/m/prov")).StatusCode);
        var newUrl = QuestionImageUrl(await reader.GetStringAsync(new Uri("/moduler/m/prov", UriKind.Relative)));
        Assert.NotEqual(attemptUrl, newUrl);
        Assert.Equal(NewImage, await reader.GetByteArrayAsync(new Uri(newUrl, UriKind.Relative)));
    }

    [Fact]
    public async Task ReadingCarriesOverAMinorPublish_ButNotAMajorOne()
    {
        using var content = new TempFolder().Module("m", extraBody: "\n## Tredje avsnittet\n\nText tre.\n");
        using var data = new TempFolder();
        await using var site = new TrainingSite(content.Path, data.Path);
        await site.StartAsync();
        var learner = await SignedInAsync(site);
        await learner.GetAsync(new Uri("/moduler/m/1", UriKind.Relative));
        await learner.GetAsync(new Uri("/moduler/m/2", UriKind.Relative));
        Assert.Contains("Du har läst 2 av 3 avsnitt.", await learner.GetStringAsync(new Uri("/moduler/m", UriKind.Relative)), StringComparison.Ordinal);

        await PublishInBrowserAsync(site, "m", "## Andra avsnittet\n\nText två.", "## Ett nytt avsnitt\n\nNytt.\n\n## Andra avsnittet\n\nText två, rättad.", new(1, 1));
        var afterMinor = await learner.GetStringAsync(new Uri("/moduler/m", UriKind.Relative));
        Assert.Contains("Version 1.1", afterMinor, StringComparison.Ordinal);
        Assert.Contains("Du har läst 2 av 4 avsnitt.", afterMinor, StringComparison.Ordinal); // "Första" and "Andra" kept, the new one unread
        Assert.Contains("href=\"/moduler/m/2\">Fortsätt läsa", afterMinor.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

        await PublishInBrowserAsync(site, "m", "Text ett.", "Text ett, ny lag.", new(2, 0));
        Assert.Contains("Du har läst 0 av 4 avsnitt.", await learner.GetStringAsync(new Uri("/moduler/m", UriKind.Relative)), StringComparison.Ordinal);
    }
}
