using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Training.Web.Data;

namespace Training.Web.Accounts;

/// <summary>
/// Keeps sign-in tickets in the database; the cookie holds only a random session key. Ending a session deletes
/// its row, so the cookie stops working at once. Tickets are cached in memory for a short while to keep a
/// page view free of database reads; another instance of the site that read the session just before may accept it
/// until its cache expires: at most <see cref="CacheFor"/> (30 s) after the removal, the bound the README states.
/// </summary>
public sealed class DbTicketStore(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider clock) : ITicketStore
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(10);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        db.AuthSessions.Add(new AuthSession
        {
            KeyHash = Hash(key),
            UserId = ticket.Principal.UserIdOf(),
            Ticket = TicketSerializer.Default.Serialize(ticket),
            ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + DefaultLifetime,
            CreatedAt = now,
        });
        await db.SaveChangesAsync();
        cache.Set(Hash(key), ticket, CacheFor);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var hash = Hash(key);
        await db.AuthSessions.Where(s => s.KeyHash == hash).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Ticket, TicketSerializer.Default.Serialize(ticket))
            .SetProperty(x => x.ExpiresAt, ticket.Properties.ExpiresUtc.HasValue ? ticket.Properties.ExpiresUtc.Value.UtcDateTime : clock.GetUtcNow().UtcDateTime + DefaultLifetime));
        cache.Set(hash, ticket, CacheFor);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var hash = Hash(key);
        if (cache.TryGetValue(hash, out AuthenticationTicket? cached))
        {
            return CachedTicketFormat.Copy(cached!);
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var session = await db.AuthSessions.AsNoTracking().FirstOrDefaultAsync(s => s.KeyHash == hash && s.ExpiresAt > now);
        if (session is null)
        {
            return null;
        }
        var ticket = TicketSerializer.Default.Deserialize(session.Ticket);
        if (ticket is null)
        {
            return null;
        }
        cache.Set(hash, ticket, CacheFor);
        return CachedTicketFormat.Copy(ticket);
    }

    public async Task RemoveAsync(string key)
    {
        var hash = Hash(key);
        cache.Remove(hash);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        await db.AuthSessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync();
    }

    /// <summary>Ends every session of a person (deactivation, password change or reset).</summary>
    public async Task RemoveAllAsync(TrainingDbContext db, string userId)
    {
        var hashes = await db.AuthSessions.Where(s => s.UserId == userId).Select(s => s.KeyHash).ToListAsync();
        foreach (var hash in hashes)
        {
            cache.Remove(hash);
        }
        await db.AuthSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));
}
