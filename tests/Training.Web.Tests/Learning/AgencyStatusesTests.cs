using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Training.Core.Competence;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Tests.Learning;

/// <summary>
/// The statuses of a whole agency, read in batches (for overviews, exports and reminders), are the statuses each person's
/// own page shows; and the demo's requirements give the demo every status.
/// </summary>
public sealed class AgencyStatusesTests : IAsyncLifetime
{
    private readonly TrainingSite site = new() { SeedDemo = true };

    public async Task InitializeAsync() => await site.StartAsync();

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Theory]
    [InlineData("polisen")]
    [InlineData("aklagare")]
    public async Task TheAgencysStatuses_AreEachPersonsOwn_AndTheDemoHasEveryStatus(string agencyCode)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var catalogue = scope.ServiceProvider.GetRequiredService<ContentCatalogue>();
        var now = DateTime.UtcNow;
        var agency = await db.Agencies.SingleAsync(a => a.Code == agencyCode);

        var all = new List<Records.PersonRequirements>();
        await foreach (var person in Records.RequiredOfAgencyAsync(db, catalogue, agency.Id, now))
        {
            all.Add(person);
        }

        var active = await db.Users.CountAsync(u => u.AgencyId == agency.Id && u.IsActive);
        Assert.Equal(active, all.Count); // grundkurs is for everyone at both agencies
        Assert.Equal(all.Count, all.Select(p => p.Person.Id).Distinct().Count());
        foreach (var person in all)
        {
            var own = await Records.RequiredAsync(db, catalogue, await db.Users.AsNoTracking().SingleAsync(u => u.Id == person.Person.Id), now);
            Assert.Equal(own.Select(r => (r.Module.Id, r.State.Status, r.State.DueDate, r.State.ValidUntil)),
                person.Modules.Select(r => (r.Module.Id, r.State.Status, r.State.DueDate, r.State.ValidUntil)));
        }
        var statuses = all.SelectMany(p => p.Modules).Select(r => r.State.Status).ToHashSet();
        if (agencyCode == "polisen")
        {
            Assert.Equal(Enum.GetValues<CompetenceStatus>().ToHashSet(), statuses);
        }
    }

    [Fact]
    public async Task WhomARequirementAsks_InTheDatabase_IsWhomTheAudienceRuleIncludes()
    {
        // The admin pages count a requirement's people in SQL (Records.PeopleRequiredBy); statuses use RequirementAudience
        // in memory. The two must agree for everyone, a unit, job roles, and both.
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "polisen");
        var people = await db.Users.AsNoTracking().Where(u => u.AgencyId == agency.Id && u.IsActive).ToListAsync();
        var unit = people.First(p => p.UnitId is not null).UnitId;
        var roles = people.Where(p => p.JobRoleId is not null).Select(p => p.JobRoleId!.Value).Distinct().Take(2).ToList();
        Assert.Equal(2, roles.Count);
        var cases = new (int? Unit, List<int> Roles)[] { (null, []), (unit, []), (null, roles), (unit, roles), (unit, [roles[0]]) };
        Assert.Contains(people, p => p.UnitId == unit && p.JobRoleId is { } role && roles.Contains(role));

        foreach (var (unitId, roleIds) in cases)
        {
            var requirement = new Requirement
            {
                AgencyId = agency.Id, UnitId = unitId, TrackId = "grundkurs",
                JobRoles = [.. roleIds.Select(r => new RequirementJobRole { JobRoleId = r })],
            };
            var inDatabase = await Records.PeopleRequiredBy(db, requirement).Select(u => u.Id).ToListAsync();
            var byRule = people.Where(p => requirement.Audience.Includes(p.UnitId, p.JobRoleId)).Select(p => p.Id);
            Assert.Equal(byRule.Order(StringComparer.Ordinal), inDatabase.Order(StringComparer.Ordinal));
        }
    }
}
