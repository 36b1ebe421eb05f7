using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Training.Core.Employees;
using Training.Web.Accounts;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Employees;

public sealed record ImportCounts(int New, int Changed, int Unchanged, int Rejected, int Invitations);

/// <summary>
/// What a preview found or an import did. <see cref="ImportCounts.Invitations"/> is the invitations a preview would send
/// and an import sent; <see cref="InvitationsNotSent"/> the ones the mail server refused (a new run of the file sends them).
/// </summary>
public sealed record ImportResult(ImportCounts Counts, IReadOnlyList<RowError> Errors, ImportReason? FileError, int InvitationsNotSent = 0);

public enum ImportPhase
{
    Waiting,
    Checking,
    Saving,
    Inviting,
}

public sealed record ImportProgress(ImportPhase Phase, int Done, int Total);

/// <summary>Who imports: the uploader (id and address), or the command line.</summary>
public sealed record ImportActor(string? UserId, string Label)
{
    /// <summary>The audit entry of an import this actor made into an agency (written with the import's last batch).</summary>
    public Audit.AuditEntry EntryFor(string action, int agencyId, string agencyCode, string agencyName, string details) => new()
    {
        Action = action,
        ActorId = UserId,
        ActorLabel = Label,
        AgencyId = agencyId,
        SubjectId = agencyCode,
        SubjectLabel = agencyName,
        Details = details,
    };
}

/// <summary>The agency a file is imported into, with what its rows are checked against.</summary>
public sealed record ImportTarget(int Id, string Code, string Name, ImportAgency Rules);

