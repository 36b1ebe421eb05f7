using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>A learner's record on one module as served now.</summary>
/// <param name="Counting">The completion that keeps them competent now (valid, of the current major or an earlier one in its grace period); null when none.</param>
/// <param name="OpenForRenewal">Whether they may do the module again although it counts: an earlier major's, or ending within the renewal window.</param>
/// <param name="ValidUntil">Until when <paramref name="Counting"/> keeps them competent (its expiry, or the end of an earlier major's grace period); null when it does not end.</param>
public sealed record ModuleRecord(Completion? Counting, bool OpenForRenewal, DateTime? ValidUntil)
{
    public static readonly ModuleRecord None = new(null, false, null);

    /// <summary>Done for now: nothing to read or take until it comes up for renewal.</summary>
    public bool Done => Counting is not null && !OpenForRenewal;
}

/// <summary>
/// The columns of a person that statuses, HR's lists, reminders and the export need: what an agency's people are read as
/// in batches. Not the account itself (no password hash or stamps), so tens of thousands of people cost only these.
/// </summary>
public sealed record PersonSummary(
    string Id, string Name, string SortName, string? Email, int AgencyId, int? UnitId, int? JobRoleId, string? EmployeeNumber,
    DateOnly? StartDate, DateOnly? JoinedAgencyOn, bool IsActive)
{
    public static PersonSummary Of(User user) => new(user.Id, user.Name, user.SortName, user.Email, user.AgencyId, user.UnitId, user.JobRoleId,
        user.EmployeeNumber, user.StartDate, user.JoinedAgencyOn, user.IsActive);
}

/// <summary>A module that is mandatory for the person, with the requirement that asks it most urgently and their status on it.</summary>
public sealed record RequiredModule(CatalogueModule Module, Requirement Requirement, CompetenceState State);

/// <summary>
/// The named queries every page uses to read a person's record: they load the completions and let the competence rules
/// (<see cref="CountingCompletion"/>, <see cref="CompetenceRules"/>) say which one counts and what the status is, so
/// that no page decides it on its own.
/// </summary>
public static class Records
{
    public static CompletionFact Fact(Completion completion) =>
        new(completion.ModuleId, completion.Version, completion.CompletedAt, completion.ExpiresAt);

    /// <summary>The person as the status rule needs them: a move to another agency starts its relative due dates.</summary>
    public static CompetencePerson Person(User user) => new(user.StartDate, user.JoinedAgencyOn);

    /// <inheritdoc cref="Person(User)"/>
    public static CompetencePerson Person(PersonSummary person) => new(person.StartDate, person.JoinedAgencyOn);

    /// <summary>The learner's record on <paramref name="module"/> now.</summary>
    public static async Task<ModuleRecord> OfAsync(TrainingDbContext db, string userId, CatalogueModule module, DateTime now)
    {
        var completions = await Completions.InForce(db).AsNoTracking()
            .Where(c => c.UserId == userId && c.ModuleId == module.Id)
            .ToListAsync();
        return Of(completions, module, now);
    }

