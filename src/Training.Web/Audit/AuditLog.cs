using System.Security.Claims;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Audit;

/// <summary>
/// Writes audit entries. <see cref="Add"/> only adds the entry to the context, so it is saved in the same
/// SaveChanges (and transaction) as the change it describes: a change is never stored without its entry.
/// </summary>
public sealed class AuditLog(TimeProvider clock)
{
    public const string CommandLine = "kommandoraden";

    /// <summary>Adds an entry for something <paramref name="actor"/> (signed in, or anonymous) did to <paramref name="subject"/>.</summary>
    public AuditEntry Add(TrainingDbContext db, ClaimsPrincipal? actor, string action, User? subject, string? details = null)
    {
        var signedIn = actor is { Identity.IsAuthenticated: true } ? actor : null;
        return Add(db, new AuditEntry
        {
            Action = action,
            ActorId = signedIn?.UserIdOf(),
            ActorLabel = signedIn is null ? "" : LabelOf(signedIn),
            AgencyId = subject?.AgencyId ?? signedIn?.AgencyIdOf(),
            SubjectId = subject?.Id,
            SubjectLabel = subject?.Email,
            Details = details,
        });
    }

    /// <summary>Adds an entry for something a signed-in <paramref name="actor"/> did to an agency; the entry belongs to that agency.</summary>
    public AuditEntry AddForAgency(TrainingDbContext db, ClaimsPrincipal actor, string action, Agency agency, string details) =>
        Add(db, new AuditEntry
        {
            Action = action,
            ActorId = actor.UserIdOf(),
            ActorLabel = LabelOf(actor),
            AgencyId = agency.Id,
            SubjectId = agency.Code,
            SubjectLabel = agency.Name,
            Details = details,
        });

    /// <summary>Adds an entry as it is given (the command line, or a subject that is not a person); the time is set here.</summary>
    public AuditEntry Add(TrainingDbContext db, AuditEntry entry)
    {
        entry.At = clock.GetUtcNow().UtcDateTime;
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>The actor as the log shows them: the address they signed in with.</summary>
    public static string LabelOf(ClaimsPrincipal actor) =>
        actor.FindFirstValue(ClaimTypes.Email) ?? actor.FindFirstValue(ClaimTypes.Name) ?? "";
}
