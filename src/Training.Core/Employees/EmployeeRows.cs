using System.Buffers;
using System.Globalization;

namespace Training.Core.Employees;

/// <summary>A unit of the agency the file is imported into.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name, which the file's unit column names.</param>
public sealed record ImportUnit(int Id, string Name);

/// <summary>A job role of the agency the file is imported into.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Code">Its code; the file may name it.</param>
/// <param name="Name">Its name; the file may name this instead.</param>
public sealed record ImportJobRole(int Id, string Code, string Name);

/// <summary>What a row is checked against: the agency's email domains, units and job roles.</summary>
/// <param name="Domains">The agency's email domains (lower case); an address must be in one of them exactly, as at registration.</param>
/// <param name="Units">The agency's units.</param>
/// <param name="JobRoles">The agency's job roles.</param>
public sealed record ImportAgency(IReadOnlyCollection<string> Domains, IReadOnlyList<ImportUnit> Units, IReadOnlyList<ImportJobRole> JobRoles);

/// <summary>A row that passed every check that needs no database: what the person should look like.</summary>
/// <param name="Row">The row's line in the file.</param>
/// <param name="EmployeeNumber">The employee number.</param>
/// <param name="Name">The name.</param>
/// <param name="Email">The address, trimmed.</param>
/// <param name="UnitId">The unit; null when the row left it empty (a stored unit is then kept).</param>
/// <param name="JobRoleId">The job role.</param>
/// <param name="StartDate">The start date.</param>
public sealed record EmployeeRecord(int Row, string EmployeeNumber, string Name, string Email, int? UnitId, int JobRoleId, DateOnly StartDate);

/// <summary>The rows that passed, and why the others did not (a row may have several reasons).</summary>
/// <param name="Records">Good rows, in file order.</param>
/// <param name="Errors">Reasons, by row.</param>
public sealed record CheckedRows(IReadOnlyList<EmployeeRecord> Records, IReadOnlyList<RowError> Errors);

/// <summary>The checks of an import row that need no database: fields, formats, the agency's domains, units and roles, repeats in the file.</summary>
public static class EmployeeRows
{
    /// <summary>C0 (tab and line breaks too), DEL and C1: <see cref="char.IsControl(char)"/>.</summary>
    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create([.. Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(char.IsControl)]);

