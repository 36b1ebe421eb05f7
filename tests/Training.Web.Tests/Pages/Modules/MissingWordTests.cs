using System.Text.RegularExpressions;

namespace Training.Web.Tests.Pages.Modules;

/// <summary>Moodle's missing-word questions: the answer goes in the sentence, on the real quiz page and in a knowledge check.</summary>
public sealed partial class MissingWordTests : IAsyncLifetime
{
    private const string Module = """
        ---
        id: lucktext
        title: Lucktexter
        version: "1.0"
        quiz:
          pass_mark: 100
        ---
        ## Första

        Text.

        ```gift check
        ::Kontroll:: Människohandel är {=ett brott #Ja, ett brott. ~en förseelse #Nej.} enligt brottsbalken.
        ```

        ```gift
        // [id:l1]
        ::Betänketid:: Offret ska få {=betänketid ~böter ~[plain]<ingenting>} i minst 30 dagar.

        // [id:l2]
        ::Myndighet:: {=Polisen} leder förundersökningen.
        ```
        """;

    private readonly TempFolder content = new();
    private TrainingSite site = null!;

    public async Task InitializeAsync()
    {
        content.Write("modules/lucktext/index.md", Module);
        site = new TrainingSite(content.Path);
        await site.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        content.Dispose();
    }

    private async Task<HttpClient> LearnerAsync(string name)
    {
        await site.CreateUserAsync($"{name}@lucka.test.example", "prov");
        var client = await site.SignInAsync($"{name}@lucka.test.example");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moduler/lucktext/1", UriKind.Relative))).StatusCode);
        return client;
    }

    private static string OptionId(string page, string text) =>
        Regex.Match(page, $"<option value=\"([^\"]+)\">{Regex.Escape(text)}</option>").Groups[1].Value;

    [Fact]
    public async Task TheQuizPage_PutsTheBlankInTheSentence_AndGradesWhatIsChosenThere()
    {
        var client = await LearnerAsync("lucka");
        await Forms.PostAsync(client, "/moduler/lucktext/prov?handler=Start", [], "/moduler/lucktext/prov");
        var page = await client.GetStringAsync(new Uri("/moduler/lucktext/prov", UriKind.Relative));

        Assert.Matches(@"<legend class=""visually-hidden"">Offret ska få \(lucka\) i minst 30 dagar\.</legend>", page);
        Assert.Matches(@"<p class=""sentence"">\s*Offret ska få\s*<label for=""q0"" class=""visually-hidden"">Lucka</label>\s*<select id=""q0"" name=""q0"">", page);
        Assert.Contains("&lt;ingenting&gt;</option>", page, StringComparison.Ordinal);
        Assert.Matches(@"<input type=""text"" id=""q1"" name=""q1""[^>]*>\s*leder förundersökningen\.\s*</p>", page);

        var attempt = AttemptField().Match(page).Groups[1].Value;
        var submitted = await Forms.PostAsync(client, "/moduler/lucktext/prov?handler=Submit",
            new Dictionary<string, string> { ["attempt"] = attempt, ["q0"] = OptionId(page, "betänketid"), ["q1"] = " polisen " },
            "/moduler/lucktext/prov");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var result = await client.GetStringAsync(new Uri($"/moduler/lucktext/prov/{attempt}", UriKind.Relative));
        Assert.Contains("Du fick 100 %.", result, StringComparison.Ordinal);
        Assert.Contains("Offret ska få _____ i minst 30 dagar.", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheQuizPage_GivesNoPoint_ForTheWrongWordOrAnEmptyChoice()
    {
        var client = await LearnerAsync("fel");
        await Forms.PostAsync(client, "/moduler/lucktext/prov?handler=Start", [], "/moduler/lucktext/prov");
        var page = await client.GetStringAsync(new Uri("/moduler/lucktext/prov", UriKind.Relative));
        var attempt = AttemptField().Match(page).Groups[1].Value;

        await Forms.PostAsync(client, "/moduler/lucktext/prov?handler=Submit",
            new Dictionary<string, string> { ["attempt"] = attempt, ["q0"] = "", ["q1"] = "Polisen" }, "/moduler/lucktext/prov");

        var result = await client.GetStringAsync(new Uri($"/moduler/lucktext/prov/{attempt}", UriKind.Relative));
        Assert.Contains("Du fick 50 %.", result, StringComparison.Ordinal);
        Assert.Contains("Du svarade inte på frågan.", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKnowledgeCheck_WithAMissingWord_IsAnsweredInTheSentence_AndGraded()
    {
        var client = await LearnerAsync("kontroll");
        var page = await client.GetStringAsync(new Uri("/moduler/lucktext/1", UriKind.Relative));
        Assert.Matches(@"<p class=""sentence"">\s*Människohandel är\s*<label[^>]*>Lucka</label>\s*<select id=""[^""]*q0"" name=""q0"">", page);

        var response = await client.PostAsync(new Uri("/moduler/lucktext/1?handler=Check&del=1", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["q0"] = OptionId(page, "ett brott"), ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page) }));

        var answered = await response.Content.ReadAsStringAsync();
        Assert.Contains("Ja, ett brott.", answered, StringComparison.Ordinal);
        Assert.Matches(@"<option value=""[^""]+"" selected(=""selected"")?>ett brott</option>", answered);
    }

    [GeneratedRegex("name=\"attempt\" value=\"([^\"]+)\"")]
    private static partial Regex AttemptField();
}
