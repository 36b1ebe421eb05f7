using Microsoft.AspNetCore.Identity;
using Training.Web.Data;

namespace Training.Web.Accounts;

/// <summary>
/// The cost of one password check where no real check is made (an unknown address, an account that may not sign in or
/// is locked), so that how long the answer takes does not tell which it was.
/// </summary>
public static class DecoyPassword
{
    private static readonly User Nobody = new() { Name = "" };
    private static string? decoyHash;

    /// <summary>Verifies <paramref name="password"/> against the person's hash, or a decoy hash of the same cost when they have none.</summary>
    public static void VerifyAnyway(this UserManager<User> users, User? user, string password)
    {
        // made by the site's own hasher, so it has the same PBKDF2 cost as stored hashes
        var hash = user?.PasswordHash ?? (decoyHash ??= users.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString()));
        users.PasswordHasher.VerifyHashedPassword(user ?? Nobody, hash, password);
    }
}