/// <summary>
/// Brings an agency's employees in from its HR system's file (issue #4), for the page and the <c>users import</c> verb.
/// The rules are Training.Core's (<see cref="EmployeeCsv"/>, <see cref="EmployeeRows"/>, <see cref="EmployeeMatching"/>);
/// this applies them to the database. Rows are written in batches of <see cref="BatchSize"/>, each in its own short
/// <see cref="DatabaseWrites"/> transaction, and matched against the database inside that transaction,
/// so what a batch writes is planned against what is really stored. New people are inserted with
/// <see cref="BulkInsert"/>, not UserManager.CreateAsync, which validates and saves one person at a time (hours for
/// 40 000); the Identity fields are filled as it would fill them. They get the learner role, no password and an
/// invitation. The one audit entry goes with the last batch: an import cut short by a crash leaves its saved batches
/// without one (the log is append-only, so the entry cannot be written first and completed later).
/// </summary>
public sealed partial class EmployeeImporter(
    IServiceScopeFactory scopes, DatabaseWrites writes, EmailSender email, AuditLog auditLog, TimeProvider clock, ILogger<EmployeeImporter> logger)
{
    public const int BatchSize = 1_000;
    private const int InvitationBatchSize = 250;

    public static Task<ImportTarget?> FindAgencyAsync(TrainingDbContext db, int id, CancellationToken cancellationToken = default) =>
        FindAgencyAsync(db.Agencies.Where(a => a.Id == id), cancellationToken);

    public static Task<ImportTarget?> FindAgencyAsync(TrainingDbContext db, string code, CancellationToken cancellationToken = default) =>
        FindAgencyAsync(db.Agencies.Where(a => a.Code == code), cancellationToken);

    private static async Task<ImportTarget?> FindAgencyAsync(IQueryable<Agency> agencies, CancellationToken cancellationToken)
    {
        var agency = await agencies.AsNoTracking().AsSplitQuery()
            .Select(a => new
            {
                a.Id,
                a.Code,
                a.Name,
                Domains = a.Domains.Select(d => d.Domain).ToList(),
                Units = a.Units.Select(u => new ImportUnit(u.Id, u.Name)).ToList(),
                JobRoles = a.JobRoles.Select(r => new ImportJobRole(r.Id, r.Code, r.Name)).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return agency is null ? null : new ImportTarget(agency.Id, agency.Code, agency.Name, new ImportAgency(agency.Domains, agency.Units, agency.JobRoles));
    }

    /// <summary>What importing the file would do, without changing anything.</summary>
    public async Task<ImportResult> PreviewAsync(ImportTarget agency, byte[] file, CancellationToken cancellationToken = default)
    {
        var (records, errors, fileError) = Read(agency, file);
        if (fileError is not null)
        {
            return new ImportResult(new ImportCounts(0, 0, 0, 0, 0), [], fileError);
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var normalizer = scope.ServiceProvider.GetRequiredService<ILookupNormalizer>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var (added, changed, unchanged, invitations) = (0, 0, 0, 0);
        foreach (var batch in records.Chunk(BatchSize))
        {
            var existing = await ExistingAsync(db, agency.Id, batch, normalizer, cancellationToken);
            var plan = existing.Plan(batch, agency.Id, normalizer);
            errors.AddRange(plan.Errors);
            added += plan.Rows.Count(r => r.Outcome == RowOutcome.New);
            changed += plan.Rows.Count(r => r.Outcome == RowOutcome.Changed);
            unchanged += plan.Rows.Count(r => r.Outcome == RowOutcome.Unchanged);
            invitations += plan.Rows.Count(r => r.Person is null || existing.AwaitsInvitation(existing.People[r.Person.Id], AddressChanges(existing.People[r.Person.Id], r.Record, normalizer)));
        }
        return new ImportResult(new ImportCounts(added, changed, unchanged, RejectedRows(errors), invitations), Sorted(errors), null);
    }

    /// <summary>
    /// Imports the file, reporting progress as it goes; one audit entry records the counts. Row errors do not stop the
    /// good rows. Invitations go out after the rows are saved, and each sent one is marked so no later run sends it again.
    /// </summary>
    public async Task<ImportResult> ImportAsync(ImportTarget agency, byte[] file, ImportActor actor, Action<ImportProgress> report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(report);
        report(new ImportProgress(ImportPhase.Checking, 0, 0));
        var (records, errors, fileError) = Read(agency, file);
        if (fileError is not null)
        {
            return new ImportResult(new ImportCounts(0, 0, 0, 0, 0), [], fileError);
        }

        using var scope = scopes.CreateScope();
        var normalizer = scope.ServiceProvider.GetRequiredService<ILookupNormalizer>();
        var (added, changed, unchanged) = (0, 0, 0);
        var invitees = new List<User>();
        var batches = records.Chunk(BatchSize).ToList();
        if (batches.Count == 0)
        {
            batches.Add([]); // a file without good rows is an import too: its audit entry needs a transaction
        }
        report(new ImportProgress(ImportPhase.Saving, 0, records.Count));
        var done = 0;
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            var last = i == batches.Count - 1;
            using var batchScope = scopes.CreateScope();
            var db = batchScope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var saved = await writes.RunAsync(db, async () =>
            {
                var (batchChanged, batchUnchanged, batchInvitees) = (0, 0, new List<User>());
                var existing = await ExistingAsync(db, agency.Id, batch, normalizer, cancellationToken);
                var plan = existing.Plan(batch, agency.Id, normalizer);
                var now = clock.GetUtcNow().UtcDateTime;
                var learnerRoleId = await db.Roles.Where(r => r.Name == Roles.Learner).Select(r => r.Id).SingleAsync(cancellationToken);
                var newPeople = new List<User>();
                foreach (var row in plan.Rows)
                {
                    if (row.Person is null)
                    {
                        newPeople.Add(NewUser(row.Record, agency.Id, now, normalizer));
                        continue;
                    }
                    var person = existing.People[row.Person.Id];
                    var addressChanged = false;
                    if (row.Outcome == RowOutcome.Changed)
                    {
                        addressChanged = Apply(person, row.Record, normalizer);
                        batchChanged++;
                    }
                    else
                    {
                        batchUnchanged++;
                    }
                    if (existing.AwaitsInvitation(person, addressChanged))
                    {
                        if (addressChanged && existing.Invited.Contains(person.Id))
                        {
                            // the earlier invitation went to the old address, and its link died with the security stamp
                            db.UserTokens.Remove(new IdentityUserToken<string> { UserId = person.Id, LoginProvider = Invitations.MarkerProvider, Name = Invitations.MarkerName });
                        }
                        batchInvitees.Add(person);
                    }
                }
                await BulkInsert.InsertAsync(db, newPeople, cancellationToken);
                await BulkInsert.InsertAsync(db, newPeople.ConvertAll(u => new IdentityUserRole<string> { UserId = u.Id, RoleId = learnerRoleId }), cancellationToken);
                batchInvitees.AddRange(newPeople);
                if (last)
                {
                    auditLog.Add(db, actor.EntryFor(AuditActions.UsersImported, agency.Id, agency.Code, agency.Name, string.Create(CultureInfo.InvariantCulture,
                        $"{added + newPeople.Count} nya, {changed + batchChanged} ändrade, {unchanged + batchUnchanged} oförändrade och {RejectedRows([.. errors, .. plan.Errors])} avvisade rader; {invitees.Count + batchInvitees.Count} inbjudningar att skicka.")));
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(cancellationToken);
                return (Added: newPeople.Count, Changed: batchChanged, Unchanged: batchUnchanged, Invitees: batchInvitees, plan.Errors);
            }, cancellationToken);
            added += saved.Added;
            changed += saved.Changed;
            unchanged += saved.Unchanged;
            invitees.AddRange(saved.Invitees);
            errors.AddRange(saved.Errors);
            done += batch.Length;
            report(new ImportProgress(ImportPhase.Saving, done, records.Count));
        }

        var sent = await InviteAsync(scope.ServiceProvider, agency, invitees, report, cancellationToken);
        return new ImportResult(new ImportCounts(added, changed, unchanged, RejectedRows(errors), sent), Sorted(errors), null, invitees.Count - sent);
    }

    private async Task<int> InviteAsync(IServiceProvider services, ImportTarget agency, List<User> invitees, Action<ImportProgress> report, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        var t = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var sent = 0;
        report(new ImportProgress(ImportPhase.Inviting, 0, invitees.Count));
        try
        {
            foreach (var group in invitees.Chunk(InvitationBatchSize))
            {
                var mails = new List<OutgoingMail>(group.Length);
                foreach (var user in group)
                {
                    mails.Add(await Invitations.ComposeAsync(users, email, t, user, agency.Name));
                }
                await email.SendAllAsync(mails, cancellationToken);
                using (var scope = scopes.CreateScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
                    var now = clock.GetUtcNow().UtcDateTime;
                    await writes.RunAsync(db, () => BulkInsert.InsertAsync(db, group.Select(u => Invitations.Marker(u, now)).ToList(), cancellationToken), cancellationToken);
                }
                sent += group.Length;
                report(new ImportProgress(ImportPhase.Inviting, sent, invitees.Count));
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.CommandException or MailKit.ProtocolException or MailKit.Security.AuthenticationException)
        {
            LogInvitationsFailed(e, invitees.Count - sent);
        }
        return sent;
    }

    private static (List<EmployeeRecord> Records, List<RowError> Errors, ImportReason? FileError) Read(ImportTarget agency, byte[] file)
    {
        var csv = EmployeeCsv.Read(file);
        if (csv.FileError is { } fileError)
        {
            return ([], [], fileError);
        }
        var rows = EmployeeRows.Check(csv.Rows, agency.Rules);
        return ([.. rows.Records], [.. csv.Errors, .. rows.Errors], null);
    }

    private static int RejectedRows(List<RowError> errors) => errors.Select(e => e.Row).Distinct().Count();

    private static List<RowError> Sorted(List<RowError> errors) => [.. errors.OrderBy(e => e.Row)];

    /// <summary>The stored people a batch's rows may be about: by employee number in the agency, by address anywhere.</summary>
    private static async Task<Existing> ExistingAsync(TrainingDbContext db, int agencyId, EmployeeRecord[] batch, ILookupNormalizer normalizer, CancellationToken cancellationToken)
    {
        if (batch.Length == 0)
        {
            return new Existing([], [], []);
        }
        var numbers = batch.Select(r => r.EmployeeNumber).ToList();
        var emails = batch.Select(r => normalizer.NormalizeEmail(r.Email)).ToList();
        var people = (await db.Users.Where(u => u.AgencyId == agencyId && numbers.Contains(u.EmployeeNumber!)).ToListAsync(cancellationToken))
            .Concat(await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToListAsync(cancellationToken))
            .DistinctBy(u => u.Id)
            .ToDictionary(u => u.Id);
        var ids = people.Keys.ToList();
        var invited = await db.UserTokens
            .Where(t => t.LoginProvider == Invitations.MarkerProvider && t.Name == Invitations.MarkerName && ids.Contains(t.UserId))
            .Select(t => t.UserId).ToListAsync(cancellationToken);
        var byEmail = new Dictionary<string, User>(StringComparer.Ordinal);
        foreach (var person in people.Values.Where(p => p.NormalizedEmail is not null))
        {
            byEmail.TryAdd(person.NormalizedEmail!, person);
        }
        return new Existing(people, byEmail, [.. invited]);
    }

    private sealed record Existing(Dictionary<string, User> People, Dictionary<string, User> ByNormalizedEmail, HashSet<string> Invited)
    {
        public ImportPlan Plan(EmployeeRecord[] batch, int agencyId, ILookupNormalizer normalizer)
        {
            var byNumber = People.Values.Where(p => p.AgencyId == agencyId && p.EmployeeNumber is not null)
                .GroupBy(p => p.EmployeeNumber!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            return EmployeeMatching.Plan(batch, agencyId,
                number => byNumber.TryGetValue(number, out var person) ? Describe(person) : null,
                address => ByNormalizedEmail.TryGetValue(normalizer.NormalizeEmail(address), out var person) ? Describe(person) : null);
        }

        /// <summary>A person without a password who was never sent an invitation (or whose address changed since) gets one.</summary>
        public bool AwaitsInvitation(User person, bool addressChanged) => Invitations.Awaits(person) && (addressChanged || !Invited.Contains(person.Id));

        private static ExistingPerson Describe(User user) =>
            new(user.Id, user.AgencyId, user.EmployeeNumber, user.Email ?? "", user.Name, user.UnitId, user.JobRoleId, user.StartDate);
    }

    private static User NewUser(EmployeeRecord record, int agencyId, DateTime now, ILookupNormalizer normalizer) => new()
    {
        UserName = record.Email,
        NormalizedUserName = normalizer.NormalizeName(record.Email),
        Email = record.Email,
        NormalizedEmail = normalizer.NormalizeEmail(record.Email),
        EmailConfirmed = false,
        LockoutEnabled = true,
        Name = record.Name,
        AgencyId = agencyId,
        UnitId = record.UnitId,
        JobRoleId = record.JobRoleId,
        EmployeeNumber = record.EmployeeNumber,
        StartDate = record.StartDate,
        CreatedAt = now,
    };

    private static bool AddressChanges(User user, EmployeeRecord record, ILookupNormalizer normalizer) =>
        normalizer.NormalizeEmail(record.Email) != user.NormalizedEmail;

    /// <summary>
    /// Updates a person from a row: an empty unit keeps theirs. A new address also becomes the user name (as Identity
    /// keeps them here) with both normalized forms, and a new security stamp, as Identity's own SetEmailAsync would do.
    /// True when the address changed beyond its case.
    /// </summary>
    private static bool Apply(User user, EmployeeRecord record, ILookupNormalizer normalizer)
    {
        var addressChanged = AddressChanges(user, record, normalizer);
        user.EmployeeNumber = record.EmployeeNumber;
        user.Name = record.Name;
        user.UnitId = record.UnitId ?? user.UnitId;
        user.JobRoleId = record.JobRoleId;
        user.StartDate = record.StartDate;
        user.Email = record.Email;
        user.UserName = record.Email;
        user.NormalizedEmail = normalizer.NormalizeEmail(record.Email);
        user.NormalizedUserName = normalizer.NormalizeName(record.Email);
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        if (addressChanged)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        return addressChanged;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbjudningarna kunde inte skickas; {NotSent} återstår och skickas när filen importeras igen")]
    private partial void LogInvitationsFailed(Exception error, int notSent);
}
