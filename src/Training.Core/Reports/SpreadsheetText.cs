using System.Buffers;
using System.Text;

namespace Training.Core.Reports;

/// <summary>
/// Text cells as spreadsheets must get them: a cell that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return would be read as a formula by Excel or LibreOffice, so it gets a leading <c>'</c>; the one place
/// that rule lives, for every export (CSV and XLSX). Numbers and dates are written as such and never pass through here.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>The characters that make a spreadsheet read a cell as a formula when they come first.</summary>
    public static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary><paramref name="text"/> with a leading <c>'</c> when it would otherwise be read as a formula.</summary>
    public static string Neutralise(string text) => NeedsNeutralising(text) ? "'" + text : text;

    /// <summary>Whether <paramref name="text"/> would be read as a formula as it is.</summary>
    public static bool NeedsNeutralising(string text) => text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0;
}

/// <summary>
/// CSV as Swedish Excel reads it: fields separated by <c>;</c>, lines ended by CRLF, a field quoted (RFC 4180, quotes
/// doubled) when it holds the separator, a quote or a line break; text fields neutralised (<see cref="SpreadsheetText"/>).
/// </summary>
public static class CsvLines
{
    /// <summary>The field separator (Swedish Excel reads it without asking).</summary>
    public const char Separator = ';';

    /// <summary>A text field, neutralised and quoted as needed.</summary>
    public static string Text(string? value) =>
        value is null ? "" : !SpreadsheetText.NeedsNeutralising(value) && !NeedsQuoting(value) ? value : new StringBuilder().AppendCsvText(value).ToString();

    /// <summary>A field written as it is (numbers and ISO dates, which never need neutralising), quoted as needed.</summary>
    public static string Quote(string value) => NeedsQuoting(value) ? Append(new StringBuilder(), value, neutralise: false).ToString() : value;

    /// <summary>Appends a text field, neutralised and quoted as needed, to a line being built (for writers of many rows).</summary>
    public static StringBuilder AppendCsvText(this StringBuilder line, string? value) =>
        Append(line, value ?? "", SpreadsheetText.NeedsNeutralising(value ?? ""));

    private static StringBuilder Append(StringBuilder line, string value, bool neutralise)
    {
        var quoted = NeedsQuoting(value);
        if (quoted)
        {
            line.Append('"');
        }
        if (neutralise)
        {
            line.Append('\'');
        }
        if (!quoted)
        {
            return line.Append(value);
        }
        var start = line.Length;
        return line.Append(value).Replace("\"", "\"\"", start, value.Length).Append('"'); // RFC 4180: a quote inside is doubled
    }

    private static readonly SearchValues<char> NeedQuoting = SearchValues.Create([Separator, '"', '\r', '\n']);

    private static bool NeedsQuoting(string value) => value.AsSpan().IndexOfAny(NeedQuoting) >= 0;

    /// <summary>One line of already-made fields, with its CRLF.</summary>
    public static string Line(IEnumerable<string> fields)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(Separator); // by position, not by what was written: a line may begin with an empty field
            }
            line.Append(field);
            first = false;
        }
        return line.Append("\r\n").ToString();
    }

    /// <summary>Reads CSV written this way (or any RFC 4180 CSV with <c>;</c>) back into rows of fields.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Read(string text)
    {
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            any = true;
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == Separator)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                any = false;
            }
            else
            {
                field.Append(c);
            }
        }
        if (any)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
