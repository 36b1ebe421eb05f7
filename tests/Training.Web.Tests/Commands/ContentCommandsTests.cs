using System.Text.Json;
using Training.Web.Commands;

namespace Training.Web.Tests.Commands;

public class ContentCommandsTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Verbs.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ContentCheck_OnTheShippedContent_ExitsZero()
    {
        var (exit, output, _) = await RunAsync("content", "check", RepositoryPaths.Content);

        Assert.Equal("", output.Trim());
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task ContentCheck_PrintsOneLinePerProblem_AndExitsOne()
    {
        using var content = new TempFolder()
            .Module("bra")
            .Write("modules/fel-typ/index.md", "---\nid: fel-typ\ntitle: T\nversion: \"1.0\"\nestimated_minutes: [1, 2]\n---\n## A\n\nText.\n")
            .Module("bra", folder: "dubblett")
            .Module("bild", extraBody: "\n![Diagram](saknas.svg)\n");

        var (exit, output, _) = await RunAsync("content", "check", content.Path);

        Assert.Equal(1, exit);
        var lines = output.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"/modules/bild/index\.md:17: bilden 'saknas\.svg' pekar på en fil som inte finns\.$", lines[0]);
        Assert.Matches(@"/modules/dubblett/index\.md:2: id 'bra' används redan av .*/modules/bra/index\.md; modulen hoppas över\.$", lines[1]);
        Assert.Matches(@"/modules/fel-typ/index\.md:5: ogiltig YAML", lines[2]);
    }

    [Fact]
    public async Task ContentCheck_WithWarningsOnly_ExitsZero()
    {
        using var content = new TempFolder().Module("bra").Module("annat-id", folder: "mapp");

        var (exit, output, _) = await RunAsync("content", "check", content.Path);

        Assert.Equal(0, exit);
        Assert.Contains("varning: mappen heter 'mapp' men id är 'annat-id'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentInspect_PrintsTheModuleJson()
    {
        var (exit, output, _) = await RunAsync("content", "inspect", Path.Combine(RepositoryPaths.Content, "modules/vad-ar-manniskohandel/index.md"), "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("vad-ar-manniskohandel", root.GetProperty("id").GetString());
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("contentHash").GetString());
        Assert.True(root.GetProperty("sections").GetArrayLength() >= 3);
        var question = root.GetProperty("questions").EnumerateArray().First(q => !q.GetProperty("check").GetBoolean());
        foreach (var field in new[] { "id", "title", "type", "check", "text", "answers", "pairs", "ranges", "generalFeedback", "category", "tags", "line" })
        {
            Assert.True(question.TryGetProperty(field, out _), $"fältet {field} saknas");
        }
    }

    [Fact]
    public async Task ContentInspect_OfABrokenGiftFile_NamesTheLine_AndExitsOne()
    {
        using var content = new TempFolder().Write("fragor.gift", "::Bra:: Fråga? {T}\n\n::Essä:: Skriv. {}\n");

        var (exit, output, error) = await RunAsync("content", "inspect", Path.Combine(content.Path, "fragor.gift"), "--json");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("fragor.gift:3:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerb_SaysSoInSwedish_AndExitsTwo()
    {
        var (exit, _, error) = await RunAsync("content", "magi");

        Assert.Equal(2, exit);
        Assert.Contains("Okänt kommando", error, StringComparison.Ordinal);
    }
}
