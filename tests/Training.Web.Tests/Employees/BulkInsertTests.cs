using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Data;

namespace Training.Web.Tests.Employees;

/// <summary>
/// BulkInsert sends many rows a statement (seed demo, the employee import): more rows than fit in one statement, with a
/// shorter last one, all arrive as SaveChanges would store them, and a key the database numbers is left to it only when
/// asked.
/// </summary>
public sealed class BulkInsertTests
{
    [Fact]
    public async Task ManyRows_InFullAndShortStatements_AllArrive_WithTheirValues_AndTheDatabaseNumbersCompletions()
    {
        await using var site = new TrainingSite();
        await site.StartAsync();
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var completedAt = new DateTime(2026, 5, 4, 3, 2, 1, DateTimeKind.Utc);
        var (agencyId, version) = site.WithDb(db => (db.Agencies.Select(a => a.Id).First(), db.ModuleVersions.OrderBy(v => v.Id).First()));
        var people = Enumerable.Range(0, 203).Select(i => new User
        {
            UserName = $"{prefix}{i}@polisen.example",
            Email = $"{prefix}{i}@polisen.example",
            NormalizedEmail = $"{prefix}{i}@POLISEN.EXAMPLE",
            Name = $"Person {i}",
            AgencyId = agencyId,
            EmployeeNumber = i % 2 == 0 ? $"{prefix}{i}" : null,
            CreatedAt = completedAt,
        }).ToList();
        var completions = people.Select((p, i) => new Completion
        {
            UserId = p.Id,
            AgencyId = agencyId,
            ModuleId = version.ModuleId,
            ModuleVersionId = version.Id,
            Version = version.Version,
            ContentHash = version.ContentHash,
            CompletedAt = completedAt.AddMinutes(i),
            ScorePercent = i % 3 == 0 ? null : 80,
            Source = CompletionSources.Manual,
            Note = $"Klassrumskurs {i}",
        }).ToList();

        await site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, people);
            await Assert.ThrowsAsync<InvalidOperationException>(() => BulkInsert.InsertAsync(db, completions));
            await BulkInsert.InsertAsync(db, completions, keysFromDatabase: true);
            await transaction.CommitAsync();
        });

        var ids = people.ConvertAll(p => p.Id);
        var stored = site.WithDb(db => db.Completions.AsNoTracking().Where(c => ids.Contains(c.UserId))
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { c.Id, c.Note, c.CompletedAt, c.ScorePercent, u.Name, u.EmployeeNumber })
            .ToList());
        Assert.Equal(203, stored.Count);
        Assert.Equal(203, stored.Select(c => c.Id).Distinct().Count());
        var last = stored.Single(c => c.Note == "Klassrumskurs 202");
        Assert.Equal(("Person 202", $"{prefix}202", completedAt.AddMinutes(202), (int?)80), (last.Name, last.EmployeeNumber, last.CompletedAt, last.ScorePercent));
        var odd = stored.Single(c => c.Note == "Klassrumskurs 201");
        Assert.Equal(("Person 201", (string?)null, (int?)null), (odd.Name, odd.EmployeeNumber, odd.ScorePercent));
    }
}
