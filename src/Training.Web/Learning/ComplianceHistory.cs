using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Core.Content;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Learning;

/// <summary>How many people were in scope at a moment and how many of them were compliant.</summary>
public readonly record struct ComplianceCount(int People, int Compliant)
{
    public int? Percent => Compliance.Percent(Compliant, People);

    public static ComplianceCount operator +(ComplianceCount a, ComplianceCount b) => new(a.People + b.People, a.Compliant + b.Compliant);
}

/// <summary>
/// Compliance as it stood at moments in the past, for the trend and the report to the Government: today's requirements
/// of the agency, each module as it was served then (its latest version stored by then, so a major bump counts from
/// when it came, with its grace period), the completions recorded as completed by then (append-only, so they are what
/// stood then) and the people who were in the agency then (started by then, and moved in by then). The status comes
/// from the one rule, <see cref="CompetenceRules.StatusOf"/>, at that moment.
/// </summary>
public static class ComplianceHistory
{
    private const int BatchSize = 500;

    /// <summary>The end of each of the last <paramref name="months"/> calendar months in Sweden, up to and including the current one (which ends now).</summary>
    public static IReadOnlyList<DateTime> MonthEnds(DateTime now, int months = 12)
    {
        var today = CompetenceRules.DayInSweden(now);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        return [.. Enumerable.Range(0, months).Reverse()
            .Select(back => back == 0 ? now : Infrastructure.SwedishTime.StartOfDayUtc(firstOfMonth.AddMonths(1 - back)).AddTicks(-1))];
    }

    /// <summary>
    /// For each moment, by the person's current unit (null for none), the people in scope then and how many were compliant;
    /// narrowed to <paramref name="moduleId"/> when given. <paramref name="people"/> must be of the agency.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<int, ComplianceCount>>> ByUnitAsync(
        TrainingDbContext db, ContentCatalogue catalogue, int agencyId, IQueryable<User> people, IReadOnlyList<DateTime> moments,
        string? moduleId = null, CancellationToken cancellationToken = default)
    {
        var result = moments.Select(_ => new Dictionary<int, ComplianceCount>()).ToList();
        var requirements = await db.Requirements.AsNoTracking().Include(r => r.JobRoles)
            .Where(r => r.AgencyId == agencyId && r.RemovedAt == null).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var asked = requirements.SelectMany(r => Records.ModulesOf(catalogue, r).Select(m => (Module: m.Id, Requirement: r)))
            .Where(a => moduleId is null || a.Module == moduleId).ToList();
        if (asked.Count == 0)
        {
            return result;
        }
        var moduleIds = asked.Select(a => a.Module).Distinct().ToList();
        var versions = (await db.ModuleVersions.AsNoTracking().Where(v => moduleIds.Contains(v.ModuleId))
                .Select(v => new { v.ModuleId, v.Version, v.VersionMajor, v.StoredAt }).ToListAsync(cancellationToken))
            .ToLookup(v => v.ModuleId);
        // The module as served at each moment: its latest version stored by then (or its first, for a moment before the site stored any).
        var servedAt = moments.Select(moment => moduleIds.ToDictionary(id => id, id =>
        {
            var stored = versions[id].OrderBy(v => v.StoredAt).ToList();
            if (stored.Count == 0)
            {
                return null;
            }
            var then = stored.LastOrDefault(v => v.StoredAt <= moment) ?? stored[0];
            var majorSince = stored.Where(v => v.VersionMajor == then.VersionMajor).Min(v => v.StoredAt);
            return ModuleVersionNumber.TryParse(then.Version, out var number) ? new CurrentModule(id, number, majorSince) : null;
        })).ToList();

        var scope = people.AsNoTracking().Where(u => u.AgencyId == agencyId && u.IsActive);
        string? after = null;
        while (true)
        {
            var batch = await scope.Where(u => after == null || u.Id.CompareTo(after) > 0).OrderBy(u => u.Id).Take(BatchSize)
                .Select(u => new { u.Id, u.UnitId, u.JobRoleId, u.StartDate, u.JoinedAgencyOn, u.CreatedAt }).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return result;
            }
            var ids = batch.Select(u => u.Id).ToList();
            var completions = (await db.Completions.AsNoTracking()
                    .Where(c => ids.Contains(c.UserId) && moduleIds.Contains(c.ModuleId))
                    .Select(c => new { c.UserId, c.ModuleId, c.Version, c.CompletedAt, c.ExpiresAt }).ToListAsync(cancellationToken))
                .ToLookup(c => c.UserId, c => new CompletionFact(c.ModuleId, c.Version, c.CompletedAt, c.ExpiresAt));
            foreach (var person in batch)
            {
                var theirs = asked.Where(a => a.Requirement.Audience.Includes(person.UnitId, person.JobRoleId)).ToList();
                if (theirs.Count == 0)
                {
                    continue;
                }
                var who = new CompetencePerson(person.StartDate, person.JoinedAgencyOn);
                var facts = completions[person.Id].ToList();
                for (var i = 0; i < moments.Count; i++)
                {
                    var moment = moments[i];
                    if (!InAgencyAt(person.StartDate, person.JoinedAgencyOn, person.CreatedAt, moment))
                    {
                        continue;
                    }
                    var then = facts.Where(f => f.CompletedAt <= moment).ToList();
                    var states = theirs
                        .Where(a => servedAt[i][a.Module] is not null)
                        .Select(a => CompetenceRules.StatusOf(a.Requirement.Rule, who, servedAt[i][a.Module]!, then, begun: false, moment).Status)
                        .ToList();
                    if (states.Count == 0)
                    {
                        continue;
                    }
                    var unit = person.UnitId ?? 0;
                    result[i][unit] = result[i].GetValueOrDefault(unit) + new ComplianceCount(1, Compliance.IsCompliant(states) ? 1 : 0);
                }
            }
            after = batch[^1].Id;
        }
    }

    /// <summary>
    /// Whether the person was in the agency at <paramref name="moment"/>: employed by then (their start date, or their
    /// account's creation when no start date is known) and moved in by then.
    /// </summary>
    public static bool InAgencyAt(DateOnly? startDate, DateOnly? joinedAgencyOn, DateTime createdAt, DateTime moment)
    {
        var day = CompetenceRules.DayInSweden(moment);
        var started = startDate is { } start ? start <= day : createdAt <= moment;
        return started && (joinedAgencyOn is not { } joined || joined <= day);
    }
}
