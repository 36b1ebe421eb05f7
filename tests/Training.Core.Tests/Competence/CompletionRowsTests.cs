using Training.Core.Competence;
using Training.Core.Employees;

namespace Training.Core.Tests.Competence;

public class CompletionRowsTests
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
    private static readonly DateTime Now = new(2026, 3, 10, 9, 30, 0, DateTimeKind.Utc);
    private static readonly HashSet<string> Modules = ["grundkurs", "rattslig-ram"];

    private static CompletionCsvRow Row(
        int row = 2, string? number = "E1", string? email = null, string module = "grundkurs", string completedAt = "2025-06-12",
        string? score = null, string? expiresAt = null) =>
        new(row, number, email, module, completedAt, score, expiresAt);

    private static List<string> ErrorsOf(params CompletionCsvRow[] rows) =>
        CompletionRows.Check(rows, Modules, Stockholm, Now).Errors.Select(e => e.ToString()).ToList();

    private static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void AGoodRow_BecomesARecord_TheDateBeingTheStartOfThatDayInStockholm()
    {
        var result = CompletionRows.Check([Row(score: "85", expiresAt: "2027-06-12")], Modules, Stockholm, Now);

        Assert.Empty(result.Errors);
        Assert.Equal(new CompletionRecord(2, "E1", null, "grundkurs", Utc(2025, 6, 11, 22), 85, Utc(2027, 6, 11, 22)), Assert.Single(result.Records));
    }

    [Fact]
    public void EitherIdentifierIsEnough_AndEmptyOptionalFieldsAreAbsent()
    {
        var record = Assert.Single(CompletionRows.Check([Row(number: "", email: "anna@polisen.se", score: "", expiresAt: "")], Modules, Stockholm, Now).Records);

        Assert.Equal((null, "anna@polisen.se", null, null), (record.EmployeeNumber, record.Email, record.ScorePercent, record.ExpiresAt));
    }

    [Theory]
    [InlineData("2025-06-12", 2025, 6, 11, 22, 0)]            // summer: UTC+2
    [InlineData("2025-01-12", 2025, 1, 11, 23, 0)]            // winter: UTC+1
    [InlineData("2025-06-12T09:30", 2025, 6, 12, 7, 30)]
    [InlineData("2025-06-12 09:30", 2025, 6, 12, 7, 30)]
    [InlineData("2025-06-12T09:30:15", 2025, 6, 12, 7, 30)]
    [InlineData("2025-06-12T09:30:00.500", 2025, 6, 12, 7, 30)]
    [InlineData("2025-06-12T09:30Z", 2025, 6, 12, 9, 30)]
    [InlineData("2025-06-12T09:30:00+05:00", 2025, 6, 12, 4, 30)]
    [InlineData("2025-06-12T09:30-01:00", 2025, 6, 12, 10, 30)]
    public void Times_AreIsoDatesOrDateTimes_SwedishTimeWithoutAZone(string text, int y, int mo, int d, int h, int mi)
    {
        Assert.True(CompletionRows.TryParseTime(text, Stockholm, out var utc));
        Assert.Equal(Utc(y, mo, d, h, mi), utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMinute)));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("12/06/2025")]
    [InlineData("2025-6-12")]
    [InlineData("2025-02-30")]
    [InlineData("2025-06-12T25:00")]
    [InlineData("2025-06-12T09")]
    [InlineData("2025-06-12T09:30+15:00")]
    [InlineData("2025-03-30T02:30")]                          // the hour Stockholm skips in spring
    [InlineData("2025-06-12T09:30 Z")]
    [InlineData("２０２５-06-12")]                             // full-width digits are no ISO date
    [InlineData("")]
    public void NotATime(string text) => Assert.False(CompletionRows.TryParseTime(text, Stockholm, out _));

    public static TheoryData<CompletionCsvRow, string[]> BadRows() => new()
    {
        { Row(number: null, email: null), ["rad 2: anställningsnummer eller e-postadress saknas"] },
        { Row(number: "", email: ""), ["rad 2: anställningsnummer eller e-postadress saknas"] },
        { Row(module: ""), ["rad 2: modul-id saknas"] },
        { Row(module: "kurs-som-inte-finns"), ["rad 2: modulen ”kurs-som-inte-finns” finns inte"] },
        { Row(module: "GRUNDKURS"), ["rad 2: modulen ”GRUNDKURS” finns inte"] },
        { Row(completedAt: ""), ["rad 2: datum för genomförandet saknas"] },
        { Row(completedAt: "12/06/2025"), ["rad 2: ”12/06/2025” är inte ett datum i formen ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTHH:MM"] },
        { Row(completedAt: "2026-03-11"), ["rad 2: datumet 2026-03-11 har inte inträffat än"] },
        { Row(completedAt: "2026-03-10T10:31"), ["rad 2: datumet 2026-03-10T10:31 har inte inträffat än"] }, // 09:31 UTC, a minute ahead
        { Row(completedAt: "1999-12-31"), ["rad 2: datumet 1999-12-31 är före år 2000"] },
        { Row(score: "101"), ["rad 2: resultatet ”101” är inte ett heltal från 0 till 100"] },
        { Row(score: "-1"), ["rad 2: resultatet ”-1” är inte ett heltal från 0 till 100"] },
        { Row(score: "85,5"), ["rad 2: resultatet ”85,5” är inte ett heltal från 0 till 100"] },
        { Row(score: "85%"), ["rad 2: resultatet ”85%” är inte ett heltal från 0 till 100"] },
        { Row(expiresAt: "snart"), ["rad 2: giltighetsdatumet ”snart” är inte ett datum i formen ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTHH:MM"] },
        { Row(expiresAt: "2025-06-12"), ["rad 2: giltighetsdatumet ligger inte efter datumet för genomförandet"] },
        { Row(number: "E\t1"), ["rad 2: kolumnen employee_number innehåller ett osynligt styrtecken (U+0009); ta bort det och försök igen"] },
        { Row(number: null, email: null, module: "x", completedAt: "igår", score: "mycket"),
          ["rad 2: anställningsnummer eller e-postadress saknas", "rad 2: modulen ”x” finns inte",
           "rad 2: ”igår” är inte ett datum i formen ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTHH:MM", "rad 2: resultatet ”mycket” är inte ett heltal från 0 till 100"] },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void ABadRow_IsRefused_WithItsRowNumberAndEveryReason(CompletionCsvRow row, string[] expected)
    {
        var result = CompletionRows.Check([row], Modules, Stockholm, Now);

        Assert.Empty(result.Records);
        Assert.Equal(expected, result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("2026-03-10")]            // today, from the start of the day
    [InlineData("2026-03-10T10:30")]      // this very minute in Stockholm
    [InlineData("2000-01-01T00:00Z")]
    [InlineData("0")]
    public void TheBoundaries_AreAccepted(string value)
    {
        var row = value == "0" ? Row(score: "0") : Row(completedAt: value);
        Assert.Empty(ErrorsOf(row));
    }

    [Fact]
    public void GoodAndBadRows_AreSeparated_InFileOrder()
    {
        var result = CompletionRows.Check([Row(row: 2), Row(row: 3, module: "okand"), Row(row: 5, number: "E2", score: "100")], Modules, Stockholm, Now);

        Assert.Equal([2, 5], result.Records.Select(r => r.Row));
        Assert.Equal(["rad 3: modulen ”okand” finns inte"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void TheFile_NamesThePersonByNumberOrAddress_WithOptionalScoreAndExpiry()
    {
        var file = CompletionCsv.Read("email,module_id,completed_at\r\nanna@polisen.se,grundkurs,2025-06-12\r\n");

        Assert.Null(file.FileError);
        Assert.Equal(new CompletionCsvRow(2, null, "anna@polisen.se", "grundkurs", "2025-06-12", null, null), Assert.Single(file.Rows));
    }

    [Fact]
    public void TheFile_WithNeitherNumberNorAddressColumn_IsOneFileError()
    {
        var file = CompletionCsv.Read("module_id;completed_at\ngrundkurs;2025-06-12\n");

        Assert.Equal(CompletionReasons.PersonColumnMissing, file.FileError?.Template);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public void TheFile_WithoutModuleOrDate_NamesTheMissingColumns()
    {
        var file = CompletionCsv.Read("employee_number;score_percent\nE1;80\n");

        Assert.Equal(ImportReasons.MissingColumns, file.FileError?.Template);
        Assert.Equal("module_id, completed_at", file.FileError?.Values[0]);
    }

    [Fact]
    public void EveryReason_IsListed_ForItsTranslation() =>
        Assert.Equal(
            typeof(CompletionReasons).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal),
            CompletionReasons.All.Order(StringComparer.Ordinal));
}