    /// <summary>
    /// Checks every row. An employee number or address (case-insensitive) that occurs on more than one row refuses all
    /// of those rows: which of them is right cannot be known, and none of them may overwrite the others.
    /// </summary>
    public static CheckedRows Check(IReadOnlyList<EmployeeCsvRow> rows, ImportAgency agency)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(agency);
        var units = agency.Units.GroupBy(u => u.Name.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var roleCodes = agency.JobRoles.GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var roleNames = agency.JobRoles.GroupBy(r => r.Name.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var domains = agency.Domains.Select(d => d.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var domainList = string.Join(", ", agency.Domains.Order(StringComparer.Ordinal));
        var numbers = RepeatedValues(rows, r => r.EmployeeNumber, StringComparer.Ordinal);
        var emails = RepeatedValues(rows, r => r.Email, StringComparer.OrdinalIgnoreCase);

        var records = new List<EmployeeRecord>(rows.Count);
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            void Refuse(string template, params string[] values) => errors.Add(new RowError(row.Row, ImportReasons.Of(template, values)));

            // A NUL, tab, line break or other control character is never part of a real value, and would reach names,
            // addresses, logs and exports unseen: the row is refused for it alone.
            foreach (var (column, value) in FieldsOf(row))
            {
                var at = value.AsSpan().IndexOfAny(ControlCharacters);
                if (at >= 0)
                {
                    Refuse(ImportReasons.ControlCharacter, column, $"U+{(int)value[at]:X4}");
                }
            }
            if (errors.Count > before)
            {
                continue;
            }

            if (row.EmployeeNumber.Length == 0)
            {
                Refuse(ImportReasons.EmployeeNumberMissing);
            }
            else if (row.EmployeeNumber.Length > ImportReasons.EmployeeNumberMaxLength)
            {
                Refuse(ImportReasons.EmployeeNumberTooLong, Number(ImportReasons.EmployeeNumberMaxLength));
            }
            else if (OtherRow(numbers, row.EmployeeNumber, row.Row) is { } otherNumberRow)
            {
                Refuse(ImportReasons.EmployeeNumberTwice, row.EmployeeNumber, Number(otherNumberRow));
            }

            if (row.Name.Length == 0)
            {
                Refuse(ImportReasons.NameMissing);
            }
            else if (row.Name.Length > ImportReasons.NameMaxLength)
            {
                Refuse(ImportReasons.NameTooLong, Number(ImportReasons.NameMaxLength));
            }

            if (row.Email.Length == 0)
            {
                Refuse(ImportReasons.EmailMissing);
            }
            else if (!IsValidEmail(row.Email))
            {
                Refuse(ImportReasons.EmailInvalid, row.Email);
            }
            else if (!domains.Contains(DomainOf(row.Email)))
            {
                Refuse(ImportReasons.EmailOutsideAgency, DomainOf(row.Email), domainList);
            }
            else if (OtherRow(emails, row.Email, row.Row) is { } otherEmailRow)
            {
                Refuse(ImportReasons.EmailTwice, Number(otherEmailRow));
            }

            int? unitId = null;
            if (row.Unit.Length > 0)
            {
                if (units.TryGetValue(row.Unit, out var unit))
                {
                    unitId = unit;
                }
                else
                {
                    Refuse(ImportReasons.UnitUnknown, row.Unit);
                }
            }

            var jobRoleId = 0;
            if (row.JobRole.Length == 0)
            {
                Refuse(ImportReasons.JobRoleMissing);
            }
            else if (!roleCodes.TryGetValue(row.JobRole, out jobRoleId) && !roleNames.TryGetValue(row.JobRole, out jobRoleId))
            {
                Refuse(ImportReasons.JobRoleUnknown, row.JobRole);
            }

            var startDate = default(DateOnly);
            if (row.StartDate.Length == 0)
            {
                Refuse(ImportReasons.StartDateMissing);
            }
            else if (!DateOnly.TryParseExact(row.StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out startDate))
            {
                Refuse(ImportReasons.StartDateInvalid, row.StartDate);
            }

            if (errors.Count == before)
            {
                records.Add(new EmployeeRecord(row.Row, row.EmployeeNumber, row.Name, row.Email, unitId, jobRoleId, startDate));
            }
        }
        return new CheckedRows(records, errors);
    }

    /// <summary>
    /// A plain <c>local@domain</c> address whose domain is a host name (<see cref="Agencies.EmailDomains"/>) and whose
    /// local part has at most 64 of the characters an account name may hold (ASCII letters, digits, <c>. _ + -</c>, as
    /// Identity's default user name rule allows, and the address is the user name), dots only between them.
    /// </summary>
    public static bool IsValidEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.Length > ImportReasons.EmailMaxLength || Agencies.EmailDomains.DomainOf(email) is null)
        {
            return false;
        }
        var local = email[..email.IndexOf('@', StringComparison.Ordinal)];
        return local.Length is > 0 and <= 64
            && local[0] != '.' && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal)
            && local.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+' or '-');
    }

    private static IEnumerable<(string Column, string Value)> FieldsOf(EmployeeCsvRow row) =>
    [
        (EmployeeCsv.Columns[0], row.EmployeeNumber), (EmployeeCsv.Columns[1], row.Name), (EmployeeCsv.Columns[2], row.Email),
        (EmployeeCsv.Columns[3], row.Unit), (EmployeeCsv.Columns[4], row.JobRole), (EmployeeCsv.Columns[5], row.StartDate),
    ];

    private static string DomainOf(string email) => Agencies.EmailDomains.DomainOf(email) ?? "";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>For each value that occurs more than once, the rows it occurs on.</summary>
    private static Dictionary<string, List<int>> RepeatedValues(IReadOnlyList<EmployeeCsvRow> rows, Func<EmployeeCsvRow, string> value, StringComparer comparer) =>
        rows.Where(r => value(r).Length > 0)
            .GroupBy(value, comparer)
            .Where(g => g.Skip(1).Any())
            .ToDictionary(g => g.Key, g => g.Select(r => r.Row).ToList(), comparer);

    /// <summary>Another row with the same value: the first other one.</summary>
    private static int? OtherRow(Dictionary<string, List<int>> repeated, string value, int row) =>
        repeated.TryGetValue(value, out var rows) ? rows.First(r => r != row) : null;
}
