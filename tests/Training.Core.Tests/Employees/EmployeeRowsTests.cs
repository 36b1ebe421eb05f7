using Training.Core.Employees;

namespace Training.Core.Tests.Employees;

public class EmployeeRowsTests
{
    private static readonly ImportAgency Polisen = new(
        ["polisen.se"],
        [new ImportUnit(1, "Region Syd"), new ImportUnit(2, "Region Öst")],
        [new ImportJobRole(10, "utredare", "Utredare"), new ImportJobRole(11, "polis-yttre-tjanst", "Polis i yttre tjänst")]);

    private static EmployeeCsvRow Row(
        int row = 2, string number = "E1", string name = "Anna Berg", string email = "anna@polisen.se", string unit = "Region Syd",
        string jobRole = "utredare", string startDate = "2020-01-15") =>
        new(row, number, name, email, unit, jobRole, startDate);

    private static List<string> ErrorsOf(params EmployeeCsvRow[] rows) =>
        EmployeeRows.Check(rows, Polisen).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void AGoodRow_BecomesARecord_WithTheUnitAndJobRoleIds()
    {
        var result = EmployeeRows.Check([Row()], Polisen);

        Assert.Empty(result.Errors);
        Assert.Equal(new EmployeeRecord(2, "E1", "Anna Berg", "anna@polisen.se", 1, 10, new DateOnly(2020, 1, 15)), Assert.Single(result.Records));
    }

    [Theory]
    [InlineData("utredare")]
    [InlineData("UTREDARE")]
    [InlineData("Polis i yttre tjänst")]
    [InlineData("polis i YTTRE tjänst")]
    public void TheJobRole_MatchesItsCodeOrName_CaseInsensitively(string jobRole) =>
        Assert.Single(EmployeeRows.Check([Row(jobRole: jobRole)], Polisen).Records);

    [Fact]
    public void TheUnit_MatchesCaseInsensitively_AndMayBeEmpty()
    {
        var records = EmployeeRows.Check([Row(row: 2, number: "E1", email: "a@polisen.se", unit: "region öst"), Row(row: 3, number: "E2", email: "b@polisen.se", unit: "")], Polisen).Records;

        Assert.Equal([2, null], records.Select(r => r.UnitId));
    }

    [Theory]
    [InlineData("", "e-postadress saknas")]
    [InlineData("anna.polisen.se", "”anna.polisen.se” är ingen giltig e-postadress")]
    [InlineData("anna@@polisen.se", "”anna@@polisen.se” är ingen giltig e-postadress")]
    [InlineData("anna berg@polisen.se", "”anna berg@polisen.se” är ingen giltig e-postadress")]
    [InlineData(".anna@polisen.se", "”.anna@polisen.se” är ingen giltig e-postadress")]
    [InlineData("åsa@polisen.se", "”åsa@polisen.se” är ingen giltig e-postadress")]
    [InlineData("o'hara@polisen.se", "”o'hara@polisen.se” är ingen giltig e-postadress")]
    [InlineData("anna@gmail.com", "e-postadressens domän gmail.com hör inte till myndigheten (domäner: polisen.se)")]
    [InlineData("anna@region.polisen.se", "e-postadressens domän region.polisen.se hör inte till myndigheten (domäner: polisen.se)")]
    public void ABadOrForeignAddress_RefusesTheRow(string email, string reason) =>
        Assert.Equal([$"rad 2: {reason}"], ErrorsOf(Row(email: email)));

    [Fact]
    public void AnAddressInCapitals_WithPlusAndUnderscore_IsInTheAgencysDomain() =>
        Assert.Empty(ErrorsOf(Row(email: "Anna.Berg_2+hr-x@POLISEN.SE")));

    [Theory]
    [InlineData("2020-1-15")]
    [InlineData("15/01/2020")]
    [InlineData("2020-02-30")]
    [InlineData("igår")]
    public void ABadDate_RefusesTheRow(string date) =>
        Assert.Equal([$"rad 2: startdatumet ”{date}” är inte ett datum i formen ÅÅÅÅ-MM-DD"], ErrorsOf(Row(startDate: date)));

