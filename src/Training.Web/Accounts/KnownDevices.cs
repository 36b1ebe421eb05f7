using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Training.Web.Data;

namespace Training.Web.Accounts;

/// <summary>
/// Browsers that have signed in to an account, so that its lockout cannot be turned against its owner.
/// </summary>
/// <remarks>
/// Five wrong passwords or codes lock an account for 15 minutes; with that alone, anyone who knows a colleague's
/// address locks them out with five requests. So a browser that signs in successfully gets a cookie for that account
/// (signed and encrypted with Data Protection, 30 days, renewed at each sign-in), and the lockout does not apply to
/// it: the owner keeps signing in from their own browser while guesses from elsewhere stay locked out. The cookie is
/// no key: the password (and the code) are asked as always. A wrong password or code in a known browser counts toward
/// the account's lockout like any other, and also against that browser: after five within 15 minutes the browser is
/// treated as unknown until they lapse, so a copied cookie buys no unlimited guessing. Those counts are kept in memory;
/// a restart forgets them, which gives a thief at most five more guesses per restart.
/// </remarks>
public sealed class KnownDevices(IDataProtectionProvider protection, IMemoryCache failures, TimeProvider clock, IHostEnvironment environment)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    public const int FailuresAllowed = 5;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    private const string CookiePrefix = "training.enhet.";

    private readonly IDataProtector protector = protection.CreateProtector("Training.KnownDevice.v1");

    /// <summary>Known to this account and not over its own failures: the account's lockout does not apply here.</summary>
    public bool IsTrusted(HttpContext context, User user) => DeviceOf(context, user) is { } device && FailuresOf(device) < FailuresAllowed;

    /// <summary>A wrong password or code in this browser: counted against it when it is known to the account.</summary>
    public void RecordFailure(HttpContext context, User user)
    {
        if (DeviceOf(context, user) is not { } device)
        {
            return;
        }
        var count = failures.GetOrCreate(FailureKey(device), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = FailureWindow;
            return new StrongBox<int>();
        })!;
        Interlocked.Increment(ref count.Value);
    }

    /// <summary>After a successful sign-in: this browser is (still) known to the account for another 30 days.</summary>
    public void Remember(HttpContext context, User user)
    {
        var device = DeviceOf(context, user);
        if (device is not null)
        {
            failures.Remove(FailureKey(device));
        }
        device ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var issued = clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture);
        context.Response.Cookies.Append(CookieName(user), protector.Protect($"{user.Id}|{device}|{issued}"), new CookieOptions
        {
            HttpOnly = true,
            Secure = !environment.IsDevelopment() || context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/konto", // sign-in and the account pages that ask for the password again
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    private string? DeviceOf(HttpContext context, User user)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName(user), out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            var parts = protector.Unprotect(value).Split('|');
            return parts.Length == 3 && parts[0] == user.Id
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
                && clock.GetUtcNow().UtcTicks - issued is var age && age >= 0 && age < Lifetime.Ticks
                ? parts[1]
                : null;
        }
        catch (CryptographicException)
        {
            return null; // altered, or from before the keys changed
        }
    }

    private int FailuresOf(string device) => failures.TryGetValue(FailureKey(device), out StrongBox<int>? count) ? Volatile.Read(ref count!.Value) : 0;

    private static string FailureKey(string device) => "known-device-failures:" + device;

    /// <summary>One cookie per account, named by a hash of its id so the name does not show who it is.</summary>
    private static string CookieName(User user) => CookiePrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id)))[..16].ToLowerInvariant();
}