    /// <summary>The learner's record on each module given, by module id (modules without a counting completion are absent).</summary>
    public static async Task<IReadOnlyDictionary<string, ModuleRecord>> OfAsync(
        TrainingDbContext db, string userId, IEnumerable<CatalogueModule> modules, DateTime now)
    {
        var byModule = (await Completions.InForce(db).AsNoTracking().Where(c => c.UserId == userId).ToListAsync()).ToLookup(c => c.ModuleId);
        var records = new Dictionary<string, ModuleRecord>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (byModule.Contains(module.Id) && Of(byModule[module.Id], module, now) is { Counting: not null } record)
            {
                records[module.Id] = record;
            }
        }
        return records;
    }

    private static ModuleRecord Of(IEnumerable<Completion> completions, CatalogueModule module, DateTime now)
    {
        var counting = CountingCompletion.Valid(completions, Fact, module.Current, now);
        return counting is null ? ModuleRecord.None
            : new ModuleRecord(counting, CountingCompletion.OpenForRenewal(Fact(counting), module.Current, now),
                CountingCompletion.ValidUntil(Fact(counting), module.Current));
    }

    /// <summary>
    /// The modules that are mandatory for <paramref name="person"/> now, most urgent first: every requirement of their
    /// agency that includes their unit and job role, each track expanded to its modules, and for a module asked by
    /// several requirements the most urgent status.
    /// </summary>
    public static async Task<IReadOnlyList<RequiredModule>> RequiredAsync(TrainingDbContext db, ContentCatalogue catalogue, User person, DateTime now)
    {
        var asked = await AskedAsync(db, catalogue, person.AgencyId);
        if (asked.Count == 0)
        {
            return [];
        }
        var theirId = db.Users.Where(u => u.Id == person.Id).Select(u => u.Id);
        return Required(asked, PersonSummary.Of(person), await RecordsOfAsync(db, asked, theirId, everyCompletion: false), now);
    }

    /// <summary>A person with the modules that are mandatory for them and their status on each, most urgent first.</summary>
    public sealed record PersonRequirements(PersonSummary Person, IReadOnlyList<RequiredModule> Modules);

    /// <summary>A person with their statuses on what is mandatory for them and every completion in force they hold, of any module.</summary>
    public sealed record PersonRecord(PersonSummary Person, IReadOnlyList<RequiredModule> Modules, IReadOnlyList<Completion> Completions);

    /// <summary>
    /// Every active person of the agency (or of <paramref name="people"/>, which must be of that agency) for whom something
    /// is mandatory, with their statuses, as <see cref="RequiredAsync"/> gives them one by one: read in batches, so that
    /// memory stays flat for an agency of any size. The order is by user id.
    /// </summary>
    public static async IAsyncEnumerable<PersonRequirements> RequiredOfAgencyAsync(
        TrainingDbContext db, ContentCatalogue catalogue, int agencyId, DateTime now, IQueryable<User>? people = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var asked = await AskedAsync(db, catalogue, agencyId);
        if (asked.Count == 0)
        {
            yield break;
        }
        await foreach (var (batch, record) in BatchesAsync(db, asked, agencyId, people, everyCompletion: false, cancellationToken))
        {
            foreach (var person in batch)
            {
                var modules = Required(asked, person, record, now);
                if (modules.Count > 0)
                {
                    yield return new PersonRequirements(person, modules);
                }
            }
        }
    }

    /// <summary>
    /// Every active person of the agency (or of <paramref name="people"/>), whether or not anything is mandatory for them,
    /// with their statuses and all their completions in force: what an export writes. Read in batches, by user id.
    /// </summary>
    public static async IAsyncEnumerable<PersonRecord> EveryoneOfAgencyAsync(
        TrainingDbContext db, ContentCatalogue catalogue, int agencyId, DateTime now, IQueryable<User>? people = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var asked = await AskedAsync(db, catalogue, agencyId);
        await foreach (var (batch, record) in BatchesAsync(db, asked, agencyId, people, everyCompletion: true, cancellationToken))
        {
            foreach (var person in batch)
            {
                yield return new PersonRecord(person, Required(asked, person, record, now), record.Held[person.Id].ToList());
            }
        }
    }

    private const int BatchSize = 1000;

    /// <summary>The agency's active people (of <paramref name="people"/>) in batches by id, each with what their statuses rest on.</summary>
    private static async IAsyncEnumerable<(List<PersonSummary> Batch, PeopleRecord Record)> BatchesAsync(
        TrainingDbContext db, IReadOnlyList<Asked> asked, int agencyId, IQueryable<User>? people, bool everyCompletion,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scope = (people ?? db.Users).AsNoTracking().Where(u => u.AgencyId == agencyId && u.IsActive);
        string? after = null;
        while (true)
        {
            var batch = await scope.Where(u => after == null || u.Id.CompareTo(after) > 0)
                .OrderBy(u => u.Id).Take(BatchSize)
                .Select(u => new PersonSummary(u.Id, u.Name, u.SortName, u.Email, u.AgencyId, u.UnitId, u.JobRoleId, u.EmployeeNumber,
                    u.StartDate, u.JoinedAgencyOn, u.IsActive))
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }
            var (first, last) = (batch[0].Id, batch[^1].Id);
            var batchIds = scope.Where(u => u.Id.CompareTo(first) >= 0 && u.Id.CompareTo(last) <= 0).Select(u => u.Id);
            yield return (batch, await RecordsOfAsync(db, asked, batchIds, everyCompletion, cancellationToken));
            after = last;
        }
    }

    private sealed record Asked(CatalogueModule Module, Requirement Requirement, RequirementAudience Audience);

    /// <summary>
    /// What several people's statuses rest on: their completions in force (of the asked modules, or of every module when
    /// asked for), as facts and as held, and which current versions they have begun.
    /// </summary>
    private sealed record PeopleRecord(ILookup<string, CompletionFact> Completions, ILookup<string, Completion> Held, HashSet<(string UserId, int VersionId)> Begun);

    /// <summary>The agency's active requirements, each expanded to the modules it asks for as served now.</summary>
    private static async Task<IReadOnlyList<Asked>> AskedAsync(TrainingDbContext db, ContentCatalogue catalogue, int agencyId)
    {
        var requirements = await db.Requirements.AsNoTracking().Include(r => r.JobRoles)
            .Where(r => r.AgencyId == agencyId && r.RemovedAt == null)
            .OrderBy(r => r.Id)
            .ToListAsync();
        return [.. requirements.SelectMany(r => ModulesOf(catalogue, r).Select(m => new Asked(m, r, r.Audience)))];
    }

    /// <remarks>
    /// The rows are read by the people's user ids alone, which the indexes on (UserId, …) answer with one seek per person;
    /// which modules and versions matter is decided here, not in the query, because with the versions in the query
    /// SQLite chose the index on the version and read every attempt of the module once per batch. The ids come as a
    /// subquery (the batch's scope between its first and last id), not as a list: a list of a thousand ids is a thousand
    /// parameters, and a new SQL text to build and bind for every batch.
    /// </remarks>
    private static async Task<PeopleRecord> RecordsOfAsync(
        TrainingDbContext db, IReadOnlyList<Asked> asked, IQueryable<string> userIds, bool everyCompletion, CancellationToken cancellationToken = default)
    {
        var moduleIds = asked.Select(a => a.Module.Id).ToHashSet(StringComparer.Ordinal);
        var versionIds = asked.Select(a => a.Module.VersionId).ToHashSet();
        var theirs = Completions.InForce(db).AsNoTracking().Where(c => userIds.Contains(c.UserId));
        List<Completion> held = [];
        List<(string UserId, CompletionFact Fact)> facts;
        if (everyCompletion)
        {
            held = await theirs.ToListAsync(cancellationToken);
            facts = [.. held.Where(c => moduleIds.Contains(c.ModuleId)).Select(c => (c.UserId, Fact(c)))];
        }
        else
        {
            facts = [.. (await theirs.Select(c => new { c.UserId, c.ModuleId, c.Version, c.CompletedAt, c.ExpiresAt }).ToListAsync(cancellationToken))
                .Where(c => moduleIds.Contains(c.ModuleId))
                .Select(c => (c.UserId, new CompletionFact(c.ModuleId, c.Version, c.CompletedAt, c.ExpiresAt)))];
        }
        var visited = await db.SectionVisits.AsNoTracking()
            .Where(v => userIds.Contains(v.UserId))
            .Select(v => new { v.UserId, v.ModuleVersionId }).Distinct().ToListAsync(cancellationToken);
        var attempted = await db.QuizAttempts.AsNoTracking()
            .Where(a => userIds.Contains(a.UserId))
            .Select(a => new { a.UserId, a.ModuleVersionId }).Distinct().ToListAsync(cancellationToken);
        var begun = visited.Select(v => (v.UserId, VersionId: v.ModuleVersionId)).Concat(attempted.Select(a => (a.UserId, VersionId: a.ModuleVersionId)))
            .Where(b => versionIds.Contains(b.VersionId));
        return new PeopleRecord(
            facts.ToLookup(f => f.UserId, f => f.Fact),
            held.ToLookup(c => c.UserId),
            [.. begun]);
    }

    /// <summary>The person's statuses on what is asked of them: one per module (the most urgent), most urgent first.</summary>
    private static List<RequiredModule> Required(IReadOnlyList<Asked> asked, PersonSummary person, PeopleRecord record, DateTime now)
    {
        var who = Person(person);
        var completions = record.Completions[person.Id].ToList();
        return asked
            .Where(a => a.Audience.Includes(person.UnitId, person.JobRoleId))
            .Select(a => new RequiredModule(a.Module, a.Requirement, CompetenceRules.StatusOf(
                a.Requirement.Rule, who, a.Module.Current, completions, record.Begun.Contains((person.Id, a.Module.VersionId)), now)))
            .GroupBy(r => r.Module.Id)
            .Select(g => g.OrderBy(r => r.State, CompetenceUrgency.MostUrgentFirst).First())
            .OrderBy(r => r.State, CompetenceUrgency.MostUrgentFirst)
            .ThenBy(r => r.Module.Title, SwedishOrder)
            .ToList();
    }

    private static readonly StringComparer SwedishOrder = StringComparer.Create(new System.Globalization.CultureInfo("sv-SE"), false);

    /// <summary>The active people a requirement asks (in the database, as <see cref="RequirementAudience.Includes"/> says in memory); needs its job roles loaded.</summary>
    public static IQueryable<User> PeopleRequiredBy(TrainingDbContext db, Requirement requirement)
    {
        var roles = requirement.JobRoles.Select(j => (int?)j.JobRoleId).ToList();
        var people = db.Users.Where(u => u.AgencyId == requirement.AgencyId && u.IsActive);
        if (requirement.UnitId is { } unit)
        {
            people = people.Where(u => u.UnitId == unit);
        }
        return roles.Count == 0 ? people : people.Where(u => roles.Contains(u.JobRoleId));
    }

    /// <summary>The modules a requirement asks for, as served now: its module, or every module of its track.</summary>
    public static IEnumerable<CatalogueModule> ModulesOf(ContentCatalogue catalogue, Requirement requirement) =>
        requirement.ModuleId is { } moduleId
            ? catalogue.Find(moduleId) is { } module ? [module] : []
            : catalogue.Tracks.FirstOrDefault(t => t.Id == requirement.TrackId) is { } track ? catalogue.ModulesOf(track) : [];

    /// <summary>How many people have a completion that counts for <paramref name="module"/> now: whom a major publish would ask to complete it again.</summary>
    public static async Task<int> CountingForAsync(TrainingDbContext db, CatalogueModule module, DateTime now)
    {
        var completions = await Completions.InForce(db).AsNoTracking().Where(c => c.ModuleId == module.Id).ToListAsync();
        return completions.GroupBy(c => c.UserId).Count(person => Of(person, module, now).Counting is not null);
    }
}
