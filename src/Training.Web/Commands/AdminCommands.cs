using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Training.Core.Agencies;
using Training.Web.Data;

namespace Training.Web.Commands;

public static class AdminCommands
{
    /// <summary>
    /// <c>admin create &lt;email&gt; [--agency code]</c>: an administrator with a one-time password that must be changed
    /// at the first sign-in. The agency follows from the address's domain unless named.
    /// </summary>
    public static async Task<int> CreateAsync(string[] args, TextWriter output, TextWriter error)
    {
        var email = args.FirstOrDefault(a => !a.StartsWith('-'));
        var agencyIndex = Array.IndexOf(args, "--agency");
        var agencyCode = agencyIndex >= 0 && agencyIndex + 1 < args.Length ? args[agencyIndex + 1] : null;
        if (email is null || EmailDomains.DomainOf(email) is not { } domain || (agencyIndex >= 0 && agencyCode is null))
        {
            await error.WriteLineAsync("Användning: admin create <e-postadress> [--agency <kod>]");
            return 2;
        }

        await using var app = TrainingApp.Build([]);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TrainingDbContext>();
        await DatabaseSetup.PrepareAsync(services);

        var agency = agencyCode is not null
            ? await db.Agencies.FirstOrDefaultAsync(a => a.Code == agencyCode)
            : await db.AgencyDomains.Where(d => d.Domain == domain).Select(d => db.Agencies.First(a => a.Id == d.AgencyId)).FirstOrDefaultAsync();
        if (agency is null)
        {
            await error.WriteLineAsync(agencyCode is not null
                ? $"Myndigheten '{agencyCode}' finns inte."
                : $"Ingen myndighet har domänen '{domain}'. Ange myndigheten med --agency <kod>.");
            return 1;
        }
        var users = services.GetRequiredService<UserManager<User>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await error.WriteLineAsync($"Det finns redan ett konto för {email}.");
            return 1;
        }
        var password = OneTimePassword();
        var user = new User
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Name = Pages.Account.RegisterModel.NameFromAddress(email),
            AgencyId = agency.Id,
            MustChangePassword = true,
            CreatedAt = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await error.WriteLineAsync(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)));
            return 1;
        }
        await users.AddToRolesAsync(user, [Roles.Learner, Roles.Admin]);
        await output.WriteLineAsync($"Administratören {email} är skapad ({agency.Name}).");
        await output.WriteLineAsync($"Engångslösenord: {password}");
        await output.WriteLineAsync("Lösenordet visas bara nu och måste bytas vid första inloggningen.");
        return 0;
    }

    /// <summary>24 characters from an alphabet without look-alikes (no 0/O, 1/l/I).</summary>
    private static string OneTimePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(24, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
