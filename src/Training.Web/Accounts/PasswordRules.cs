using Microsoft.AspNetCore.Identity;
using Training.Web.Data;

namespace Training.Web.Accounts;

/// <summary>
/// OWASP ASVS 5.0 password rules: at least 12 characters, at most 128, no composition rules, and no password from
/// the list of common ones (checked case-insensitively, also as one character or a short pattern repeated).
/// </summary>
public sealed class PasswordRules : IPasswordValidator<User>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        password ??= "";
        if (password.Length > MaximumLength)
        {
            return Task.FromResult(Failed("PasswordTooLong", $"Lösenordet får vara högst {MaximumLength} tecken."));
        }
        if (IsCommon(password, user))
        {
            return Task.FromResult(Failed("PasswordTooCommon", "Lösenordet är för vanligt eller för lätt att gissa. Välj en längre fras som bara du känner till."));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password, User? user = null)
    {
        var lowered = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(lowered) || IsRepetition(lowered))
        {
            return true;
        }
        var local = user?.Email?.Split('@')[0].ToLowerInvariant();
        return local is { Length: >= 4 } && lowered.Contains(local, StringComparison.Ordinal) && lowered.Length - local.Length < 6;
    }

    /// <summary>"aaaaaaaaaaaa", "abcabcabcabc", "121212121212": a short unit repeated.</summary>
    private static bool IsRepetition(string password)
    {
        for (var unit = 1; unit <= 4 && unit < password.Length; unit++)
        {
            var repeated = true;
            for (var i = unit; i < password.Length && repeated; i++)
            {
                repeated = password[i] == password[i % unit];
            }
            if (repeated)
            {
                return true;
            }
        }
        return false;
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Training.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("Listan över vanliga lösenord saknas i assemblyn.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }
        return set;
    }

    private static IdentityResult Failed(string code, string description) => IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
