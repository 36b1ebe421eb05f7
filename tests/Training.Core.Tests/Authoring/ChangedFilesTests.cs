using Training.Core.Authoring;
using Training.Core.Content;
using Training.Core.Gift;

namespace Training.Core.Tests.Authoring;

/// <summary>Issue 16: files and browser together — numbering, reading carried over, and question links pinned to their version.</summary>
public class ChangedFilesTests
{
    private static ModuleVersionNumber V(int major, int minor) => new(major, minor);

    [Theory]
    [InlineData(1, 0, null, null, null, null, 1, 0)]   // a new module: as declared
    [InlineData(1, 1, 1, 0, 1, 0, 1, 1)]               // bumped above everything stored: as declared
    [InlineData(2, 0, 1, 1, 1, 0, 2, 0)]               // a major bump above the browser's 1.1: as declared
    [InlineData(1, 0, 1, 1, 1, 0, 1, 2)]               // changed without a bump after the browser's 1.1: next minor, 1.2
    [InlineData(1, 1, 1, 1, 1, 0, 1, 2)]               // the author's minor bump collides with the browser's 1.1: 1.2
    [InlineData(2, 0, 2, 0, 1, 0, 3, 0)]               // the author's major bump collides with the browser's 2.0: still a major, 3.0
    [InlineData(1, 3, 2, 1, 1, 2, 2, 2)]               // a minor bump behind the browser's 2.1: 2.2, never below what is served
    public void NumberForChangedFiles_IsAboveEveryStoredVersion_AndKeepsTheFilesMinorOrMajorIntent(
        int major, int minor, int? highestMajor, int? highestMinor, int? beforeMajor, int? beforeMinor, int expectedMajor, int expectedMinor)
    {
        var highest = highestMajor is { } hm ? V(hm, highestMinor!.Value) : (ModuleVersionNumber?)null;
        var before = beforeMajor is { } bm ? V(bm, beforeMinor!.Value) : (ModuleVersionNumber?)null;

        Assert.Equal(V(expectedMajor, expectedMinor), Publishing.NumberForChangedFiles(V(major, minor), highest, before));
    }

    [Fact]
    public void Carry_MatchesSectionsByTitle_ThenByPlaceWhenAHeadingWasCorrected_AndLeavesNewSectionsUnread()
    {
        string[] before = ["Inledning", "Lagen", "Stavfell", "Slut"];
        string[] after = ["Inledning", "Ett nytt avsnitt", "Lagen", "Slut"];

        // read 1, 2 and 3 of the old version; "Stavfell" was at 3, where a new section now stands, and is gone
        var carried = SectionMatch.Carry(before, new HashSet<int> { 1, 2, 3 }, after);

        Assert.Equal([1, 3], carried.Order());
    }

    [Fact]
    public void Carry_AHeadingCorrectedInPlace_KeepsItsReading()
    {
        var carried = SectionMatch.Carry(["Inledning", "Stavfell"], new HashSet<int> { 1, 2 }, ["Inledning", "Stavfel"]);

        Assert.Equal([1, 2], carried.Order());
    }

    [Theory]
    [InlineData("Se ![karta](bilder/karta.png).", TextFormat.Markdown, "Se ![karta](/moduler/m/filer/bilder/karta.png?v=abcdef123456).")]
    [InlineData("![k](/moduler/m/filer/bilder/karta.png)", TextFormat.Moodle, "![k](/moduler/m/filer/bilder/karta.png?v=abcdef123456)")]
    [InlineData("<img src=\"/moduler/m/filer/bilder/karta.png\" alt=\"k\">", TextFormat.Html, "<img src=\"/moduler/m/filer/bilder/karta.png?v=abcdef123456\" alt=\"k\">")]
    [InlineData("<img src='karta.png'>", TextFormat.Html, "<img src='/moduler/m/filer/karta.png?v=abcdef123456'>")]
    [InlineData("[lag](https://riksdagen.se/lag) och [annan](/moduler/annan/filer/a.png)", TextFormat.Markdown, "[lag](https://riksdagen.se/lag) och [annan](/moduler/annan/filer/a.png)")]
    [InlineData("![k](/moduler/m/filer/k.png?v=111111111111)", TextFormat.Markdown, "![k](/moduler/m/filer/k.png?v=111111111111)")]
    [InlineData("![k](bilder/k.png)", TextFormat.Plain, "![k](bilder/k.png)")]
    public void PinLinks_PointsLinksToTheModulesFilesAtThisVersion_AndLeavesOthersAlone(string text, TextFormat format, string expected) =>
        Assert.Equal(expected, ModuleFiles.PinLinks(text, format, "m", "abcdef1234567890"));

    [Fact]
    public void MapTexts_ReachesEveryTextTheLearnerSees()
    {
        var question = GiftParser.Parse("::q1::Fråga ![a](a.png) {=Rätt ![b](b.png)#Bra ![c](c.png) ~Fel} ####Allmänt ![d](d.png)\n", "q.gift").Questions.Single();

        var pinned = question.MapTexts((text, format) => ModuleFiles.PinLinks(text, format, "m", "abcdef1234567890"));

        var texts = pinned.FormattedTexts().Select(t => t.Text).ToList();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            Assert.Contains(texts, t => t.Contains($"(/moduler/m/filer/{name}.png?v=abcdef123456)", StringComparison.Ordinal));
        }
        Assert.Equal(question.Key, pinned.Key);
    }
}
