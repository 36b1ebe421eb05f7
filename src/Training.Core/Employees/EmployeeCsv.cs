using Training.Core.Csv;

namespace Training.Core.Employees;

/// <summary>One data row of an employee file as written, spaces trimmed (tabs and other control characters are kept, for the row check to refuse); nothing is checked yet.</summary>
/// <param name="Row">The line the row starts on; the header is row 1.</param>
/// <param name="EmployeeNumber">employee_number</param>
/// <param name="Name">name</param>
/// <param name="Email">email</param>
/// <param name="Unit">unit (may be empty)</param>
/// <param name="JobRole">job_role: a code or a name</param>
/// <param name="StartDate">start_date, meant as yyyy-MM-dd</param>
public sealed record EmployeeCsvRow(int Row, string EmployeeNumber, string Name, string Email, string Unit, string JobRole, string StartDate);

/// <summary>
/// A read file: its rows, the rows that could not be read, or one error for the whole file (then there are no rows).
/// </summary>
/// <param name="Rows">The rows that were read.</param>
/// <param name="Errors">Rows that could not be read (wrong number of fields, an unclosed quote).</param>
/// <param name="FileError">Set when the file as a whole cannot be used (not UTF-8, no or a wrong header).</param>
public sealed record EmployeeCsvFile(IReadOnlyList<EmployeeCsvRow> Rows, IReadOnlyList<RowError> Errors, ImportReason? FileError);

/// <summary>
/// Reads the employee file an HR system exports, by the rules of <see cref="CsvFile"/>: a header row naming the columns
/// <c>employee_number;name;email;unit;job_role;start_date</c> in any order and case (other columns are ignored).
/// </summary>
public static class EmployeeCsv
{
    /// <summary>The columns the header must name.</summary>
    public static readonly IReadOnlyList<string> Columns = ["employee_number", "name", "email", "unit", "job_role", "start_date"];

    /// <summary>The header as the documentation shows it.</summary>
    public static string Header => string.Join(';', Columns);

    /// <summary>Reads the file's bytes; anything but UTF-8 is one file error.</summary>
    public static EmployeeCsvFile Read(byte[] bytes) => Of(CsvFile.Read(bytes, Columns, [], Header));

    /// <summary>Reads the file's text (a leading byte order mark is ignored).</summary>
    public static EmployeeCsvFile Read(string text) => Of(CsvFile.Read(text, Columns, [], Header));

    private static EmployeeCsvFile Of(CsvTable table) => new(
        [.. table.Rows.Select(r => new EmployeeCsvRow(r.Row, r.Values[0]!, r.Values[1]!, r.Values[2]!, r.Values[3]!, r.Values[4]!, r.Values[5]!))],
        table.Errors, table.FileError);
}
