using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Core.Reports;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>One row of the HR export (design §7): a person and a module that is required of them or that they completed.</summary>
public sealed record ExportRow(
    string AgencyCode, string? Unit, string? EmployeeNumber, string Name, string? Email, string? JobRole,
    string ModuleId, string? ModuleTitle, string? ModuleVersion, string? ContentHash, string Status,
    DateOnly? DueAt, DateTime? CompletedAt, int? ScorePercent, DateTime? ExpiresAt, string? Source, string? CertificateCode);

/// <summary>
/// The HR export: the rows (read in batches of people, statuses from <see cref="Records"/>), and the three formats they
/// are written in, each streamed as the rows come so that memory stays flat for an agency of any size.
/// </summary>
public static class CompletionExport
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx", "json"];

    /// <summary>The columns, in order, as design §7 names them.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "agency_code", "unit", "employee_number", "name", "email", "job_role", "module_id", "module_title", "module_version",
        "content_hash", "status", "due_at", "completed_at", "score_percent", "expires_at", "source", "certificate_code",
    ];

    /// <summary>How many rows are written between flushes.</summary>
    private const int FlushEvery = 500;

    public static string ContentType(string format) => format switch
    {
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/json; charset=utf-8",
    };

    public static string FileName(string agencyCode, string format, DateTime now) =>
        string.Create(CultureInfo.InvariantCulture, $"genomforanden-{agencyCode}-{Infrastructure.SwedishTime.Local(now):yyyy-MM-dd}.{format}");

    /// <summary>
    /// Every row in scope: for each person (by id, in batches), each mandatory module with its status and the completion
    /// that counts, then each other module they completed (its latest completion in force that counts, as the same rule
    /// says with no due date). The filter keeps rows by module and by status.
    /// </summary>
    public static async IAsyncEnumerable<ExportRow> RowsAsync(
        TrainingDbContext db, ContentCatalogue catalogue, HrScope scope, DateTime now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var agency = scope.Agency;
        var units = await db.Units.AsNoTracking().Where(u => u.AgencyId == agency.Id).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var jobRoles = await db.JobRoles.AsNoTracking().Where(j => j.AgencyId == agency.Id).ToDictionaryAsync(j => j.Id, j => j.Name, cancellationToken);
        var filter = scope.Filter;
        await foreach (var record in Records.EveryoneOfAgencyAsync(db, catalogue, agency.Id, now, scope.People, cancellationToken))
        {
            var person = record.Person;
            foreach (var row in filter.ModuleRows(record.Modules))
            {
                if (filter.MatchesRow(row.State.Status))
                {
                    yield return Row(person, units, jobRoles, agency.Code, row.Module.Id, row.Module.Title, row.State, Matching(record.Completions, row.State.Counting));
                }
            }
            if (record.Completions.Count == 0)
            {
                continue;
            }
            var askedIds = record.Modules.Select(r => r.Module.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var done in record.Completions.Where(c => !askedIds.Contains(c.ModuleId) && (filter.Module is null || c.ModuleId == filter.Module))
                .GroupBy(c => c.ModuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (catalogue.Find(done.Key) is not { } module)
                {
                    continue; // a module no longer served has no status to give
                }
                var state = CompetenceRules.StatusOf(new CompetenceRequirement(), Records.Person(person), module.Current, done.Select(Records.Fact), begun: false, now);
                if (state.Counting is not null && filter.MatchesRow(state.Status))
                {
                    yield return Row(person, units, jobRoles, agency.Code, module.Id, module.Title, state, Matching(done, state.Counting));
                }
            }
        }
    }

    private static Completion? Matching(IEnumerable<Completion> completions, CompletionFact? counting) =>
        counting is null ? null
            : completions.Where(c => c.ModuleId == counting.ModuleId && c.Version == counting.Version && c.CompletedAt == counting.CompletedAt)
                .OrderByDescending(c => c.Id).FirstOrDefault();

    private static ExportRow Row(PersonSummary person, Dictionary<int, string> units, Dictionary<int, string> jobRoles, string agencyCode,
        string moduleId, string moduleTitle, CompetenceState state, Completion? completion) =>
        new(agencyCode,
            person.UnitId is { } unit ? units.GetValueOrDefault(unit) : null,
            person.EmployeeNumber, person.Name, person.Email,
            person.JobRoleId is { } role ? jobRoles.GetValueOrDefault(role) : null,
            moduleId, moduleTitle, completion?.Version, completion?.ContentHash,
            StatusText.Code(state.Status), state.DueDate, completion?.CompletedAt, completion?.ScorePercent,
            state.ValidUntil ?? completion?.ExpiresAt, completion?.Source, completion?.VerificationCode);

    /// <summary>Writes the rows in <paramref name="format"/> to <paramref name="output"/>; returns how many rows were written.</summary>
    /// <remarks>XLSX is written with the SDK's synchronous writer: to a stream that cannot seek (a response) it goes through a temporary file.</remarks>
    public static async Task<int> WriteAsync(IAsyncEnumerable<ExportRow> rows, string format, Stream output, CancellationToken cancellationToken = default)
    {
        switch (format)
        {
            case "csv":
                return await WriteCsvAsync(rows, output, cancellationToken);
            case "json":
                return await WriteJsonAsync(rows, output, cancellationToken);
            case "xlsx" when output.CanSeek && output.CanRead:
                return await WriteXlsxAsync(rows, output, cancellationToken);
            case "xlsx":
                var path = Path.GetTempFileName();
                try
                {
                    int count;
                    await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
                    {
                        count = await WriteXlsxAsync(rows, file, cancellationToken);
                    }
                    await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
                    {
                        await file.CopyToAsync(output, cancellationToken);
                    }
                    return count;
                }
                finally
                {
                    File.Delete(path);
                }
            default:
                throw new ArgumentException($"Okänt format: {format}", nameof(format));
        }
    }

    private const string IsoDate = "yyyy-MM-dd";
    private const string IsoMoment = "yyyy-MM-ddTHH:mm:ssZ";

    private static string Date(DateOnly? day) => day?.ToString(IsoDate, CultureInfo.InvariantCulture) ?? "";

    private static string Moment(DateTime? utc) => utc?.ToString(IsoMoment, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Appends a value in the format given (ISO 8601 here), as <c>ToString</c> would give it, without making the string.</summary>
    private static StringBuilder AppendFormatted<T>(this StringBuilder line, T? value, string format) where T : struct, ISpanFormattable
    {
        if (value is { } some)
        {
            Span<char> text = stackalloc char[32];
            if (some.TryFormat(text, out var written, format, CultureInfo.InvariantCulture))
            {
                return line.Append(text[..written]);
            }
            line.Append(some.ToString(format, CultureInfo.InvariantCulture));
        }
        return line;
    }

    /// <remarks>
    /// The rows are appended to one builder and written every <see cref="FlushEvery"/> rows, so that a row costs no strings
    /// of its own beyond what the database gave (an export of the whole agency is some 200 000 rows).
    /// </remarks>
    private static async Task<int> WriteCsvAsync(IAsyncEnumerable<ExportRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync('\uFEFF');
        await writer.WriteAsync(CsvLines.Line(Columns));
        var lines = new StringBuilder(1 << 17);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            const char Separator = CsvLines.Separator;
            lines.AppendCsvText(row.AgencyCode).Append(Separator).AppendCsvText(row.Unit).Append(Separator)
                .AppendCsvText(row.EmployeeNumber).Append(Separator).AppendCsvText(row.Name).Append(Separator)
                .AppendCsvText(row.Email).Append(Separator).AppendCsvText(row.JobRole).Append(Separator)
                .AppendCsvText(row.ModuleId).Append(Separator).AppendCsvText(row.ModuleTitle).Append(Separator)
                .AppendCsvText(row.ModuleVersion).Append(Separator).AppendCsvText(row.ContentHash).Append(Separator)
                .AppendCsvText(row.Status).Append(Separator)
                .AppendFormatted(row.DueAt, IsoDate).Append(Separator).AppendFormatted(row.CompletedAt, IsoMoment).Append(Separator)
                .AppendFormatted(row.ScorePercent, "D").Append(Separator).AppendFormatted(row.ExpiresAt, IsoMoment).Append(Separator)
                .AppendCsvText(row.Source).Append(Separator).AppendCsvText(row.CertificateCode).Append("\r\n");
            if (++count % FlushEvery == 0)
            {
                await writer.WriteAsync(lines, cancellationToken);
                await writer.FlushAsync(cancellationToken);
                lines.Clear();
            }
        }
        await writer.WriteAsync(lines, cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    private static async Task<int> WriteJsonAsync(IAsyncEnumerable<ExportRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("agency_code", row.AgencyCode);
            json.WriteString("unit", row.Unit);
            json.WriteString("employee_number", row.EmployeeNumber);
            json.WriteString("name", row.Name);
            json.WriteString("email", row.Email);
            json.WriteString("job_role", row.JobRole);
            json.WriteString("module_id", row.ModuleId);
            json.WriteString("module_title", row.ModuleTitle);
            json.WriteString("module_version", row.ModuleVersion);
            json.WriteString("content_hash", row.ContentHash);
            json.WriteString("status", row.Status);
            json.WriteString("due_at", row.DueAt is null ? null : Date(row.DueAt));
            json.WriteString("completed_at", row.CompletedAt is null ? null : Moment(row.CompletedAt));
            if (row.ScorePercent is { } score)
            {
                json.WriteNumber("score_percent", score);
            }
            else
            {
                json.WriteNull("score_percent");
            }
            json.WriteString("expires_at", row.ExpiresAt is null ? null : Moment(row.ExpiresAt));
            json.WriteString("source", row.Source);
            json.WriteString("certificate_code", row.CertificateCode);
            json.WriteEndObject();
            if (++count % FlushEvery == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>Style indexes of the workbook's cell formats.</summary>
    private const uint DayStyle = 1, MomentStyle = 2, HeaderStyle = 3;

    private static async Task<int> WriteXlsxAsync(IAsyncEnumerable<ExportRow> rows, Stream output, CancellationToken cancellationToken)
    {
        var count = 0;
        var lastRow = "";
        using (var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = Styles();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                // the header row stays in view while scrolling
                writer.WriteElement(new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { WorkbookViewId = 0, TabSelected = true }));
                writer.WriteStartElement(new SheetData());
                writer.WriteStartElement(new Row { RowIndex = 1 });
                foreach (var column in Columns)
                {
                    TextCell(writer, column, HeaderStyle);
                }
                writer.WriteEndElement();
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    count++;
                    writer.WriteStartElement(new Row { RowIndex = (uint)count + 1 });
                    TextCell(writer, row.AgencyCode);
                    TextCell(writer, row.Unit);
                    TextCell(writer, row.EmployeeNumber);
                    TextCell(writer, row.Name);
                    TextCell(writer, row.Email);
                    TextCell(writer, row.JobRole);
                    TextCell(writer, row.ModuleId);
                    TextCell(writer, row.ModuleTitle);
                    TextCell(writer, row.ModuleVersion);
                    TextCell(writer, row.ContentHash);
                    TextCell(writer, row.Status);
                    DateCell(writer, row.DueAt?.ToDateTime(TimeOnly.MinValue), DayStyle);
                    DateCell(writer, row.CompletedAt, MomentStyle);
                    NumberCell(writer, row.ScorePercent);
                    DateCell(writer, row.ExpiresAt, MomentStyle);
                    TextCell(writer, row.Source);
                    TextCell(writer, row.CertificateCode);
                    writer.WriteEndElement();
                }
                writer.WriteEndElement(); // sheetData
                lastRow = (count + 1).ToString(CultureInfo.InvariantCulture);
                writer.WriteElement(new AutoFilter { Reference = "A1:Q" + lastRow });
                writer.WriteEndElement(); // worksheet
            }
            workbookPart.Workbook = new Workbook(
                new Sheets(new Sheet { Name = "Genomföranden", SheetId = 1, Id = workbookPart.GetIdOfPart(sheetPart) }),
                new DefinedNames(new DefinedName("'Genomföranden'!$A$1:$Q$" + lastRow)
                {
                    Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true,
                }));
        }
        return count;
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm:ss" })
        { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true })
        { Count = 4 });

    private static void TextCell(OpenXmlWriter writer, string? text, uint style = 0)
    {
        // inline strings: no shared-string table to hold in memory; neutralised as in the CSV
        var cell = new Cell { DataType = CellValues.InlineString };
        if (style != 0)
        {
            cell.StyleIndex = style;
        }
        writer.WriteStartElement(cell);
        writer.WriteElement(new InlineString(new Text(SpreadsheetText.Neutralise(text ?? "")) { Space = SpaceProcessingModeValues.Preserve }));
        writer.WriteEndElement();
    }

    private static void NumberCell(OpenXmlWriter writer, int? number)
    {
        if (number is null)
        {
            TextCell(writer, null);
            return;
        }
        writer.WriteElement(new Cell(new CellValue(number.Value)) { DataType = CellValues.Number });
    }

    private static void DateCell(OpenXmlWriter writer, DateTime? utc, uint style)
    {
        if (utc is null)
        {
            TextCell(writer, null);
            return;
        }
        writer.WriteElement(new Cell(new CellValue(utc.Value.ToOADate().ToString(CultureInfo.InvariantCulture))) { StyleIndex = style });
    }
}
