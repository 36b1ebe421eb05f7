using Training.Core.Competence;
using Training.Core.Reports;

namespace Training.Core.Tests.Reports;

public class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tgömd", "'\tgömd")]
    [InlineData("\rgömd", "'\rgömd")]
    [InlineData("Anna Svensson", "Anna Svensson")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData("'redan", "'redan")]
    public void Neutralise_PrefixesAnApostrophe_OnlyWhenTheCellWouldBeAFormula(string text, string expected) =>
        Assert.Equal(expected, SpreadsheetText.Neutralise(text));

    [Theory]
    [InlineData("enkel", "enkel")]
    [InlineData("Svensson; Anna", "\"Svensson; Anna\"")]
    [InlineData("Anna \"Nina\" S", "\"Anna \"\"Nina\"\" S\"")]
    [InlineData("rad ett\nrad två", "\"rad ett\nrad två\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-1;2", "\"'-1;2\"")]
    [InlineData(null, "")]
    public void Text_QuotesAsRfc4180_AndNeutralisesFormulas(string? value, string expected) =>
        Assert.Equal(expected, CsvLines.Text(value));

    [Fact]
    public void ALineWithSeparatorsQuotesAndLineBreaks_SurvivesARoundTrip()
    {
        string[] fields = ["Åsa \"Bo\"; Öberg", "rad ett\r\nrad två", "", "vanlig"];

        var text = CsvLines.Line(fields.Select(CsvLines.Text)) + CsvLines.Line(["x", "y"]);
        var rows = CsvLines.Read(text);

        Assert.Equal(2, rows.Count);
        Assert.Equal(fields, rows[0]);
        Assert.Equal(["x", "y"], rows[1]);
    }

    [Fact]
    public void ALineThatBeginsWithEmptyFields_KeepsEveryField()
    {
        // a person with no unit, say: the separators come from the fields' positions, not from what was written
        Assert.Equal(";;x;\r\n", CsvLines.Line(["", "", "x", ""]));
        Assert.Equal(["", "", "x", ""], CsvLines.Read(CsvLines.Line(["", "", "x", ""])).Single());
    }

    [Theory]
    [InlineData(new[] { CompetenceStatus.Completed, CompetenceStatus.Expiring }, true)]
    [InlineData(new[] { CompetenceStatus.Completed, CompetenceStatus.Overdue }, false)]
    [InlineData(new[] { CompetenceStatus.Expired }, false)]
    [InlineData(new[] { CompetenceStatus.InProgress }, false)]
    [InlineData(new CompetenceStatus[0], false)]
    public void APerson_IsCompliant_OnlyWhenEveryAskedModuleIsValid(CompetenceStatus[] statuses, bool expected) =>
        Assert.Equal(expected, Compliance.IsCompliant(statuses));

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(1, 3, 33)]
    [InlineData(199, 200, 99)]
    [InlineData(5, 5, 100)]
    public void Percent_RoundsDown_SoThatAHundredMeansEveryone(int compliant, int people, int? expected) =>
        Assert.Equal(expected, Compliance.Percent(compliant, people));
}
