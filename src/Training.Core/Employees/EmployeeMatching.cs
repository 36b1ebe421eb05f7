namespace Training.Core.Employees;

/// <summary>A person already stored, as far as an import looks at them.</summary>
/// <param name="Id">The person's id.</param>
/// <param name="AgencyId">Their agency.</param>
/// <param name="EmployeeNumber">Their employee number, if any.</param>
/// <param name="Email">Their address.</param>
/// <param name="Name">Their name.</param>
/// <param name="UnitId">Their unit, if any.</param>
/// <param name="JobRoleId">Their job role, if any.</param>
/// <param name="StartDate">Their start date, if any.</param>
public sealed record ExistingPerson(string Id, int AgencyId, string? EmployeeNumber, string Email, string Name, int? UnitId, int? JobRoleId, DateOnly? StartDate);

/// <summary>What an import does with a good row.</summary>
public enum RowOutcome
{
    /// <summary>No one matches: a new account.</summary>
    New,

    /// <summary>A person matches and something differs: they are updated.</summary>
    Changed,

    /// <summary>A person matches and nothing differs.</summary>
    Unchanged,
}

/// <summary>A good row and what happens to it.</summary>
/// <param name="Record">The row.</param>
/// <param name="Outcome">New, changed or unchanged.</param>
/// <param name="Person">The matching person (null for a new one).</param>
public sealed record PlannedRow(EmployeeRecord Record, RowOutcome Outcome, ExistingPerson? Person);

/// <summary>The plan for a set of rows: what happens to each, and the rows refused because of who is already stored.</summary>
/// <param name="Rows">Rows that will be imported.</param>
/// <param name="Errors">Rows refused.</param>
public sealed record ImportPlan(IReadOnlyList<PlannedRow> Rows, IReadOnlyList<RowError> Errors);

/// <summary>
/// Which stored person a row is about. A row matches by (agency, employee number), else by address; it updates that
/// person and never makes a second one. Nothing stored is lost or moved: an address in use by someone else (in this
/// agency or another) refuses the row, and so does an address whose owner already has another employee number.
/// </summary>
public static class EmployeeMatching
{
    /// <summary>Plans <paramref name="records"/> for the agency <paramref name="agencyId"/>.</summary>
    /// <param name="records">Rows that passed <see cref="EmployeeRows.Check"/>.</param>
    /// <param name="agencyId">The agency imported into.</param>
    /// <param name="byEmployeeNumber">The agency's person with this employee number, or null.</param>
    /// <param name="byEmail">The person with this address in any agency (case-insensitive), or null.</param>
    public static ImportPlan Plan(
        IReadOnlyList<EmployeeRecord> records, int agencyId, Func<string, ExistingPerson?> byEmployeeNumber, Func<string, ExistingPerson?> byEmail)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(byEmployeeNumber);
        ArgumentNullException.ThrowIfNull(byEmail);
        var planned = new List<PlannedRow>(records.Count);
        var errors = new List<RowError>();
        var claimed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            void Refuse(string template, params string[] values) => errors.Add(new RowError(record.Row, ImportReasons.Of(template, values)));

            var person = byEmployeeNumber(record.EmployeeNumber);
            var owner = person is not null && SameAddress(person.Email, record.Email) ? person : byEmail(record.Email);
            if (person is not null && owner is not null && owner.Id != person.Id)
            {
                Refuse(owner.AgencyId == agencyId ? ImportReasons.EmailOfAnotherEmployee : ImportReasons.EmailInOtherAgency);
                continue;
            }
            if (person is null && owner is not null)
            {
                if (owner.AgencyId != agencyId)
                {
                    Refuse(ImportReasons.EmailInOtherAgency);
                    continue;
                }
                if (owner.EmployeeNumber is { Length: > 0 } number && number != record.EmployeeNumber)
                {
                    Refuse(ImportReasons.EmailHasOtherNumber, number);
                    continue;
                }
                person = owner;
            }
            if (person is not null && !claimed.TryAdd(person.Id, record.Row))
            {
                Refuse(ImportReasons.SamePersonTwice, claimed[person.Id].ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }
            planned.Add(new PlannedRow(record, person is null ? RowOutcome.New : Differs(person, record) ? RowOutcome.Changed : RowOutcome.Unchanged, person));
        }
        return new ImportPlan(planned, errors);
    }

    /// <summary>
    /// Whether the row would change the person. An empty unit in the row keeps the stored one, so it never differs; an
    /// address that differs only in case is a change (the row's spelling is stored).
    /// </summary>
    public static bool Differs(ExistingPerson person, EmployeeRecord record)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(record);
        return person.EmployeeNumber != record.EmployeeNumber
            || person.Name != record.Name
            || person.Email != record.Email
            || (record.UnitId is not null && person.UnitId != record.UnitId)
            || person.JobRoleId != record.JobRoleId
            || person.StartDate != record.StartDate;
    }

    private static bool SameAddress(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
