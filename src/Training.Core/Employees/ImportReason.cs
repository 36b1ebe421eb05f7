using System.Globalization;

namespace Training.Core.Employees;

/// <summary>
/// Why a file or a row of an employee import was refused: a Swedish template (also the key for its translation) and the
/// values that fill it.
/// </summary>
/// <param name="Template">One of the templates in <see cref="ImportReasons"/>.</param>
/// <param name="Values">The values for the template's placeholders.</param>
public sealed record ImportReason(string Template, IReadOnlyList<string> Values)
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>The reason in Swedish.</summary>
    public override string ToString() => string.Format(Swedish, Template, [.. Values]);
}

/// <summary>A refused row: its line in the file (the header is row 1) and why.</summary>
/// <param name="Row">The line the row starts on; the header row is 1.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record RowError(int Row, ImportReason Reason)
{
    /// <summary>The error as the command line prints it: <c>rad N: reason</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"rad {Row}: {Reason}");
}

/// <summary>Every reason an import gives, in Swedish. The page translates them; the command line prints them as they are.</summary>
public static class ImportReasons
{
    /// <summary>The longest employee number the database stores.</summary>
    public const int EmployeeNumberMaxLength = 50;

    /// <summary>The longest name the database stores.</summary>
    public const int NameMaxLength = 200;

    /// <summary>The longest address that fits a mail header line (RFC 5321's path limit less the brackets).</summary>
    public const int EmailMaxLength = 254;

    /// <summary>
    /// The reasons whose first value quotes a person's e-mail address or employee number (anonymisation replaces it in
    /// stored import results); every other value is a count, a row, a column or a unit, role or date from the file.
    /// </summary>
    public static bool QuotesAPerson(ImportReason reason) =>
        reason.Values.Count > 0 && reason.Template is EmailInvalid or EmployeeNumberTwice or EmailHasOtherNumber;

    /// <summary>The file is not valid UTF-8.</summary>
    public const string NotUtf8 = "Filen är inte sparad som UTF-8. Spara den som ”CSV UTF-8” och försök igen.";

    /// <summary>{0}: the expected header.</summary>
    public const string EmptyFile = "Filen är tom. Den ska börja med rubrikraden {0}";

    /// <summary>{0}: the missing columns; {1}: the expected header.</summary>
    public const string MissingColumns = "Rubrikraden saknar kolumnerna {0}. Filen ska börja med rubrikraden {1}";

    /// <summary>{0}: the column.</summary>
    public const string DuplicateColumn = "Kolumnen {0} finns två gånger i rubrikraden.";

    /// <summary>{0}: fields on the row; {1}: columns in the header.</summary>
    public const string FieldCount = "raden har {0} fält men rubrikraden har {1}";

    /// <summary>A quoted field runs to the end of the file.</summary>
    public const string UnclosedQuote = "ett citattecken avslutas aldrig (resten av filen lästes inte)";

    /// <summary>{0}: the column; {1}: the character's code point (U+0009). Tabs, NUL and other control characters are refused in every field.</summary>
    public const string ControlCharacter = "kolumnen {0} innehåller ett osynligt styrtecken ({1}); ta bort det och försök igen";

    /// <summary>No employee number.</summary>
    public const string EmployeeNumberMissing = "anställningsnummer saknas";

    /// <summary>{0}: the limit.</summary>
    public const string EmployeeNumberTooLong = "anställningsnumret är längre än {0} tecken";

    /// <summary>{0}: the number; {1}: the other row.</summary>
    public const string EmployeeNumberTwice = "anställningsnumret {0} finns också på rad {1}";

    /// <summary>No name.</summary>
    public const string NameMissing = "namn saknas";

    /// <summary>{0}: the limit.</summary>
    public const string NameTooLong = "namnet är längre än {0} tecken";

    /// <summary>No address.</summary>
    public const string EmailMissing = "e-postadress saknas";

    /// <summary>{0}: the value.</summary>
    public const string EmailInvalid = "”{0}” är ingen giltig e-postadress";

    /// <summary>{0}: the address's domain; {1}: the agency's domains.</summary>
    public const string EmailOutsideAgency = "e-postadressens domän {0} hör inte till myndigheten (domäner: {1})";

    /// <summary>{0}: the other row.</summary>
    public const string EmailTwice = "e-postadressen finns också på rad {0}";

    /// <summary>The address belongs to an account in another agency; an import never moves a person.</summary>
    public const string EmailInOtherAgency = "e-postadressen används av ett konto hos en annan myndighet";

    /// <summary>The address belongs to another person of the agency.</summary>
    public const string EmailOfAnotherEmployee = "e-postadressen används redan av en annan medarbetare";

    /// <summary>{0}: the employee number the address's owner already has.</summary>
    public const string EmailHasOtherNumber = "e-postadressen hör till medarbetaren med anställningsnummer {0}";

    /// <summary>{0}: the other row.</summary>
    public const string SamePersonTwice = "raden gäller samma person som rad {0}";

    /// <summary>{0}: the unit.</summary>
    public const string UnitUnknown = "enheten ”{0}” finns inte hos myndigheten";

    /// <summary>No job role.</summary>
    public const string JobRoleMissing = "befattning saknas";

    /// <summary>{0}: the job role.</summary>
    public const string JobRoleUnknown = "befattningen ”{0}” finns inte hos myndigheten";

    /// <summary>No start date.</summary>
    public const string StartDateMissing = "startdatum saknas";

    /// <summary>{0}: the value.</summary>
    public const string StartDateInvalid = "startdatumet ”{0}” är inte ett datum i formen ÅÅÅÅ-MM-DD";

    /// <summary>Every template, for checking that each has a translation.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        NotUtf8, EmptyFile, MissingColumns, DuplicateColumn, FieldCount, UnclosedQuote, ControlCharacter,
        EmployeeNumberMissing, EmployeeNumberTooLong, EmployeeNumberTwice, NameMissing, NameTooLong,
        EmailMissing, EmailInvalid, EmailOutsideAgency, EmailTwice, EmailInOtherAgency, EmailOfAnotherEmployee, EmailHasOtherNumber,
        SamePersonTwice, UnitUnknown, JobRoleMissing, JobRoleUnknown, StartDateMissing, StartDateInvalid,
    ];

    internal static ImportReason Of(string template, params string[] values) => new(template, values);
}
