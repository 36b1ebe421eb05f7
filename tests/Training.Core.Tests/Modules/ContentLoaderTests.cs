using Training.Core.Content;

namespace Training.Core.Tests.Modules;

public class ContentLoaderTests
{
    [Fact]
    public void GoodModule_LoadsWithSectionsAndNoProblems()
    {
        using var content = new TempContent().GoodModule("grund");

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Empty(set.Problems);
        var module = Assert.Single(set.Modules);
        Assert.Equal("grund", module.Id);
        Assert.Equal(new ModuleVersionNumber(1, 0), module.Version);
        Assert.Equal(["Första", "Andra"], module.Sections.Select(s => s.Title));
        Assert.Equal(9, module.Sections[0].Line);
        Assert.Equal(64, module.ContentHash.Length);
    }

    [Fact]
    public void UnknownFrontMatterKey_IsAnErrorAtItsLine()
    {
        using var content = new TempContent().Module("m", "id: m\ntitle: T\nversion: \"1.0\"\nauthor: Någon", "## A\n\nText.");

        var set = ContentLoader.Load(content.Root, "content");

        var problem = Assert.Single(set.Problems);
        Assert.Equal("content/modules/m/index.md:5: okänd nyckel 'author'.", problem.ToString());
        Assert.Empty(set.Modules);
    }

