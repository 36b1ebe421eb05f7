using System.Globalization;
using System.Text;
using Training.Core.Employees;

namespace Training.Core.Csv;

/// <summary>One data row of a file: the values of the columns asked for, in that order, spaces trimmed; null for an optional column the header lacks.</summary>
/// <param name="Row">The line the row starts on; the header is row 1.</param>
/// <param name="Values">The values, by the position of their column in <c>required</c> then <c>optional</c>.</param>
public sealed record CsvRow(int Row, IReadOnlyList<string?> Values);

/// <summary>A read file: its rows, the rows that could not be read, or one error for the whole file (then there are no rows).</summary>
/// <param name="Rows">The rows that were read.</param>
/// <param name="Errors">Rows that could not be read (wrong number of fields, an unclosed quote).</param>
/// <param name="FileError">Set when the file as a whole cannot be used (not UTF-8, no or a wrong header).</param>
/// <param name="Present">The columns asked for that the header names.</param>
public sealed record CsvTable(IReadOnlyList<CsvRow> Rows, IReadOnlyList<RowError> Errors, ImportReason? FileError, IReadOnlyCollection<string> Present);

/// <summary>
/// The one place an uploaded CSV file is read (the employee file, the completions file): UTF-8 with or without a byte
/// order mark, a required header row naming the columns in any order and case (other columns are ignored), <c>;</c> or
/// <c>,</c> as separator (whichever the header uses), fields optionally in double quotes (<c>""</c> for a quote,
/// separators and line breaks allowed inside). Blank lines are skipped. Spaces around a value are trimmed; tabs and
/// other control characters are kept, for the row checks to refuse.
/// </summary>
public static class CsvFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the file's bytes; anything but UTF-8 is one file error.</summary>
    /// <param name="bytes">The file.</param>
    /// <param name="required">Columns the header must name.</param>
    /// <param name="optional">Columns the header may name.</param>
    /// <param name="header">The header as the documentation shows it, for the file errors.</param>
    public static CsvTable Read(byte[] bytes, IReadOnlyList<string> required, IReadOnlyList<string> optional, string header)
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
        return Read(text, required, optional, header);
    }

    /// <summary>Reads the file's text (a leading byte order mark is ignored).</summary>
    public static CsvTable Read(string text, IReadOnlyList<string> required, IReadOnlyList<string> optional, string header)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(optional);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var firstLine = text.AsSpan()[..IndexOfLineEnd(text, 0)];
        if (firstLine.IsWhiteSpace())
        {
            return Failed(ImportReasons.Of(ImportReasons.EmptyFile, header));
        }
        var reader = new Reader(text, SeparatorOf(firstLine));
        var names = reader.Next()!.Fields.Select(f => f.ToLowerInvariant()).ToList();
        var columns = required.Concat(optional).ToList();
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1 && columns.Contains(g.Key)) is { } twice)
        {
            return Failed(ImportReasons.Of(ImportReasons.DuplicateColumn, twice.Key));
        }
        var missing = required.Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return Failed(ImportReasons.Of(ImportReasons.MissingColumns, string.Join(", ", missing), header));
        }
        var index = columns.Select(c => names.IndexOf(c)).ToArray();
        var needed = index.Max() + 1;

        var rows = new List<CsvRow>();
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
            rows.Add(new CsvRow(record.Line, [.. index.Select(i => i < 0 ? null : fields[i])]));
        }
        return new CsvTable(rows, errors, null, [.. columns.Where(names.Contains)]);
    }

    private static CsvTable Failed(ImportReason reason) => new([], [], reason, []);

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
