using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Training.Core.Privacy;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Privacy;

/// <summary>The count of people due in one agency, or anonymised by a run.</summary>
public sealed record AnonymisationCount(string AgencyCode, string AgencyName, int? RetentionMonths, int People);

/// <summary>
/// Anonymises people who left longer ago than their agency's retention period (<see cref="Retention"/>): their name,
/// addresses, employee number, dates and sign-in secrets are replaced or removed, their sessions, logins, tokens, roles
/// and manager units go, and the audit log's labels that named them say <see cref="Label"/>. What they did stays under
/// their opaque id (completions, attempts, progress), so statistics and completion counts do not change. Running it
/// again finds no one new; every run that is not a dry run leaves one audit entry per agency with the count. Each agency
/// is one <see cref="DatabaseWrites"/> transaction, so two runs at once (two instances, the verb beside the page)
/// cannot both count the same people.
/// </summary>
public sealed class Anonymisation(TrainingDbContext db, DatabaseWrites writes, AuditLog auditLog, TimeProvider clock)
{
    /// <summary>What an anonymised person's name and every audit label that named them becomes.</summary>
    public const string Label = "anonymiserad person";

    /// <summary>How many ids one statement names (SQLite allows 32 766 parameters; PostgreSQL more).</summary>
    private const int Batch = 500;

    /// <summary>The people due now, per agency (all agencies, or the one with <paramref name="agencyCode"/>); nothing changes.</summary>
    public async Task<IReadOnlyList<AnonymisationCount>> DueAsync(string? agencyCode = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var counts = new List<AnonymisationCount>();
        foreach (var agency in await AgenciesAsync(agencyCode, cancellationToken))
        {
            counts.Add(new(agency.Code, agency.Name, agency.RetentionMonths, await Due(agency, now).CountAsync(cancellationToken)));
        }
        return counts;
    }

    /// <summary>Anonymises everyone due in each agency (or the one named), each agency in one transaction with its audit entry.</summary>
    public async Task<IReadOnlyList<AnonymisationCount>> RunAsync(string? actorId, string actorLabel, string? agencyCode = null, CancellationToken cancellationToken = default)
    {
        var counts = new List<AnonymisationCount>();
        foreach (var agency in await AgenciesAsync(agencyCode, cancellationToken))
        {
            var anonymised = await writes.RunAsync(db, async () =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var people = await Due(agency, now).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
                foreach (var chunk in people.Chunk(Batch))
                {
                    await AnonymiseAsync([.. chunk.Select(p => p.Id)], [.. chunk.Select(p => p.Email).OfType<string>()], now, cancellationToken);
                }
                auditLog.Add(db, new AuditEntry
                {
                    Action = AuditActions.Anonymised,
                    ActorId = actorId,
                    ActorLabel = actorLabel,
                    AgencyId = agency.Id,
                    SubjectId = agency.Code,
                    SubjectLabel = agency.Name,
                    Details = agency.RetentionMonths is { } months
                        ? string.Create(CultureInfo.InvariantCulture, $"{people.Count} personer som slutat för mer än {months} månader sedan anonymiserades.")
                        : "Ingen gallringstid är satt; ingen anonymiserades.",
                });
                await db.SaveChangesAsync(cancellationToken);
                return people.Count;
            }, cancellationToken);
            counts.Add(new(agency.Code, agency.Name, agency.RetentionMonths, anonymised));
        }
        return counts;
    }

    private async Task<List<Agency>> AgenciesAsync(string? agencyCode, CancellationToken cancellationToken) =>
        await db.Agencies.AsNoTracking().Where(a => agencyCode == null || a.Code == agencyCode).OrderBy(a => a.Code).ToListAsync(cancellationToken);

    /// <summary>The agency's people who are due (<see cref="Retention.IsDue"/>, as a query).</summary>
    private IQueryable<User> Due(Agency agency, DateTime now)
    {
        if (Retention.LeftBefore(agency.RetentionMonths, now) is not { } cutoff)
        {
            return db.Users.Where(_ => false);
        }
        return db.Users.Where(u => u.AgencyId == agency.Id && !u.IsActive && u.AnonymisedAt == null && u.DeactivatedAt != null && u.DeactivatedAt < cutoff);
    }

    private async Task AnonymiseAsync(List<string> ids, List<string> emails, DateTime now, CancellationToken cancellationToken)
    {
        var stamp = Guid.NewGuid().ToString("N");
        await db.Users.Where(u => ids.Contains(u.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.Name, Label)
            .SetProperty(u => u.UserName, u => "anonymiserad-" + u.Id)
            .SetProperty(u => u.NormalizedUserName, u => "ANONYMISERAD-" + u.Id)
            .SetProperty(u => u.Email, (string?)null)
            .SetProperty(u => u.NormalizedEmail, (string?)null)
            .SetProperty(u => u.EmailConfirmed, false)
            .SetProperty(u => u.PhoneNumber, (string?)null)
            .SetProperty(u => u.PhoneNumberConfirmed, false)
            .SetProperty(u => u.PasswordHash, (string?)null)
            .SetProperty(u => u.SecurityStamp, stamp)
            .SetProperty(u => u.ConcurrencyStamp, stamp)
            .SetProperty(u => u.TwoFactorEnabled, false)
            .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null)
            .SetProperty(u => u.AccessFailedCount, 0)
            .SetProperty(u => u.EmployeeNumber, (string?)null)
            .SetProperty(u => u.StartDate, (DateOnly?)null)
            .SetProperty(u => u.JoinedAgencyOn, (DateOnly?)null)
            .SetProperty(u => u.MustChangePassword, false)
            .SetProperty(u => u.AnonymisedAt, now), cancellationToken);
        await db.AuthSessions.Where(s => ids.Contains(s.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => ids.Contains(l.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => ids.Contains(t.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => ids.Contains(c.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserRoles.Where(r => ids.Contains(r.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.ManagerUnits.Where(m => ids.Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        // The audit log is append-only except for this: a label that named the person may become the anonymous label.
        await db.AuditEntries.Where(e => (e.SubjectId != null && ids.Contains(e.SubjectId)) || (e.SubjectLabel != null && emails.Contains(e.SubjectLabel)))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.SubjectLabel, Label), cancellationToken);
        await db.AuditEntries.Where(e => (e.ActorId != null && ids.Contains(e.ActorId)) || emails.Contains(e.ActorLabel))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ActorLabel, Label), cancellationToken);
    }
}
