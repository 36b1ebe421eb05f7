using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Training.Core.Employees;
using Training.Core.Privacy;
using Training.Web.Audit;
using Training.Web.Data;
using Training.Web.Employees;

namespace Training.Web.Privacy;

/// <summary>The count of people due in one agency, or anonymised by a run.</summary>
public sealed record AnonymisationCount(string AgencyCode, string AgencyName, int? RetentionMonths, int People);

/// <summary>
/// Anonymises people who left longer ago than their agency's retention period (<see cref="Retention"/>): their name,
/// addresses, employee number, dates and sign-in secrets are replaced or removed, their sessions, logins, tokens, roles
/// and manager units go, and the audit log's labels that named them say <see cref="Label"/>, as do the labels of what
/// they published or uploaded and the refused import rows that quoted their address or employee number. What they did
/// stays under their opaque id (completions, attempts, progress; a recorded completion loses its evidence note), so
/// statistics and completion counts do not change. Running it again finds no one new; every run that is not a dry run
/// leaves one audit entry per agency with the count. Each agency is one <see cref="DatabaseWrites"/> transaction, so
/// two runs at once (two instances, the verb beside the page) cannot both count the same people.
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
                var people = await Due(agency, now).Select(u => new { u.Id, u.Email, u.EmployeeNumber }).ToListAsync(cancellationToken);
                foreach (var chunk in people.Chunk(Batch))
                {
                    await AnonymiseAsync([.. chunk.Select(p => p.Id)], [.. chunk.Select(p => p.Email).OfType<string>()], now, cancellationToken);
                }
                await AnonymiseImportsAsync(
                    people.Select(p => p.Id).ToHashSet(StringComparer.Ordinal),
                    people.SelectMany(p => new[] { p.Email, p.EmployeeNumber }).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase),
                    cancellationToken);
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
        // Completions are append-only except for this: the evidence note of a recorded completion, free text that may
        // name the person, may be cleared. What was completed, when and how stays.
        await db.Completions.Where(c => ids.Contains(c.UserId) && c.Note != null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Note, (string?)null), cancellationToken);
        // The audit log is append-only except for this: a label that named the person may become the anonymous label.
        await db.AuditEntries.Where(e => (e.SubjectId != null && ids.Contains(e.SubjectId)) || (e.SubjectLabel != null && emails.Contains(e.SubjectLabel)))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.SubjectLabel, Label), cancellationToken);
        await db.AuditEntries.Where(e => (e.ActorId != null && ids.Contains(e.ActorId)) || emails.Contains(e.ActorLabel))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ActorLabel, Label), cancellationToken);
        // Staff who left are named where they published content.
        await db.ModuleVersions.Where(v => v.PublishedById != null && ids.Contains(v.PublishedById))
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.PublishedByLabel, Label), cancellationToken);
        await db.ModuleDrafts.Where(d => d.UpdatedById != null && ids.Contains(d.UpdatedById))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.UpdatedByLabel, Label), cancellationToken);
    }

    /// <summary>
    /// The import histories name people too: who uploaded a file (employees or completions, in any agency), and an
    /// employee import's refused rows that quote an address or an employee number (<see cref="ImportReasons.QuotesAPerson"/>;
    /// the completions import quotes neither). Those become <see cref="Label"/>; the counts stay.
    /// </summary>
    private async Task AnonymiseImportsAsync(HashSet<string> ids, HashSet<string> quoted, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }
        foreach (var chunk in ids.Chunk(Batch))
        {
            await db.EmployeeImports.Where(i => chunk.Contains(i.UploaderId))
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.UploaderLabel, Label), cancellationToken);
            await db.CompletionUploads.Where(u => chunk.Contains(u.UploaderId))
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.UploaderLabel, Label), cancellationToken);
        }
        foreach (var import in await db.EmployeeImports.AsNoTracking().Select(i => new { i.Id, i.Preview, i.Result }).ToListAsync(cancellationToken))
        {
            var (preview, result) = (WithoutQuoted(import.Preview, quoted), import.Result is { } done ? WithoutQuoted(done, quoted) : null);
            if (!ReferenceEquals(preview, import.Preview) || !ReferenceEquals(result, import.Result))
            {
                await db.EmployeeImports.Where(i => i.Id == import.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(i => i.Preview, preview).SetProperty(i => i.Result, result), cancellationToken);
            }
        }
    }

    /// <summary>The result itself when none of its refused rows quotes one of <paramref name="quoted"/>; else a copy where those say <see cref="Label"/>.</summary>
    private static ImportResult WithoutQuoted(ImportResult result, HashSet<string> quoted)
    {
        bool Quotes(RowError error) => ImportReasons.QuotesAPerson(error.Reason) && quoted.Contains(error.Reason.Values[0].Trim());
        if (!result.Errors.Any(Quotes))
        {
            return result;
        }
        return result with
        {
            Errors = [.. result.Errors.Select(e => Quotes(e) ? e with { Reason = e.Reason with { Values = [Label, .. e.Reason.Values.Skip(1)] } } : e)],
        };
    }
}
