using Training.Core.Csv;
using Training.Core.Employees;

namespace Training.Core.Competence;

/// <summary>One data row of a completions file as written, spaces trimmed; nothing is checked yet.</summary>
/// <param name="Row">The line the row starts on; the header is row 1.</param>
/// <param name="EmployeeNumber">employee_number; null when the file has no such column.</param>
/// <param name="Email">email; null when the file has no such column.</param>
/// <param name="ModuleId">module_id</param>
/// <param name="CompletedAt">completed_at, meant as an ISO date or date and time</param>
/// <param name="ScorePercent">score_percent; null when the file has no such column</param>
/// <param name="ExpiresAt">expires_at; null when the file has no such column</param>
public sealed record CompletionCsvRow(int Row, string? EmployeeNumber, string? Email, string ModuleId, string CompletedAt, string? ScorePercent, string? ExpiresAt);

/// <summary>A read completions file: its rows, the rows that could not be read, or one error for the whole file.</summary>
/// <param name="Rows">The rows that were read.</param>
/// <param name="Errors">Rows that could not be read.</param>
/// <param name="FileError">Set when the file as a whole cannot be used.</param>
public sealed record CompletionCsvFile(IReadOnlyList<CompletionCsvRow> Rows, IReadOnlyList<RowError> Errors, ImportReason? FileError);

/// <summary>
/// Reads a file of past completions from another system, by the rules of <see cref="CsvFile"/>: a header naming
/// <c>module_id</c> and <c>completed_at</c>, at least one of <c>employee_number</c> and <c>email</c> (which identify the
/// person), and optionally <c>score_percent</c> and <c>expires_at</c>.
/// </summary>
public static class CompletionCsv
{
    /// <summary>The columns the header must name.</summary>
    public static readonly IReadOnlyList<string> Required = ["module_id", "completed_at"];

    /// <summary>The columns the header may name; one of the first two must be there.</summary>
    public static readonly IReadOnlyList<string> Optional = ["employee_number", "email", "score_percent", "expires_at"];

    /// <summary>The header as the documentation shows it.</summary>
    public static string Header => "employee_number;email;module_id;completed_at;score_percent;expires_at";

    /// <summary>Reads the file's bytes; anything but UTF-8 is one file error.</summary>
    public static CompletionCsvFile Read(byte[] bytes) => Of(CsvFile.Read(bytes, Required, Optional, Header));

    /// <summary>Reads the file's text (a leading byte order mark is ignored).</summary>
    public static CompletionCsvFile Read(string text) => Of(CsvFile.Read(text, Required, Optional, Header));

    private static CompletionCsvFile Of(CsvTable table)
    {
        if (table.FileError is not null)
        {
            return new([], [], table.FileError);
        }
        if (!table.Present.Contains("employee_number") && !table.Present.Contains("email"))
        {
            return new([], [], CompletionReasons.Of(CompletionReasons.PersonColumnMissing, Header));
        }
        return new(
            [.. table.Rows.Select(r => new CompletionCsvRow(r.Row, r.Values[2], r.Values[3], r.Values[0]!, r.Values[1]!, r.Values[4], r.Values[5]))],
            table.Errors, null);
    }
}
