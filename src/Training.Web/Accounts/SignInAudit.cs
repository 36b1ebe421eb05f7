using System.Security.Claims;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Accounts;

/// <summary>The audit entries of a refused sign-in step (password, authenticator code or recovery code).</summary>
public static class SignInAudit
{
    public const string NotAllowed = "Kontot får inte logga in: inaktiverat eller obekräftad e-postadress.";

    /// <summary>Why an account may not sign in, for the audit log only: the person is told no more than for a wrong password.</summary>
    public static string NotAllowedBecause(User user) =>
        !user.IsActive ? "Kontot får inte logga in: kontot är inaktiverat."
        : Invitations.Awaits(user) ? "Kontot får inte logga in: inbjudan är inte antagen."
        : !user.EmailConfirmed ? "Kontot får inte logga in: e-postadressen är inte bekräftad."
        : NotAllowed;

    /// <summary>
    /// Records the failure, and the lockout it caused; an attempt while the account was already locked is recorded as
    /// that alone. The person is not signed in yet, so the entry has no actor.
    /// </summary>
    public static async Task RecordRefusalAsync(
        this AuditLog auditLog, TrainingDbContext db, User user, string failure, string details, bool wasLockedOut, bool isLockedOut)
    {
        if (wasLockedOut && isLockedOut)
        {
            auditLog.Add(db, null, AuditActions.LockedOut, user, "Försök att logga in medan kontot var låst.");
        }
        else
        {
            auditLog.Add(db, null, failure, user, details);
            if (isLockedOut)
            {
                auditLog.Add(db, null, AuditActions.LockedOut, user, "Kontot låstes efter för många misslyckade försök.");
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A failed sign-in with an address that belongs to no one: the address as typed, no agency.</summary>
    public static async Task RecordUnknownAddressAsync(this AuditLog auditLog, TrainingDbContext db, string typedAddress)
    {
        var address = typedAddress.Trim();
        auditLog.Add(db, new AuditEntry
        {
            Action = AuditActions.SignInFailed,
            ActorLabel = "",
            SubjectLabel = address.Length > 256 ? address[..256] : address,
            Details = "Okänd e-postadress.",
        });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A wrong password or code where a signed-in person had to show it again (changing the password, the second
    /// factor), and the lockout it caused.
    /// </summary>
    public static async Task RecordReauthenticationFailureAsync(
        this AuditLog auditLog, TrainingDbContext db, ClaimsPrincipal actor, User user, string details, bool isLockedOut)
    {
        auditLog.Add(db, actor, AuditActions.ReauthenticationFailed, user, details);
        if (isLockedOut)
        {
            auditLog.Add(db, actor, AuditActions.LockedOut, user, "Kontot låstes efter för många misslyckade försök.");
        }
        await db.SaveChangesAsync();
    }
}
