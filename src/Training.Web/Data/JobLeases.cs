using Microsoft.EntityFrameworkCore;

namespace Training.Web.Data;

/// <summary>Who may run a scheduled job until when; one row per job name.</summary>
public class JobLease
{
    public const int NameLength = 80;
    public const int HolderLength = 200;

    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>
/// Scheduled work that must run once however many instances of the site share the database (reminders, retention):
/// an instance runs a job only after taking its lease. Taking is one conditional update (the row is free when its lease
/// has run out, or already this holder's), or the insert of the job's first row, whose primary key lets one of two
/// simultaneous inserts win. No lock is held and nothing is SQLite's or PostgreSQL's own.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>This process, as it appears in leases and import claims: machine, process id and a random part.</summary>
    public static string Instance { get; } =
        $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";

    public Task<bool> TryTakeAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default) =>
        TryTakeAsync(name, Instance, lease, cancellationToken);

    /// <summary>
    /// Takes (or extends) the lease on <paramref name="name"/> for <paramref name="holder"/> until now plus
    /// <paramref name="lease"/>; false while another holder's lease lasts.
    /// </summary>
    public async Task<bool> TryTakeAsync(string name, string holder, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lease;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.ExpiresAt <= now || l.Holder == holder))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Holder, holder).SetProperty(x => x.ExpiresAt, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }
        if (await db.JobLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }
        db.JobLeases.Add(new JobLease { Name = name, Holder = holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another instance inserted the first row at the same moment
        }
    }

    /// <summary>Gives the lease up early (only when <paramref name="holder"/> still holds it).</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        await db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, now), cancellationToken);
    }
}
