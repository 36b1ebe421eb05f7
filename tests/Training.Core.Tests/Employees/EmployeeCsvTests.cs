using System.Text;
using Training.Core.Employees;

namespace Training.Core.Tests.Employees;

public class EmployeeCsvTests
{
    private const string Header = "employee_number;name;email;unit;job_role;start_date";

    [Fact]
    public void ReadsRows_WithTheirLineNumbers_TheHeaderBeingRowOne()
    {
        var file = EmployeeCsv.Read($"{Header}\nE1;Anna Berg;anna@polisen.se;Region Syd;utredare;2020-01-15\n\nE2;Bo Ek;bo@polisen.se;;Utredare;2021-02-01\n");

        Assert.Null(file.FileError);
        Assert.Empty(file.Errors);
        Assert.Equal(
            [new EmployeeCsvRow(2, "E1", "Anna Berg", "anna@polisen.se", "Region Syd", "utredare", "2020-01-15"),
             new EmployeeCsvRow(4, "E2", "Bo Ek", "bo@polisen.se", "", "Utredare", "2021-02-01")],
            file.Rows);
    }

    [Fact]
    public void FindsColumnsByName_InAnyOrderAndCase_WithCommasAndExtraColumns()
    {
        var file = EmployeeCsv.Read("Start_Date,EMAIL,Name,extra,Employee_Number,Job_Role,Unit\r\n2020-01-15,anna@polisen.se,Anna Berg,x,E1,utredare,\r\n");

        var row = Assert.Single(file.Rows);
        Assert.Equal(new EmployeeCsvRow(2, "E1", "Anna Berg", "anna@polisen.se", "", "utredare", "2020-01-15"), row);
    }

    [Fact]
    public void ReadsUtf8WithAndWithoutByteOrderMark()
    {
        var text = $"{Header}\nE1;Åsa Öberg;asa@polisen.se;Region Öst;utredare;2020-01-15\n";
        var withMark = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        Assert.Equal("Åsa Öberg", Assert.Single(EmployeeCsv.Read(withMark).Rows).Name);
        Assert.Equal("Åsa Öberg", Assert.Single(EmployeeCsv.Read(Encoding.UTF8.GetBytes(text)).Rows).Name);
    }

    [Fact]
    public void ALatin1File_IsOneClearFileError()
    {
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\nE1;Åsa Öberg;asa@polisen.se;;utredare;2020-01-15\n");

        var file = EmployeeCsv.Read(latin1);

        Assert.Equal(ImportReasons.NotUtf8, file.FileError?.Template);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public void QuotedFields_MayHoldSeparatorsQuotesAndLineBreaks_AndLaterRowsKeepTheirLineNumbers()
    {
        var file = EmployeeCsv.Read($"{Header}\n\"E1\";\"Berg; Anna \"\"Annie\"\"\";anna@polisen.se;\"Region\nSyd\";utredare;2020-01-15\nE2;Bo;bo@polisen.se;;utredare;2020-01-15\n");

        Assert.Equal(2, file.Rows.Count);
        Assert.Equal("Berg; Anna \"Annie\"", file.Rows[0].Name);
        Assert.Equal("Region\nSyd", file.Rows[0].Unit);
        Assert.Equal(2, file.Rows[0].Row);
        Assert.Equal(4, file.Rows[1].Row);
    }

    [Theory]
    [InlineData("employee_number;name;email;unit;job_role", "start_date")]
    [InlineData("anställningsnummer;namn;e-post;enhet;befattning;startdatum", "employee_number, name, email, unit, job_role, start_date")]
    [InlineData("E1;Anna Berg;anna@polisen.se;;utredare;2020-01-15", "employee_number, name, email, unit, job_role, start_date")]
    public void AMissingOrWrongHeader_IsOneFileError_NamingTheMissingColumns(string header, string missing)
    {
        var file = EmployeeCsv.Read($"{header}\nE1;Anna;anna@polisen.se;;utredare;2020-01-15\n");

        Assert.Equal(ImportReasons.MissingColumns, file.FileError?.Template);
        Assert.Equal(missing, file.FileError!.Values[0]);
        Assert.Contains(Header, file.FileError.ToString(), StringComparison.Ordinal);
        Assert.Empty(file.Rows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\nE1;Anna")]
    [InlineData("\uFEFF")]
    public void AnEmptyFile_IsAFileError(string text) =>
        Assert.Equal(ImportReasons.EmptyFile, EmployeeCsv.Read(text).FileError?.Template);

    [Fact]
    public void ARepeatedColumn_IsAFileError() =>
        Assert.Equal(ImportReasons.DuplicateColumn, EmployeeCsv.Read(Header + ";email\n").FileError?.Template);

    [Fact]
    public void ARowWithTooFewFieldsOrAValueBeyondTheHeader_IsARowError_AndTrailingEmptyFieldsAreFine()
    {
        var file = EmployeeCsv.Read($"{Header}\nE1;Anna;anna@polisen.se\nE2;Bo;bo@polisen.se;;utredare;2020-01-15;;;\nE3;Cia;cia@polisen.se;;utredare;2020-01-15;över\n");

        Assert.Equal(["E2"], file.Rows.Select(r => r.EmployeeNumber));
        Assert.Equal(["rad 2: raden har 3 fält men rubrikraden har 6", "rad 4: raden har 7 fält men rubrikraden har 6"], file.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void AnUnclosedQuote_RefusesThatRow_AndStopsReading()
    {
        var file = EmployeeCsv.Read($"{Header}\nE1;Anna;anna@polisen.se;;utredare;2020-01-15\nE2;\"Bo;bo@polisen.se;;utredare;2020-01-15\nE3;Cia;cia@polisen.se;;utredare;2020-01-15\n");

        Assert.Equal(["E1"], file.Rows.Select(r => r.EmployeeNumber));
        Assert.Equal(ImportReasons.UnclosedQuote, Assert.Single(file.Errors).Reason.Template);
        Assert.Equal(3, file.Errors[0].Row);
    }

    [Fact]
    public void ValuesAreTrimmed()
    {
        var row = Assert.Single(EmployeeCsv.Read($"{Header}\n E1 ; Anna Berg ;anna@polisen.se ; ; utredare ;2020-01-15 \n").Rows);

        Assert.Equal(new EmployeeCsvRow(2, "E1", "Anna Berg", "anna@polisen.se", "", "utredare", "2020-01-15"), row);
    }
}