    [Fact]
    public void WrongTypeInFrontMatter_IsAnErrorAtItsLine()
    {
        using var content = new TempContent().Module("m", "id: m\ntitle: T\nversion: \"1.0\"\nestimated_minutes: många", "## A\n\nText.");

        var problem = Assert.Single(ContentLoader.Load(content.Root, "content").Problems);

        Assert.Equal(5, problem.Line);
        Assert.StartsWith("ogiltig YAML", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id: m\ntitle: T", "front matter saknar 'version'.", 1)]
    [InlineData("id: m\nversion: \"1.0\"", "front matter saknar 'title'.", 1)]
    [InlineData("id: m\ntitle: T\nversion: \"1.x\"", "version '1.x' ska vara major.minor, till exempel \"1.2\".", 4)]
    [InlineData("id: m\ntitle: T\nversion: 1.10", "version ska citeras (\"1.10\"): YAML läser annars 1.10 som 1.1.", 4)]
    [InlineData("id: M_1\ntitle: T\nversion: \"1.0\"", "id 'M_1' får bara innehålla a–z, 0–9 och bindestreck.", 2)]
    [InlineData("id: m\ntitle: T\nversion: \"1.0\"\nquiz:\n  pass_mark: 120", "'quiz.pass_mark' måste vara mellan 1 och 100.", 6)]
    public void BadFrontMatter_NamesTheProblemAndLine(string frontMatter, string message, int line)
    {
        using var content = new TempContent().Module("m", frontMatter, "## A\n\nText.\n\n```gift\n::q1:: Fråga? {T}\n```\n");

        var problem = Assert.Single(ContentLoader.Load(content.Root, "content").Problems);

        Assert.Equal(message, problem.Message);
        Assert.Equal(line, problem.Line);
    }

    [Fact]
    public void MissingFrontMatter_IsAnErrorOnLineOne()
    {
        using var content = new TempContent().Write("modules/m/index.md", "## A\n\nText.");

        var problem = Assert.Single(ContentLoader.Load(content.Root, "c").Problems);

        Assert.Equal("c/modules/m/index.md", problem.Path);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void ModuleWithoutSections_IsAnError()
    {
        using var content = new TempContent().Module("m", "id: m\ntitle: T\nversion: \"1.0\"", "Bara text.\n");

        var problem = Assert.Single(ContentLoader.Load(content.Root, "c").Problems);

        Assert.Contains("inga avsnitt", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateId_IsReportedOnceAndTheFirstModuleIsKept()
    {
        using var content = new TempContent()
            .GoodModule("a")
            .Module("b", "id: a\ntitle: Kopia\nversion: \"1.0\"", "## A\n\nText.");

        var set = ContentLoader.Load(content.Root, "content");

        var problem = Assert.Single(set.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal("content/modules/b/index.md:2: id 'a' används redan av content/modules/a/index.md; modulen hoppas över.", problem.ToString());
        Assert.Equal("Modul a", Assert.Single(set.Modules).Title);
    }

    [Fact]
    public void BrokenImageAndLink_AreErrorsAtTheirLines_ButTheModuleStaysUsable()
    {
        using var content = new TempContent()
            .Module("m", "id: m\ntitle: T\nversion: \"1.0\"", "## A\n\n![Diagram](saknas.png)\n\n[Bilaga](bilaga.pdf)\n\n[Ut](../annan/x.png)")
            .Write("modules/m/bilaga.pdf", "%PDF");

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Equal(
            [
                "content/modules/m/index.md:8: bilden 'saknas.png' pekar på en fil som inte finns.",
                "content/modules/m/index.md:12: länken '../annan/x.png' pekar utanför modulmappen.",
            ],
            set.Problems.Select(p => p.ToString()));
        Assert.Single(set.Modules);
    }

    [Fact]
    public void Tracks_NamingUnknownModules_AreErrorsAtTheEntryLine()
    {
        using var content = new TempContent()
            .GoodModule("a")
            .Write("tracks/grund.yml", "id: grund\ntitle: Grund\ndescription: För alla.\nmodules:\n  - a\n  - finns-inte\n");

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Equal(["content/tracks/grund.yml:6: spåret nämner modulen 'finns-inte', som inte finns."], set.Problems.Select(p => p.ToString()));
        Assert.Empty(set.Tracks);
    }

    [Fact]
    public void GoodTrack_Loads()
    {
        using var content = new TempContent()
            .GoodModule("a").GoodModule("b")
            .Write("tracks/grund.yml", "id: grund\ntitle: Grund\ndescription: För alla.\nmodules: [b, a]\n");

        var track = Assert.Single(ContentLoader.Load(content.Root, "content").Tracks);

        Assert.Equal(["b", "a"], track.ModuleIds);
    }

    [Fact]
    public void Tracks_ComeInTheirOrder_ThoseWithoutOneLast()
    {
        using var content = new TempContent()
            .GoodModule("a").GoodModule("b")
            .Write("tracks/a-djup.yml", "id: a-djup\ntitle: Fördjupning\norder: 2\nmodules: [b]\n")
            .Write("tracks/b-grund.yml", "id: b-grund\ntitle: Grundkurs\norder: 1\nmodules: [a, b]\n")
            .Write("tracks/c-annat.yml", "id: c-annat\ntitle: Annat\nmodules: [a]\n");

        var set = ContentLoader.Load(content.Root, "content");

        Assert.Empty(set.Problems);
        Assert.Equal(["b-grund", "a-djup", "c-annat"], set.Tracks.Select(t => t.Id));
        Assert.Equal("b", set.Tracks[0].ModuleAfter("a"));
        Assert.Null(set.Tracks[0].ModuleAfter("b"));
    }

    [Fact]
    public void TrackOrder_ThatIsNotANumber_IsAnErrorAtItsLine()
    {
        using var content = new TempContent().GoodModule("a").Write("tracks/t.yml", "id: t\ntitle: T\nmodules: [a]\norder: först\n");

        var problem = Assert.Single(ContentLoader.Load(content.Root, "content").Problems);

        Assert.StartsWith("content/tracks/t.yml:4: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TrackWithUnknownKey_IsAnError()
    {
        using var content = new TempContent().GoodModule("a").Write("tracks/t.yml", "id: t\ntitle: T\nmodules: [a]\nowner: x\n");

        var problem = Assert.Single(ContentLoader.Load(content.Root, "content").Problems);

        Assert.Equal("content/tracks/t.yml:4: okänd nyckel 'owner'.", problem.ToString());
    }

    [Fact]
    public void GiftBlocks_AreCollectedWithTheirFileLines()
    {
        using var content = new TempContent()
            .Module("m", "id: m\ntitle: T\nversion: \"1.0\"", "## A\n\n```gift check\n::k1:: Fråga? {T}\n```\n\n```gift\n::q1:: Fråga? {F}\n```\n")
            .Write("modules/m/extra.gift", "::q2:: Fråga? {T}\n");

        var module = Assert.Single(ContentLoader.Load(content.Root, "content").Modules);

        Assert.Collection(module.GiftSources,
            check => Assert.Equal(("::k1:: Fråga? {T}", 9, true), (check.Text, check.FirstLine, check.Check)),
            graded => Assert.Equal(("::q1:: Fråga? {F}", 13, false), (graded.Text, graded.FirstLine, graded.Check)),
            file => Assert.Equal(("content/modules/m/extra.gift", 1), (file.Path, file.FirstLine)));
    }

    [Fact]
    public void QuizDrawingMoreThanThePool_IsAnErrorAtQuizQuestions()
    {
        using var content = new TempContent().Module("m", "id: m\ntitle: T\nversion: \"1.0\"\nquiz:\n  pass_mark: 80\n  questions: 3",
            "## A\n\n```gift\n::q1:: Ett? {T}\n\n::q2:: Två? {F}\n```\n");

        var problem = Assert.Single(ContentLoader.Load(content.Root, "c").Problems);

        Assert.Equal("c/modules/m/index.md:7: 'quiz.questions' är 3, men frågebanken har bara 2 frågor.", problem.ToString());
    }

    [Fact]
    public void QuizProblems_NameTheirFileAndLine_AndSkipTheModule()
    {
        using var content = new TempContent()
            .Module("m", "id: m\ntitle: T\nversion: \"1.0\"", "## A\n\nText.\n\n```gift\n// [id:q1]\n::Ett:: Vad? {=Rätt ~Fel}\n\n// [id:q1]\n::Två:: Vad mer? {=Rätt ~Fel}\n```\n")
            .Write("modules/m/quiz.gift", "::Utan rätt svar:: Vad? {~Fel ~Också fel}\n\n::Essä:: Skriv om lagen. {}\n");

        var set = ContentLoader.Load(content.Root, "c");

        Assert.Empty(set.Modules);
        var lines = set.Problems.Select(p => $"{p.Path}:{p.Line}").ToList();
        Assert.Contains("c/modules/m/index.md:15", lines);
        Assert.Contains("c/modules/m/quiz.gift:1", lines);
        Assert.Contains("c/modules/m/quiz.gift:3", lines);
        Assert.Contains(set.Problems, p => p.Line == 3 && p.Message.Contains("Essä", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void KnowledgeChecksWithoutAKeyOfTheirOwn_AreErrorsAtTheirLines_AndSkipTheModule()
    {
        using var content = new TempContent()
            .Module("m", "id: m\ntitle: T\nversion: \"1.0\"", "## A\n\n```gift check\n::k1:: Ett? {T}\n\nUtan titel? {F}\n```\n\n```gift check\n::k2:: Två? {T}\n\n::k2:: Tre? {F}\n```\n")
            .GoodModule("hel", extraBody: "\n```gift check\n::k1:: Ett? {T}\n```\n\n## Tredje\n\n```gift check\n::k1:: Samma titel, annan kontroll? {T}\n```\n");

        var set = ContentLoader.Load(content.Root, "c");

        Assert.Equal("hel", Assert.Single(set.Modules).Id);
        Assert.Equal(
            ["c/modules/m/index.md:11: Kunskapskontrollens fråga saknar både id (// [id:…]) och titel (::titel::); den behövs för att känna igen svaret.",
             "c/modules/m/index.md:17: Kunskapskontrollens fråga har samma id eller titel ”k2” som frågan på c/modules/m/index.md:15; frågorna i en kontroll måste gå att skilja åt."],
            set.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ToString()));
        Assert.Contains(set.Problems, p => p.Severity == ProblemSeverity.Warning && p.Path == "c/modules/hel/index.md" && p.Message.Contains("”k1”", StringComparison.Ordinal));
    }
}
