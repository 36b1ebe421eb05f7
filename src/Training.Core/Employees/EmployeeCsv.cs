using System.Globalization;
using System.Text;

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
/// Reads the employee file an HR system exports: UTF-8 with or without a byte order mark, a required header row naming the
/// columns <c>employee_number;name;email;unit;job_role;start_date</c> in any order and case (other columns are ignored),
/// <c>;</c> or <c>,</c> as separator (whichever the header uses), fields optionally in double quotes (<c>""</c> for a
/// quote, separators and line breaks allowed inside). Blank lines are skipped.
/// </summary>
public static class EmployeeCsv
{
    /// <summary>The columns the header must name.</summary>
    public static readonly IReadOnlyList<string> Columns = ["employee_number", "name", "email", "unit", "job_role", "start_date"];

    /// <summary>The header as the documentation shows it.</summary>
    public static string Header => string.Join(';', Columns);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the file's bytes; anything but UTF-8 is one file error.</summary>
    public static EmployeeCsvFile Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Failed(ImportReasons.Of(ImportReasons.NotUtf8));
        }
        return Read(text);
    }

    /// <summary>Reads the file's text (a leading byte order mark is ignored).</summary>
    public static EmployeeCsvFile Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var firstLine = text.AsSpan()[..IndexOfLineEnd(text, 0)];
        if (firstLine.IsWhiteSpace())
        {
            return Failed(ImportReasons.Of(ImportReasons.EmptyFile, Header));
        }
        var reader = new Reader(text, SeparatorOf(firstLine));
        var header = reader.Next()!;
        var names = header.Fields.Select(f => f.ToLowerInvariant()).ToList();
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1 && Columns.Contains(g.Key)) is { } twice)
        {
            return Failed(ImportReasons.Of(ImportReasons.DuplicateColumn, twice.Key));
        }
        var missing = Columns.Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return Failed(ImportReasons.Of(ImportReasons.MissingColumns, string.Join(", ", missing), Header));
        }
        var index = Columns.Select(c => names.IndexOf(c)).ToArray();
        var needed = index.Max() + 1;

        var rows = new List<EmployeeCsvRow>();
        var errors = new List<RowError>();
        while (reader.Next() is { } record)
        {
            if (record.Unclosed)
            {
                errors.Add(new RowError(record.Line, ImportReasons.Of(ImportReasons.UnclosedQuote)));
                break;
            }
            var fields = record.Fields;
            if (fields.All(string.IsNullOrEmpty))
            {
                continue;
            }
            // Spreadsheets often end rows with empty fields of their own; only a value beyond the header is a real mismatch.
            if (fields.Count < needed || fields.Skip(names.Count).Any(f => f.Length > 0))
            {
                var count = fields.Count < needed ? fields.Count : fields.FindLastIndex(f => f.Length > 0) + 1;
                errors.Add(new RowError(record.Line, ImportReasons.Of(ImportReasons.FieldCount,
                    count.ToString(CultureInfo.InvariantCulture), names.Count.ToString(CultureInfo.InvariantCulture))));
                continue;
            }
            rows.Add(new EmployeeCsvRow(record.Line, fields[index[0]], fields[index[1]], fields[index[2]], fields[index[3]], fields[index[4]], fields[index[5]]));
        }
        return new EmployeeCsvFile(rows, errors, null);
    }

    private static EmployeeCsvFile Failed(ImportReason reason) => new([], [], reason);

    /// <summary>The header's separator: the more frequent of <c>;</c> and <c>,</c> outside quotes; <c>;</c> on a tie.</summary>
    private static char SeparatorOf(ReadOnlySpan<char> header)
    {
        var (semicolons, commas, quoted) = (0, 0, false);
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
        }
        return commas > semicolons ? ',' : ';';
    }

    private static int IndexOfLineEnd(string text, int start)
    {
        var end = text.AsSpan(start).IndexOfAny('\r', '\n');
        return end < 0 ? text.Length : start + end;
    }

    private sealed record Record(int Line, List<string> Fields, bool Unclosed);

    /// <summary>Reads one record at a time, counting lines (\n, \r\n or \r) so each record knows the line it starts on.</summary>
    private sealed class Reader(string text, char separator)
    {
        private int position;
        private int line = 1;

        public Record? Next()
        {
            if (position >= text.Length)
            {
                return null;
            }
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            while (true)
            {
                if (position < text.Length && text[position] == '"')
                {
                    position++;
                    if (!ReadQuoted(field))
                    {
                        fields.Add(field.ToString().Trim(' '));
                        return new Record(start, fields, Unclosed: true);
                    }
                }
                // Unquoted text, or what follows a closing quote up to the separator, is taken as it is.
                while (position < text.Length && text[position] is not ('\r' or '\n') && text[position] != separator)
                {
                    field.Append(text[position++]);
                }
                fields.Add(field.ToString().Trim(' '));
                field.Clear();
                if (position >= text.Length)
                {
                    return new Record(start, fields, Unclosed: false);
                }
                if (text[position] == separator)
                {
                    position++;
                    continue;
                }
                SkipLineBreak();
                return new Record(start, fields, Unclosed: false);
            }
        }

        /// <summary>Reads up to the closing quote (consumed); false when the text ends first.</summary>
        private bool ReadQuoted(StringBuilder field)
        {
            while (position < text.Length)
            {
                var c = text[position];
                if (c == '"')
                {
                    if (position + 1 < text.Length && text[position + 1] == '"')
                    {
                        field.Append('"');
                        position += 2;
                        continue;
                    }
                    position++;
                    return true;
                }
                if (c is '\r' or '\n')
                {
                    SkipLineBreak();
                    field.Append('\n');
                    continue;
                }
                field.Append(c);
                position++;
            }
            return false;
        }

        private void SkipLineBreak()
        {
            if (text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n')
            {
                position++;
            }
            position++;
            line++;
        }
    }
}
