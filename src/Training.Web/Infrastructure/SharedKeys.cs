using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Training.Web.Data;

namespace Training.Web.Infrastructure;

/// <summary>
/// The data-protection keys that sign and encrypt the session cookie, the antiforgery tokens and Identity's e-mail
/// tokens live in the database (table <c>DataProtectionKeys</c>) under one application name, so that what one instance of
/// the site issued another accepts, and a restart or a new machine does not sign everyone out.
/// <para>
/// The keys are stored as they are: whoever can read the database (or a backup of it) can read them, and with them
/// forge a session cookie for any session still in the database. Guard the database and its backups accordingly.
/// </para>
/// </summary>
public static class SharedKeys
{
    public const string ApplicationName = "Training";

    private const string FirstKeyLease = "data-protection-first-key";

    public static void AddSharedKeys(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<TrainingDbContext>();
        // Data protection reads the key ring as the host starts, before StartupWork has migrated a new database, and logs
        // an error when the table is not there yet. StartupWork reads the keys itself once the table is there
        // (EnsureFirstKeyAsync); the ring is then loaded at its first use, which the readiness gate holds back until then.
        // (Each AddDataProtection, which antiforgery and Identity call too, adds it again: call this after them.)
        foreach (var eager in services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList())
        {
            services.Remove(eager);
        }
    }

    /// <summary>
    /// Makes the first key of an empty database under a lease. Two instances starting at once on a new database would
    /// otherwise each make a key of their own, and for a while refuse the cookies the other one issued.
    /// </summary>
    public static async Task EnsureFirstKeyAsync(IKeyManager keys, JobLeases leases, CancellationToken cancellationToken)
    {
        var waitedUntil = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            // the key ring reads the system clock, whatever clock the site runs on
            var now = DateTimeOffset.UtcNow;
            if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
            {
                return;
            }
            if (await leases.TryTakeAsync(FirstKeyLease, TimeSpan.FromMinutes(1), cancellationToken))
            {
                keys.CreateNewKey(now, now.AddDays(90));
                return;
            }
            if (DateTime.UtcNow > waitedUntil)
            {
                return; // the key ring makes a key itself when it needs one
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
