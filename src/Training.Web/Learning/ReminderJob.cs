using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Web.Accounts;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Infrastructure;

namespace Training.Web.Learning;

/// <summary>What one run of the reminder job did, counted in reminders (one e-mail can carry several).</summary>
/// <param name="Sent">Reminders sent by this run.</param>
/// <param name="Mails">E-mails those were sent in.</param>
/// <param name="AlreadySent">Reminders due today that an earlier run (or another host) had sent.</param>
/// <param name="Failed">Reminders whose e-mail could not be sent; the next run tries them again.</param>
/// <param name="Elsewhere">Reminders another run was sending at the same moment (it holds the claim).</param>
public sealed record ReminderRunResult(int Sent, int Mails, int AlreadySent, int Failed, int Elsewhere);

/// <summary>
/// The reminder job for one day: each active person with an e-mail address hears once that a mandatory module is due
/// within 14 days, once that it is overdue and once each time a competence enters its renewal window
/// (<see cref="ReminderRules"/>), in one e-mail per run listing what is new; each agency's <c>hr</c> users get a weekly
/// digest of how many are overdue, expired and expiring.
/// <para>
/// Exactly once, also when the job runs twice or on two hosts at once: every reminder is a <see cref="ReminderDelivery"/>
/// row under a unique key (person, requirement, module, event and its day), inserted before anything is sent; whoever
/// claims an unsent row with a conditional update sends it, then marks it sent. A failed send counts a failure and lets
/// go of the claim, so the next run tries again while the reminder still applies. No transaction is held while mail is
/// sent. One weakness remains by nature: a host that dies after the mail left but before it marked the row sent sends it
/// again once its claim (<see cref="ClaimFor"/>) has run out.
/// </para>
/// </summary>
public sealed partial class ReminderJob(
    IServiceScopeFactory scopes, ContentCatalogue catalogue, EmailSender email, TimeProvider clock, IConfiguration configuration,
    ILogger<ReminderJob> logger)
{
    /// <summary>How long a run may take to send a claimed reminder before another run may take it over.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(10);

    private const int BatchSize = 200;

    /// <summary>The time of day (in Sweden) the daily job runs: <c>Reminders:RunAt</c>, default 06:00.</summary>
    public TimeOnly RunAt =>
        TimeOnly.TryParse(configuration["Reminders:RunAt"], CultureInfo.InvariantCulture, out var at) ? at : new TimeOnly(6, 0);

    /// <summary>The weekday the HR digest goes out (or the first run after it in the same ISO week): <c>Reminders:DigestDay</c>, default Monday.</summary>
    public DayOfWeek DigestDay => configuration.GetValue("Reminders:DigestDay", DayOfWeek.Monday);

    /// <summary>Runs the job as the daily run of <paramref name="day"/> (a day in Sweden) would, at <see cref="RunAt"/>.</summary>
    public Task<ReminderRunResult> RunForDayAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        RunAsync(ReminderRules.AtInSweden(day, RunAt), cancellationToken);

    /// <summary>Runs the job with the statuses as they are at <paramref name="asOfUtc"/>.</summary>
    public async Task<ReminderRunResult> RunAsync(DateTime asOfUtc, CancellationToken cancellationToken = default)
    {
        var today = CompetenceRules.DayInSweden(asOfUtc);
        var week = ReminderRules.DigestWeek(today, DigestDay);
        var tally = new Tally();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Id).Select(a => new AgencyName(a.Id, a.Name)).ToListAsync(cancellationToken);
        foreach (var agency in agencies)
        {
            var digest = new DigestCounts();
            var byUnit = new Dictionary<int, DigestCounts>();
            var batch = new List<Records.PersonRequirements>(BatchSize);
            await foreach (var person in Records.RequiredOfAgencyAsync(db, catalogue, agency.Id, asOfUtc, cancellationToken: cancellationToken))
            {
                digest.Add(person);
                if (person.Person.UnitId is { } unit)
                {
                    (byUnit.TryGetValue(unit, out var counts) ? counts : byUnit[unit] = new DigestCounts()).Add(person);
                }
                batch.Add(person);
                if (batch.Count == BatchSize)
                {
                    await RemindLearnersAsync(db, batch, today, tally, cancellationToken);
                    batch.Clear();
                }
            }
            await RemindLearnersAsync(db, batch, today, tally, cancellationToken);
            if (week is not null && digest.AnythingToReport)
            {
                var weekNumber = ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue));
                await SendDigestsAsync(db, agency, digest, week, weekNumber, tally, cancellationToken);
                await SendManagerDigestsAsync(db, agency, byUnit, week, weekNumber, tally, cancellationToken);
            }
        }
        var result = tally.Result;
        LogRun(today, result.Sent, result.Mails, result.AlreadySent, result.Failed, result.Elsewhere);
        return result;
    }

    private sealed record AgencyName(int Id, string Name);

    /// <summary>One reminder for one recipient, with what its e-mail says.</summary>
    private sealed record Item(string Key, string Kind, int? RequirementId, string? ModuleId, string Line);

    private sealed record Recipient(PersonSummary Person, IReadOnlyList<Item> Items);

    private async Task RemindLearnersAsync(TrainingDbContext db, List<Records.PersonRequirements> batch, DateOnly today, Tally tally, CancellationToken cancellationToken)
    {
        var recipients = new List<Recipient>();
        foreach (var (person, modules) in batch)
        {
            if (string.IsNullOrWhiteSpace(person.Email))
            {
                continue;
            }
            var items = new List<Item>();
            foreach (var required in modules)
            {
                if (ReminderRules.For(required.State, today) is { } reminder)
                {
                    var kind = KindOf(reminder.Event);
                    items.Add(new Item(
                        $"{kind}|{person.Id}|{required.Requirement.Id}|{required.Module.Id}|{SwedishTime.Date(reminder.Occasion)}",
                        kind, required.Requirement.Id, required.Module.Id, LineFor(reminder, required.Module)));
                }
            }
            if (items.Count > 0)
            {
                recipients.Add(new Recipient(person, items));
            }
        }
        await DeliverAsync(db, recipients, LearnerMail, tally, cancellationToken);
    }

    private static string KindOf(ReminderEvent reminder) => reminder switch
    {
        ReminderEvent.DueSoon => ReminderKinds.DueSoon,
        ReminderEvent.Overdue => ReminderKinds.Overdue,
        _ => ReminderKinds.Renewal,
    };

    private string LineFor(Reminder reminder, CatalogueModule module)
    {
        var date = SwedishTime.Date(reminder.Occasion);
        var what = reminder.Event switch
        {
            ReminderEvent.DueSoon => $"{module.Title} ska vara klar senast {date}.",
            ReminderEvent.Overdue => $"{module.Title} skulle ha varit klar {date} och är nu försenad. Gör den så snart du kan.",
            _ => $"{module.Title} behöver förnyas: det du har genomfört gäller till {date}. Gör modulen igen före dess.",
        };
        return what + "\n" + email.Link("/moduler/" + Uri.EscapeDataString(module.Id));
    }

    private OutgoingMail LearnerMail(PersonSummary person, IReadOnlyList<Item> items)
    {
        var text = $"Hej {person.Name}!\n\n"
            + (items.Count == 1 ? "En av dina obligatoriska utbildningar behöver din uppmärksamhet:" : "Några av dina obligatoriska utbildningar behöver din uppmärksamhet:")
            + "\n\n" + string.Join("\n\n", items.Select(i => "- " + i.Line))
            + $"\n\nAlla dina obligatoriska utbildningar och när de ska vara klara finns på Mina sidor:\n{email.Link("/mina-sidor")}\n\n"
            + Signature;
        return new OutgoingMail(person.Email!, "Påminnelse om obligatorisk utbildning", text);
    }

    private const string Signature = "Det här meddelandet skickades automatiskt från Training och går inte att svara på.";

    /// <summary>How many of an agency's people, and how many of their modules, are overdue, expired and expiring.</summary>
    private sealed class DigestCounts
    {
        public (int People, int Modules) Overdue;
        public (int People, int Modules) Expired;
        public (int People, int Modules) Expiring;

        public bool AnythingToReport => Overdue.People + Expired.People + Expiring.People > 0;

        /// <summary>Adds another group's counts (a manager's units: each person is of one unit, so nobody counts twice).</summary>
        public void AddAll(DigestCounts other)
        {
            Overdue = (Overdue.People + other.Overdue.People, Overdue.Modules + other.Overdue.Modules);
            Expired = (Expired.People + other.Expired.People, Expired.Modules + other.Expired.Modules);
            Expiring = (Expiring.People + other.Expiring.People, Expiring.Modules + other.Expiring.Modules);
        }

        /// <summary>The counts as the digest says them, one line each.</summary>
        public string Lines() => string.Join("\n",
            $"Försenade: {People(Overdue.People)} ({Modules(Overdue.Modules)})",
            $"Utgångna: {People(Expired.People)} ({Modules(Expired.Modules)})",
            $"Går snart ut: {People(Expiring.People)} ({Modules(Expiring.Modules)})");

        public void Add(Records.PersonRequirements person)
        {
            Count(ref Overdue, person, CompetenceStatus.Overdue);
            Count(ref Expired, person, CompetenceStatus.Expired);
            Count(ref Expiring, person, CompetenceStatus.Expiring);
        }

        private static void Count(ref (int People, int Modules) counts, Records.PersonRequirements person, CompetenceStatus status)
        {
            var modules = person.Modules.Count(m => m.State.Status == status);
            if (modules > 0)
            {
                counts = (counts.People + 1, counts.Modules + modules);
            }
        }
    }

    /// <summary>
    /// The weekly digest of each manager (<see cref="Roles.Manager"/>) of the agency: the same counts for the people of
    /// their units only (the people <see cref="UserQueries.ManagedBy"/> gives), when there is anything to report.
    /// </summary>
    private async Task SendManagerDigestsAsync(
        TrainingDbContext db, AgencyName agency, Dictionary<int, DigestCounts> byUnit, string week, int weekNumber, Tally tally, CancellationToken cancellationToken)
    {
        var managerRole = db.Roles.Where(r => r.Name == Roles.Manager).Select(r => r.Id);
        var managers = await db.Users.AsNoTracking()
            .Where(u => u.AgencyId == agency.Id && u.IsActive && u.Email != null && u.Email != ""
                && db.UserRoles.Any(ur => ur.UserId == u.Id && managerRole.Contains(ur.RoleId)))
            .OrderBy(u => u.Id)
            .Select(u => new { User = u, Units = db.ManagerUnits.Where(m => m.UserId == u.Id && m.Unit.AgencyId == agency.Id).Select(m => m.UnitId).ToList() })
            .ToListAsync(cancellationToken);
        var recipients = new List<Recipient>();
        foreach (var manager in managers)
        {
            var counts = new DigestCounts();
            foreach (var unit in manager.Units)
            {
                if (byUnit.TryGetValue(unit, out var ofUnit))
                {
                    counts.AddAll(ofUnit);
                }
            }
            if (counts.AnythingToReport)
            {
                recipients.Add(new Recipient(PersonSummary.Of(manager.User), [new Item($"{ReminderKinds.ManagerDigest}|{manager.User.Id}|{agency.Id}|{week}", ReminderKinds.ManagerDigest, null, null, counts.Lines())]));
            }
        }
        await DeliverAsync(db, recipients, (manager, items) => new OutgoingMail(manager.Email!,
            $"Veckoöversikt vecka {weekNumber}: obligatorisk utbildning i dina enheter",
            $"Hej {manager.Name}!\n\nSå här ser de obligatoriska utbildningarna ut för medarbetarna i dina enheter vecka {weekNumber}:\n\n"
            + items[0].Line
            + $"\n\nSe vilka det gäller och deras status:\n{email.Link("/hr/medarbetare?status=not_compliant")}\n\n" + Signature), tally, cancellationToken);
    }

    private async Task SendDigestsAsync(
        TrainingDbContext db, AgencyName agency, DigestCounts counts, string week, int weekNumber, Tally tally, CancellationToken cancellationToken)
    {
        var hrRole = db.Roles.Where(r => r.Name == Roles.Hr).Select(r => r.Id);
        var officers = await db.Users.AsNoTracking()
            .Where(u => u.AgencyId == agency.Id && u.IsActive && u.Email != null && u.Email != ""
                && db.UserRoles.Any(ur => ur.UserId == u.Id && hrRole.Contains(ur.RoleId)))
            .OrderBy(u => u.Id)
            .ToListAsync(cancellationToken);
        var line = counts.Lines();
        var recipients = officers
            .Select(o => new Recipient(PersonSummary.Of(o), [new Item($"{ReminderKinds.HrDigest}|{o.Id}|{agency.Id}|{week}", ReminderKinds.HrDigest, null, null, line)]))
            .ToList();
        await DeliverAsync(db, recipients, (officer, items) => new OutgoingMail(officer.Email!,
            $"Veckoöversikt vecka {weekNumber}: obligatorisk utbildning",
            $"Hej {officer.Name}!\n\nSå här ser de obligatoriska utbildningarna ut för medarbetarna i {agency.Name} vecka {weekNumber}:\n\n"
            + items[0].Line
            + $"\n\nSe vilka det gäller och deras status:\n{email.Link("/hr/medarbetare?status=not_compliant")}\n\n" + Signature), tally, cancellationToken);
    }

    private static string People(int count) => count == 1 ? "1 person" : string.Create(CultureInfo.InvariantCulture, $"{count} personer");

    private static string Modules(int count) => count == 1 ? "1 modul" : string.Create(CultureInfo.InvariantCulture, $"{count} moduler");

    /// <summary>
    /// Records the recipients' reminders (a key already there is left as it is), then for each recipient claims the
    /// unsent ones, sends them in one e-mail and marks them sent, or counts the failure and lets go.
    /// </summary>
    private async Task DeliverAsync(
        TrainingDbContext db, List<Recipient> recipients, Func<PersonSummary, IReadOnlyList<Item>, OutgoingMail> compose, Tally tally, CancellationToken cancellationToken)
    {
        if (recipients.Count == 0)
        {
            return;
        }
        var keys = recipients.SelectMany(r => r.Items).Select(i => i.Key).ToList();
        var known = await KnownAsync(db, keys, cancellationToken);
        var missing = recipients.SelectMany(r => r.Items.Select(i => (r.Person, Item: i))).Where(x => !known.ContainsKey(x.Item.Key)).ToList();
        if (missing.Count > 0)
        {
            var createdAt = clock.GetUtcNow().UtcDateTime;
            // Short: inserts only. A key another run inserted meanwhile is skipped, not an error.
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                foreach (var (person, item) in missing)
                {
                    await db.Database.ExecuteSqlAsync($"""
                        INSERT INTO "ReminderDeliveries" ("Key", "Kind", "UserId", "RequirementId", "ModuleId", "CreatedAt", "Failures")
                        VALUES ({item.Key}, {item.Kind}, {person.Id}, {item.RequirementId}, {item.ModuleId}, {createdAt}, 0)
                        ON CONFLICT ("Key") DO NOTHING
                        """, cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
            }
            foreach (var (key, row) in await KnownAsync(db, [.. missing.Select(m => m.Item.Key)], cancellationToken))
            {
                known[key] = row;
            }
        }

        foreach (var recipient in recipients)
        {
            // Claimed in the order of their ids, stopping at the first that another run holds: every run goes the same
            // way, so the run that takes a person's first reminder takes all of them, and the person gets one e-mail.
            var claimed = new List<(long Id, Item Item)>();
            var unsent = recipient.Items.Select(i => (known[i.Key].Id, Item: i, known[i.Key].SentAt)).Where(x => x.SentAt is null).OrderBy(x => x.Id).ToList();
            tally.AlreadySent += recipient.Items.Count - unsent.Count;
            foreach (var (id, item, _) in unsent)
            {
                if (!await ClaimAsync(db, id, cancellationToken))
                {
                    tally.Elsewhere += unsent.Count - claimed.Count;
                    break;
                }
                claimed.Add((id, item));
            }
            if (claimed.Count == 0)
            {
                continue;
            }
            var ids = claimed.Select(c => c.Id).ToList();
            try
            {
                var mail = compose(recipient.Person, [.. recipient.Items.Where(i => claimed.Exists(c => c.Item == i))]); // most urgent first, as listed
                await email.SendAsync(mail.To, mail.Subject, mail.Text, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await db.ReminderDeliveries.Where(d => ids.Contains(d.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.Failures, d => d.Failures + 1).SetProperty(d => d.ClaimedUntil, (DateTime?)null), CancellationToken.None);
                tally.Failed += claimed.Count;
                LogSendFailed(error.GetType().Name); // not the message: an SMTP server's answer can name the address
                continue;
            }
            var sentAt = clock.GetUtcNow().UtcDateTime;
            // Not cancellable: the mail has left, and the row must say so.
            await db.ReminderDeliveries.Where(d => ids.Contains(d.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.SentAt, sentAt).SetProperty(d => d.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            tally.Sent += claimed.Count;
            tally.Mails++;
        }
    }

    private sealed record Known(long Id, DateTime? SentAt);

    private static async Task<Dictionary<string, Known>> KnownAsync(TrainingDbContext db, List<string> keys, CancellationToken cancellationToken) =>
        await db.ReminderDeliveries.AsNoTracking()
            .Where(d => keys.Contains(d.Key))
            .Select(d => new { d.Key, d.Id, d.SentAt })
            .ToDictionaryAsync(d => d.Key, d => new Known(d.Id, d.SentAt), StringComparer.Ordinal, cancellationToken);

    /// <summary>Takes an unsent reminder for this run, unless another run holds it: one row changed means it is ours.</summary>
    private async Task<bool> ClaimAsync(TrainingDbContext db, long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + ClaimFor;
        return await db.ReminderDeliveries
            .Where(d => d.Id == id && d.SentAt == null && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntil, until), cancellationToken) == 1;
    }

    private sealed class Tally
    {
        public int Sent;
        public int Mails;
        public int AlreadySent;
        public int Failed;
        public int Elsewhere;

        public ReminderRunResult Result => new(Sent, Mails, AlreadySent, Failed, Elsewhere);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Påminnelser för {Day}: {Sent} skickade i {Mails} e-postmeddelanden, {AlreadySent} redan skickade, {Failed} misslyckades, {Elsewhere} hos en annan körning")]
    private partial void LogRun(DateOnly day, int sent, int mails, int alreadySent, int failed, int elsewhere);

    [LoggerMessage(Level = LogLevel.Warning, Message = "En påminnelse kunde inte skickas ({Error}); nästa körning försöker igen")]
    private partial void LogSendFailed(string error);
}
