namespace Training.Web.Audit;

/// <summary>The actions the audit log records. The codes are stored; <see cref="Describe"/> gives the Swedish name.</summary>
public static class AuditActions
{
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string TwoFactorFailed = "two-factor-failed";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorReset = "two-factor-reset";
    public const string RoleAdded = "role-added";
    public const string RoleRemoved = "role-removed";
    public const string Activated = "activated";
    public const string Deactivated = "deactivated";
    public const string UserChanged = "user-changed";
    public const string UsersImported = "users-imported";
    public const string AgencyCreated = "agency-created";
    public const string AgencyChanged = "agency-changed";
    public const string Exported = "exported";
    public const string Published = "published";
    public const string ReauthenticationFailed = "reauthentication-failed";
    public const string RequirementAdded = "requirement-added";
    public const string RequirementChanged = "requirement-changed";
    public const string RequirementRemoved = "requirement-removed";
    public const string CertificateDownloaded = "certificate-downloaded";
    public const string CompletionRecorded = "completion-recorded";
    public const string CompletionCorrected = "completion-corrected";
    public const string CompletionsImported = "completions-imported";
    public const string Anonymised = "anonymised";
    public const string DataDownloaded = "data-downloaded";

    public static readonly string[] All =
    [
        SignInFailed, LockedOut, TwoFactorFailed, TwoFactorEnabled, TwoFactorReset, RoleAdded, RoleRemoved,
        Activated, Deactivated, UserChanged, UsersImported, AgencyCreated, AgencyChanged, Exported, Published,
        ReauthenticationFailed, RequirementAdded, RequirementChanged, RequirementRemoved, CertificateDownloaded,
        CompletionRecorded, CompletionCorrected, CompletionsImported, Anonymised, DataDownloaded,
    ];

    /// <summary>The action in Swedish (the key for the English resource).</summary>
    public static string Describe(string action) => action switch
    {
        SignInFailed => "Misslyckad inloggning",
        LockedOut => "Kontot låst",
        TwoFactorFailed => "Fel tvåstegskod",
        TwoFactorEnabled => "Tvåstegsverifiering påslagen",
        TwoFactorReset => "Tvåstegsverifiering återställd",
        RoleAdded => "Roll tillagd",
        RoleRemoved => "Roll borttagen",
        Activated => "Konto aktiverat",
        Deactivated => "Konto inaktiverat",
        UserChanged => "Konto ändrat",
        UsersImported => "Medarbetare importerade",
        AgencyCreated => "Myndighet skapad",
        AgencyChanged => "Myndighet ändrad",
        Exported => "Export",
        Published => "Publicering",
        ReauthenticationFailed => "Fel lösenord eller kod vid kontoändring",
        RequirementAdded => "Krav tillagt",
        RequirementChanged => "Krav ändrat",
        RequirementRemoved => "Krav borttaget",
        CertificateDownloaded => "Intyg hämtat",
        CompletionRecorded => "Genomförd utbildning registrerad",
        CompletionCorrected => "Genomförd utbildning rättad",
        CompletionsImported => "Genomförda utbildningar importerade",
        Anonymised => "Personer anonymiserade",
        DataDownloaded => "Egna uppgifter hämtade",
        _ => action,
    };
}
