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
    public async Task ContentInspect_OfABrokenGiftFile_PrintsTheGoodQuestionsAndTheErrors_AndExitsOne()
    {
        using var content = new TempFolder().Write("fragor.gift", "::Bra:: Fråga? {T}\n\n::Essä:: Skriv. {}\n");

        var (exit, output, error) = await RunAsync("content", "inspect", Path.Combine(content.Path, "fragor.gift"), "--json");

        Assert.Equal(1, exit);
        Assert.Contains("fragor.gift:3:", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("Bra", Assert.Single(json.RootElement.GetProperty("questions").EnumerateArray()).GetProperty("title").GetString());
        var problem = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Equal("Essäfrågor stöds inte i den här versionen.", problem.GetProperty("message").GetString());
    }

    private const string MoodleBank = """
        <?xml version="1.0" encoding="UTF-8"?>
        <quiz>
          <question type="category"><category><text>$course$/top/Import</text></category></question>
          <question type="truefalse">
            <name><text>Karta</text></name>
            <questiontext format="html"><text><![CDATA[<p>Ligger Sverige här? <img src="@@PLUGINFILE@@/karta.png" alt="Karta"></p>]]></text>
              <file name="karta.png" path="/" encoding="base64">iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==</file>
            </questiontext>
            <answer fraction="100"><text>true</text><feedback><text>Ja.</text></feedback></answer>
            <answer fraction="0"><text>false</text></answer>
          </question>
          <question type="essay">
            <name><text>Reflektion</text></name>
            <questiontext><text>Skriv om ditt arbete.</text></questiontext>
          </question>
          <question type="multichoice">
            <name><text>Lucka</text></name>
            <questiontext format="moodle_auto_format"><text>Offret ska få _____ i minst 30 dagar.</text></questiontext>
            <single>true</single>
            <answer fraction="100"><text>betänketid</text></answer>
            <answer fraction="0"><text>böter</text></answer>
          </question>
        </quiz>
        """;

    [Fact]
    public async Task ContentInspect_OfAMoodleXmlFile_PrintsTheQuestionsAndTheUnsupportedOnesAsErrors()
    {
        using var content = new TempFolder().Write("bank.xml", MoodleBank);

        var (exit, output, error) = await RunAsync("content", "inspect", Path.Combine(content.Path, "bank.xml"), "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["Karta", "Lucka"], json.RootElement.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("title").GetString()));
        Assert.Equal("i minst 30 dagar.", json.RootElement.GetProperty("questions")[1].GetProperty("textAfter").GetString());
        var problem = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(12, problem.GetProperty("line").GetInt32());
        Assert.StartsWith("Fråga 3 (”Reflektion”): frågetypen ”essay” stöds inte", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("bank.xml:12: Fråga 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentImportQuestions_AddsTheGoodQuestionsAndTheirImages_ToTheModule()
    {
        using var content = new TempFolder()
            .Module("mottagande")
            .Write("modules/mottagande/quiz.gift", "// [id:finns]\n::Finns:: Redan här? {T}\n")
            .Write("bank.xml", MoodleBank);

        var (exit, output, error) = await RunAsync("content", "import-questions", Path.Combine(content.Path, "bank.xml"), "mottagande", "--content", content.Path);

        Assert.Equal(1, exit);
        Assert.Contains("2 frågor lades till", output, StringComparison.Ordinal);
        Assert.Contains("frågetypen ”essay” stöds inte", error, StringComparison.Ordinal);
        var image = Path.Combine(content.Path, "modules/mottagande/bilder/karta.png");
        Assert.True(File.Exists(image));
        var (module, problems) = Training.Core.Content.ModuleLoader.Load(Path.Combine(content.Path, "modules/mottagande"), "modules/mottagande");
        Assert.DoesNotContain(problems, p => p.Severity == Training.Core.Content.ProblemSeverity.Error);
        Assert.Equal(["Finns", "Karta", "Lucka"], module!.GradedQuestions.Select(q => q.Title));
        Assert.Contains("src=\"/moduler/mottagande/filer/bilder/karta.png\"", module.GradedQuestions.ElementAt(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentImportQuestions_LeavesOutAQuestionWhoseIdTheModuleHas()
    {
        using var content = new TempFolder()
            .Module("mottagande")
            .Write("modules/mottagande/quiz.gift", "::Finns:: Redan här? {T}\n")
            .Write("bank.gift", "::Finns:: Samma titel? {F}\n\n::Ny:: Ny fråga? {T}\n");

        var (exit, _, error) = await RunAsync("content", "import-questions", Path.Combine(content.Path, "bank.gift"), "mottagande", "--content", content.Path);

        Assert.Equal(1, exit);
        Assert.Contains("bank.gift:1: id eller titel ”Finns” finns redan", error, StringComparison.Ordinal);
        var quiz = File.ReadAllText(Path.Combine(content.Path, "modules/mottagande/quiz.gift"));
        Assert.Contains("::Ny::", quiz, StringComparison.Ordinal);
        Assert.DoesNotContain("Samma titel", quiz, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentImportQuestions_OfAnUnknownModule_SaysSo()
    {
        using var content = new TempFolder().Module("mottagande").Write("bank.gift", "::Ny:: Ny fråga? {T}\n");

        var (exit, _, error) = await RunAsync("content", "import-questions", Path.Combine(content.Path, "bank.gift"), "saknas", "--content", content.Path);

        Assert.Equal(1, exit);
        Assert.Contains("Modulen ”saknas” finns inte", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentExportQuestions_AsMoodleXml_ReadsBackIntoTheModulesPool()
    {
        using var content = new TempFolder()
            .Module("mottagande")
            .Write("modules/mottagande/quiz.gift", "// [id:a1]\n::Ett:: Hur många? {#3:1}\n\n::Två:: Välj {=rätt ~fel} här.\n");

        var (exit, output, _) = await RunAsync("content", "export-questions", "mottagande", "--format", "xml", "--content", content.Path);

        Assert.Equal(0, exit);
        var back = Training.Core.Gift.MoodleXmlReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(output)), "export.xml");
        Assert.Empty(back.Errors);
        Assert.Equal(["Ett", "Två"], back.Questions.Select(q => q.Title));
        Assert.Equal("a1", back.Questions[0].Id);
        Assert.Equal("här.", back.Questions[1].TextAfter);
    }

    [Fact]
    public async Task UnknownVerb_SaysSoInSwedish_AndExitsTwo()
    {
        var (exit, _, error) = await RunAsync("content", "magi");

        Assert.Equal(2, exit);
        Assert.Contains("Okänt kommando", error, StringComparison.Ordinal);
    }
}
