using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Commands;

public static class SeedCommands
{
    private const string DemoUsage = "Användning: seed demo [--employees N] [--password P]";

    /// <summary>
    /// <c>seed demo [--employees N] [--password P]</c>: the fixed demo accounts and N made-up employees (default 200).
    /// Prints each fixed account's password when it was set in this run; never prints the employees' personal data.
    /// Exit 2 for bad arguments.
    /// </summary>
    public static async Task<int> DemoAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (employees, password, problem) = ParseDemo(args);
        if (problem is not null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(DemoUsage);
            return 2;
        }

        await using var app = TrainingApp.Build([]);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TrainingDbContext>();
        var configuration = services.GetRequiredService<IConfiguration>();
        await DatabaseSetup.MigrateAsync(db);
        await DatabaseSetup.SeedAsync(db, services.GetRequiredService<RoleManager<IdentityRole>>(),
            DatabaseSetup.ReadAgencies(TrainingApp.ContentPath(configuration)),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SeedCommands).FullName!));

        if (password is not null && await DemoSeed.PasswordProblemsAsync(services.GetRequiredService<UserManager<User>>(), password) is { Count: > 0 } problems)
        {
            await error.WriteLineAsync($"Lösenordet duger inte: {string.Join(" ", problems)}");
            return 2;
        }

        try
        {
            await DemoSeed.AddExampleDomainsAsync(db);
            var accounts = await DemoSeed.SeedAccountsAsync(services, password);
            await output.WriteLineAsync("Demokonton:");
            foreach (var result in accounts)
            {
                await output.WriteLineAsync($"  {result.Account.Email,-26} {string.Join('+', result.Account.Roles),-16} {Describe(result)}");
            }
            await DemoSeed.SeedRequirementsAsync(services, output);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Lägger till upp till {employees} demoanställda …"));
            var added = await DemoSeed.SeedEmployeesAsync(services, employees, output);
            await output.WriteLineAsync(DemoSeed.EmployeesSummary(added));
            await DemoSeed.SeedCompletionsAsync(services, output);
            return 0;
        }
        catch (InvalidOperationException e)
        {
            await error.WriteLineAsync($"Fel: {e.Message}");
            return 1;
        }
    }

    private static string Describe(DemoAccountResult result) => result.Outcome switch
    {
        DemoAccountOutcome.Created => $"skapat, lösenord: {result.Password}",
        DemoAccountOutcome.PasswordReset => $"fanns, lösenordet är nu: {result.Password}",
        DemoAccountOutcome.Existed => "finns redan, lösenordet är oförändrat",
        _ => $"myndigheten {result.Account.AgencyCode} finns inte, kontot skapades inte",
    };

    private static (int Employees, string? Password, string? Problem) ParseDemo(string[] args)
    {
        var employees = DemoSeed.DefaultEmployees;
        string? password = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal)
                ? (n, v)
                : (args[i], i + 1 < args.Length ? args[++i] : null);
            switch (name)
            {
                case "--employees":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out employees) || employees > DemoSeed.MaximumEmployees)
                    {
                        return (0, null, string.Create(CultureInfo.InvariantCulture,
                            $"--employees ska vara ett heltal från 0 till {DemoSeed.MaximumEmployees}, inte '{value}'."));
                    }
                    break;
                case "--password":
                    if (value is null || value.Length < PasswordRules.MinimumLength)
                    {
                        return (0, null, $"--password ska vara minst {PasswordRules.MinimumLength} tecken långt.");
                    }
                    password = value;
                    break;
                default:
                    return (0, null, $"Okänt argument: {name}");
            }
        }
        return (employees, password, null);
    }
}