    [Fact]
    public void MissingAndUnknownValues_AreEachAReason_ForTheSameRow()
    {
        Assert.Equal(
            ["rad 7: anställningsnummer saknas", "rad 7: namn saknas", "rad 7: enheten ”Region Norr” finns inte hos myndigheten",
             "rad 7: befattningen ”kock” finns inte hos myndigheten", "rad 7: startdatum saknas"],
            ErrorsOf(Row(row: 7, number: "", name: "", unit: "Region Norr", jobRole: "kock", startDate: "")));
        Assert.Equal(["rad 2: befattning saknas"], ErrorsOf(Row(jobRole: "")));
    }

    [Fact]
    public void TooLongValues_AreRefused_BeforeTheDatabaseWouldBe()
    {
        Assert.Equal(["rad 2: anställningsnumret är längre än 50 tecken", "rad 2: namnet är längre än 200 tecken"],
            ErrorsOf(Row(number: new string('1', 51), name: new string('a', 201))));
    }

    [Fact]
    public void AnEmployeeNumberOrAddressTwiceInTheFile_RefusesEveryRowWithIt()
    {
        var errors = ErrorsOf(
            Row(row: 2, number: "E1", email: "anna@polisen.se"),
            Row(row: 3, number: "E1", email: "bo@polisen.se"),
            Row(row: 4, number: "E4", email: "cia@polisen.se"),
            Row(row: 5, number: "E5", email: "CIA@polisen.se"),
            Row(row: 6, number: "E6", email: "dan@polisen.se"));

        Assert.Equal(
            ["rad 2: anställningsnumret E1 finns också på rad 3", "rad 3: anställningsnumret E1 finns också på rad 2",
             "rad 4: e-postadressen finns också på rad 5", "rad 5: e-postadressen finns också på rad 4"],
            errors);
    }

    [Fact]
    public void EveryReason_IsInTheListOfTemplates()
    {
        var templates = typeof(ImportReasons).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(templates.Order(StringComparer.Ordinal), ImportReasons.All.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Anna\0Berg", "name", "U+0000")]
    [InlineData("Anna\tBerg", "name", "U+0009")]
    [InlineData("Anna\nBerg", "name", "U+000A")]
    [InlineData("Anna\u007FBerg", "name", "U+007F")]
    [InlineData("Anna\u001BBerg", "name", "U+001B")]
    public void AControlCharacterInAField_RefusesTheRow_WithItsColumn(string name, string column, string code)
    {
        Assert.Equal([$"rad 7: kolumnen {column} innehåller ett osynligt styrtecken ({code}); ta bort det och försök igen"], ErrorsOf(Row(row: 7, name: name)));
    }

    [Fact]
    public void AControlCharacterInTheAddressOrNumber_IsRefusedToo_AndAGoodRowBesideItIsKept()
    {
        var result = EmployeeRows.Check([Row(row: 2, number: "E\u00001"), Row(row: 3, number: "E2", email: "b\u0001@polisen.se"), Row(row: 4, number: "E3", email: "c@polisen.se")], Polisen);

        Assert.Equal([2, 3], result.Errors.Select(e => e.Row));
        Assert.Equal("E3", Assert.Single(result.Records).EmployeeNumber);
    }

    [Fact]
    public void ATabInsideAQuotedField_ReachesTheRowCheck_AndIsRefused()
    {
        var file = EmployeeCsv.Read("employee_number;name;email;unit;job_role;start_date\nE1;\"Anna\tBerg\t\";anna@polisen.se;;utredare;2020-01-15\n");

        var result = EmployeeRows.Check(file.Rows, Polisen);

        Assert.Equal("rad 2: kolumnen name innehåller ett osynligt styrtecken (U+0009); ta bort det och försök igen", Assert.Single(result.Errors).ToString());
    }
}
