using Training.Core.Employees;

namespace Training.Core.Competence;

/// <summary>
/// Why a completions file or one of its rows was refused or skipped, in Swedish (the templates are also the keys for
/// their translations). The file errors of <see cref="Csv.CsvFile"/> are <see cref="ImportReasons"/>. No reason
/// repeats a person's employee number or address: the command line prints only row numbers and reasons.
/// </summary>
public static class CompletionReasons
{
    /// <summary>{0}: the expected header.</summary>
    public const string PersonColumnMissing = "Rubrikraden ska ha kolumnen employee_number eller email (eller båda). Filen ska börja med rubrikraden {0}";

    /// <summary>{0}: the column; {1}: the character's code point.</summary>
    public const string ControlCharacter = ImportReasons.ControlCharacter;

    /// <summary>Neither an employee number nor an address.</summary>
    public const string PersonMissing = "anställningsnummer eller e-postadress saknas";

    /// <summary>No employee of the agency has the row's employee number.</summary>
    public const string EmployeeNumberUnknown = "ingen medarbetare hos myndigheten har anställningsnumret";

    /// <summary>No employee of the agency has the row's address.</summary>
    public const string EmailUnknown = "ingen medarbetare hos myndigheten har e-postadressen";

    /// <summary>The employee number and the address name two different people.</summary>
    public const string PersonMismatch = "anställningsnumret och e-postadressen hör till olika medarbetare";

    /// <summary>No module id.</summary>
    public const string ModuleMissing = "modul-id saknas";

    /// <summary>{0}: the module id.</summary>
    public const string ModuleUnknown = "modulen ”{0}” finns inte";

    /// <summary>No completion date.</summary>
    public const string CompletedAtMissing = "datum för genomförandet saknas";

    /// <summary>{0}: the value.</summary>
    public const string CompletedAtInvalid = "”{0}” är inte ett datum i formen ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTHH:MM";

    /// <summary>{0}: the value.</summary>
    public const string CompletedAtInFuture = "datumet {0} har inte inträffat än";

    /// <summary>{0}: the value.</summary>
    public const string CompletedAtTooEarly = "datumet {0} är före år 2000";

    /// <summary>{0}: the value.</summary>
    public const string ScoreInvalid = "resultatet ”{0}” är inte ett heltal från 0 till 100";

    /// <summary>{0}: the value.</summary>
    public const string ExpiresAtInvalid = "giltighetsdatumet ”{0}” är inte ett datum i formen ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTHH:MM";

    /// <summary>The expiry is not after the completion.</summary>
    public const string ExpiresBeforeCompleted = "giltighetsdatumet ligger inte efter datumet för genomförandet";

    /// <summary>The same completion is already recorded (a re-import): skipped, not an error in the file.</summary>
    public const string AlreadyRecorded = "finns redan";

    /// <summary>{0}: the other row.</summary>
    public const string SameAsRow = "samma genomförande som rad {0}";

    /// <summary>Every template, for checking that each has a translation.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        PersonColumnMissing, ControlCharacter, PersonMissing, EmployeeNumberUnknown, EmailUnknown, PersonMismatch, ModuleMissing,
        ModuleUnknown, CompletedAtMissing, CompletedAtInvalid, CompletedAtInFuture, CompletedAtTooEarly, ScoreInvalid,
        ExpiresAtInvalid, ExpiresBeforeCompleted, AlreadyRecorded, SameAsRow,
    ];

    /// <summary>A reason from one of the templates above.</summary>
    public static ImportReason Of(string template, params string[] values) => new(template, values);
}
