using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Training.Core.Employees;

namespace Training.Core.Competence;

/// <summary>A row that passed every check that needs no database: whose completion (by number and/or address) and what.</summary>
/// <param name="Row">The row's line in the file.</param>
/// <param name="EmployeeNumber">The employee number, or null when the row gives none.</param>
/// <param name="Email">The address, or null when the row gives none.</param>
/// <param name="ModuleId">The module, one the site serves.</param>
/// <param name="CompletedAt">When it was completed (UTC).</param>
/// <param name="ScorePercent">The score, when the row gives one.</param>
/// <param name="ExpiresAt">When it expires (UTC), when the row gives it; otherwise the module's validity decides.</param>
public sealed record CompletionRecord(int Row, string? EmployeeNumber, string? Email, string ModuleId, DateTime CompletedAt, int? ScorePercent, DateTime? ExpiresAt);

/// <summary>The rows that passed, and why the others did not (a row may have several reasons).</summary>
/// <param name="Records">Good rows, in file order.</param>
/// <param name="Errors">Reasons, by row.</param>
public sealed record CheckedCompletionRows(IReadOnlyList<CompletionRecord> Records, IReadOnlyList<RowError> Errors);

/// <summary>
/// The rules for a completion recorded by someone else than the learner (HR's form, an import): the date it was done,
/// the score, the expiry; and the checks of a completions file's rows that need no database.
/// </summary>
public static partial class CompletionRows
{
    /// <summary>The earliest completion date accepted: anything before is a typing error (1924 for 2024).</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <summary>Whether a completion at <paramref name="completedAt"/> (UTC) may be recorded at <paramref name="now"/>: not in the future, not before 2000.</summary>
    public static bool IsPlausible(DateTime completedAt, DateTime now) =>
        completedAt <= now && completedAt >= EarliestDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>
    /// Reads <c>2024-03-12</c>, <c>2024-03-12T09:30</c>, <c>2024-03-12 09:30:15</c> (optionally with fractions of a second)
    /// and any of them with <c>Z</c> or an offset (<c>+01:00</c>); without a zone the time is local time in
    /// <paramref name="zone"/>, and a date alone is the start of that day there. A local time that does not exist (the hour
    /// skipped in spring) is not a time.
    /// </summary>
    public static bool TryParseTime(string text, TimeZoneInfo zone, out DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        utc = default;
        var match = IsoTime().Match(text);
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }
        var time = TimeOnly.MinValue;
        if (match.Groups["time"].Success
            && !TimeOnly.TryParseExact(match.Groups["time"].Value, ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            return false;
        }
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var zoneText = match.Groups["zone"].Value;
        if (zoneText.Length > 0)
        {
            var offset = zoneText == "Z" ? TimeSpan.Zero
                : TimeSpan.TryParseExact(zoneText[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var o) && o <= TimeSpan.FromHours(14) ? (zoneText[0] == '-' ? -o : o)
                : (TimeSpan?)null;
            if (offset is null)
            {
                return false;
            }
            utc = DateTime.SpecifyKind(local - offset.Value, DateTimeKind.Utc);
            return true;
        }
        if (zone.IsInvalidTime(local))
        {
            return false;
        }
        utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return true;
    }

    /// <summary>Checks every row against the modules the site serves, the clock and <paramref name="zone"/> (for times without a zone).</summary>
    public static CheckedCompletionRows Check(IReadOnlyList<CompletionCsvRow> rows, IReadOnlySet<string> moduleIds, TimeZoneInfo zone, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(moduleIds);
        var records = new List<CompletionRecord>(rows.Count);
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            void Refuse(string template, params string[] values) => errors.Add(new RowError(row.Row, CompletionReasons.Of(template, values)));

            foreach (var (column, value) in FieldsOf(row))
            {
                var at = value.AsSpan().IndexOfAny(ControlCharacters);
                if (at >= 0)
                {
                    Refuse(CompletionReasons.ControlCharacter, column, $"U+{(int)value[at]:X4}");
                }
            }
            if (errors.Count > before)
            {
                continue;
            }

            var number = string.IsNullOrEmpty(row.EmployeeNumber) ? null : row.EmployeeNumber;
            var email = string.IsNullOrEmpty(row.Email) ? null : row.Email;
            if (number is null && email is null)
            {
                Refuse(CompletionReasons.PersonMissing);
            }

            if (row.ModuleId.Length == 0)
            {
                Refuse(CompletionReasons.ModuleMissing);
            }
            else if (!moduleIds.Contains(row.ModuleId))
            {
                Refuse(CompletionReasons.ModuleUnknown, row.ModuleId);
            }

            var completedAt = default(DateTime);
            if (row.CompletedAt.Length == 0)
            {
                Refuse(CompletionReasons.CompletedAtMissing);
            }
            else if (!TryParseTime(row.CompletedAt, zone, out completedAt))
            {
                Refuse(CompletionReasons.CompletedAtInvalid, row.CompletedAt);
            }
            else if (completedAt > now)
            {
                Refuse(CompletionReasons.CompletedAtInFuture, row.CompletedAt);
            }
            else if (!IsPlausible(completedAt, now))
            {
                Refuse(CompletionReasons.CompletedAtTooEarly, row.CompletedAt);
            }

            int? score = null;
            if (!string.IsNullOrEmpty(row.ScorePercent))
            {
                if (int.TryParse(row.ScorePercent, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 100)
                {
                    score = value;
                }
                else
                {
                    Refuse(CompletionReasons.ScoreInvalid, row.ScorePercent);
                }
            }

            DateTime? expiresAt = null;
            if (!string.IsNullOrEmpty(row.ExpiresAt))
            {
                if (!TryParseTime(row.ExpiresAt, zone, out var expires))
                {
                    Refuse(CompletionReasons.ExpiresAtInvalid, row.ExpiresAt);
                }
                else if (completedAt != default && expires <= completedAt)
                {
                    Refuse(CompletionReasons.ExpiresBeforeCompleted);
                }
                else
                {
                    expiresAt = expires;
                }
            }

            if (errors.Count == before)
            {
                records.Add(new CompletionRecord(row.Row, number, email, row.ModuleId, completedAt, score, expiresAt));
            }
        }
        return new CheckedCompletionRows(records, errors);
    }

    /// <summary>C0 (tab and line breaks too), DEL and C1.</summary>
    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create([.. Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(char.IsControl)]);

    private static IEnumerable<(string Column, string Value)> FieldsOf(CompletionCsvRow row) =>
        new (string, string?)[]
        {
            ("employee_number", row.EmployeeNumber), ("email", row.Email), ("module_id", row.ModuleId),
            ("completed_at", row.CompletedAt), ("score_percent", row.ScorePercent), ("expires_at", row.ExpiresAt),
        }.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!));

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ](?<time>[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,7})?)?)(?<zone>Z|[+-][0-9]{2}:[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();
}
