using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Commands;
using Training.Web.Data;

namespace Training.Web.Tests.Commands;

[Collection(EnvironmentCollection.Name)]
public sealed partial class SeedCommandsTests : IDisposable
{
    private const string Password = "en-lang-demo-fras-2026";

    private readonly TempFolder folder = new();
    private readonly EnvironmentVariables environment;

    public SeedCommandsTests()
    {
        environment = new EnvironmentVariables(new Dictionary<string, string>
        {
            ["ConnectionStrings__Training"] = $"Data Source={Path.Combine(folder.Path, "t.db")}",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Content__Path"] = RepositoryPaths.Content,
        });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        environment.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task SeedDemo_CreatesTheFixedAccountsAndEmployees_AndASecondRunAddsNothing()
    {
        var (exit, output, _) = await RunAsync("seed", "demo", "--employees", "300", "--password", Password);

        Assert.Equal(0, exit);
        var first = await WithDbAsync(async db => new
        {
            Users = await db.Users.CountAsync(),
            UserRoles = await db.UserRoles.CountAsync(),
            Employees = await db.Users.Where(u => u.EmployeeNumber!.StartsWith("D0")).ToListAsync(),
            Fixed = await db.Users.Where(u => u.Email!.EndsWith(".example") && u.EmployeeNumber!.StartsWith("DEMO")).CountAsync(),
            LearnerRoleId = await db.Roles.Where(r => r.Name == Roles.Learner).Select(r => r.Id).SingleAsync(),
            Units = await db.Units.ToDictionaryAsync(u => u.Id, u => u.AgencyId),
            JobRoles = await db.JobRoles.ToDictionaryAsync(r => r.Id, r => r.AgencyId),
            Learners = (await db.UserRoles.Select(r => r.UserId + "/" + r.RoleId).ToListAsync()).ToHashSet(),
        });
        Assert.Equal(6, first.Fixed);
        Assert.Equal(300, first.Employees.Count);
        Assert.Equal(306, first.Users);
        Assert.All(first.Employees, employee =>
        {
            Assert.NotEqual(0, employee.AgencyId);
            Assert.True(employee.UnitId is null || first.Units[employee.UnitId.Value] == employee.AgencyId);
            Assert.NotNull(employee.JobRoleId);
            Assert.Equal(employee.AgencyId, first.JobRoles[employee.JobRoleId!.Value]);
            Assert.Contains($"{employee.Id}/{first.LearnerRoleId}", first.Learners);
            Assert.Null(employee.PasswordHash);
            Assert.True(employee.EmailConfirmed);
            Assert.Equal(employee.Email!.ToUpperInvariant(), employee.NormalizedEmail);
            Assert.Matches(@"^[a-z]+\.[a-z]+\.\d{6}@[a-z.]+$", employee.Email);
            Assert.DoesNotContain(employee.Email, output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(employee.Name, output, StringComparison.Ordinal);
            // someone who left has the day they left, as an account switched off by HR or an import has
            Assert.Equal(employee.IsActive, employee.DeactivatedAt is null);
            if (employee.DeactivatedAt is { } left)
            {
                Assert.InRange(DateOnly.FromDateTime(left), employee.StartDate!.Value, DateOnly.FromDateTime(DateTime.UtcNow));
            }
        });
        Assert.Contains(first.Employees, e => !e.IsActive);
        Assert.True(first.Employees.Count(e => e.Email!.EndsWith("@polisen.example", StringComparison.Ordinal)) > 120);
        // made-up people never get a real address: every agency's demo people are in its own .example domain
        var agencyCodes = await WithDbAsync(db => db.Agencies.ToDictionaryAsync(a => a.Id, a => a.Code));
        Assert.True(agencyCodes.Count > 2);
        Assert.All(first.Employees, e => Assert.EndsWith($"@{agencyCodes[e.AgencyId]}.example", e.Email, StringComparison.Ordinal));
        Assert.True(first.Employees.Select(e => e.AgencyId).Distinct().Count() > 2, "demo people in the partner agencies too");

        var (again, _, _) = await RunAsync("seed", "demo", "--employees", "300", "--password", Password);

        Assert.Equal(0, again);
        Assert.Equal((first.Users, first.UserRoles), await WithDbAsync(async db => (await db.Users.CountAsync(), await db.UserRoles.CountAsync())));
    }

    [Fact]
    public async Task SeedDemo_WithALargerCount_AddsOnlyTheMissingEmployees()
    {
        await RunAsync("seed", "demo", "--employees", "100", "--password", Password);
        var before = await WithDbAsync(db => db.Users.Where(u => u.EmployeeNumber!.StartsWith("D0")).ToDictionaryAsync(u => u.EmployeeNumber!, u => u.Id));

        var (exit, output, _) = await RunAsync("seed", "demo", "--employees", "250", "--password", Password);

        Assert.Equal(0, exit);
        Assert.Contains("150 demoanställda tillagda, 100 fanns redan", output, StringComparison.Ordinal);
        var after = await WithDbAsync(db => db.Users.Where(u => u.EmployeeNumber!.StartsWith("D0")).ToDictionaryAsync(u => u.EmployeeNumber!, u => u.Id));
        Assert.Equal(250, after.Count);
        Assert.All(before, employee => Assert.Equal(employee.Value, after[employee.Key]));
    }

    [Fact]
    public async Task FixedAccount_CanSignInWithThePassword_AndEmployeesCannot()
    {
        await RunAsync("seed", "demo", "--employees", "10", "--password", Password);

        await using var app = TrainingApp.Build([]);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<User>>();
        var hr = await users.FindByEmailAsync("hr@aklagare.example");
        Assert.NotNull(hr);
        Assert.True((await signIn.CheckPasswordSignInAsync(hr, Password, lockoutOnFailure: false)).Succeeded);
        Assert.True(await users.IsInRoleAsync(hr, Roles.Hr));
        var employee = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Users.FirstAsync(u => u.EmployeeNumber == "D000001");
        Assert.False((await signIn.CheckPasswordSignInAsync(employee, Password, lockoutOnFailure: false)).Succeeded);
    }

    [Fact]
    public async Task SeedDemo_WithoutPassword_PrintsGeneratedPasswordsOnce_AndPasswordResetsThem()
    {
        var (_, created, _) = await RunAsync("seed", "demo", "--employees", "0");
        var generated = PrintedPassword().Match(created.Split('\n').Single(l => l.Contains("admin@polisen.example", StringComparison.Ordinal)));
        Assert.True(generated.Success, created);
        Assert.True(generated.Groups[1].Value.Length >= 20);

        var (_, existing, _) = await RunAsync("seed", "demo", "--employees", "0");
        Assert.DoesNotContain(generated.Groups[1].Value, existing, StringComparison.Ordinal);
        Assert.Contains("finns redan, lösenordet är oförändrat", existing, StringComparison.Ordinal);
        Assert.True(await CanSignInAsync("admin@polisen.example", generated.Groups[1].Value));

        var (exit, reset, _) = await RunAsync("seed", "demo", "--employees", "0", "--password", Password);
        Assert.Equal(0, exit);
        Assert.Contains($"lösenordet är nu: {Password}", reset, StringComparison.Ordinal);
        Assert.True(await CanSignInAsync("admin@polisen.example", Password));
        Assert.False(await CanSignInAsync("admin@polisen.example", generated.Groups[1].Value));
    }

    [Theory]
    [InlineData("--employees", "abc")]
    [InlineData("--employees", "-5")]
    [InlineData("--password", "för-kort")]
    [InlineData("--okänd", "1")]
    public async Task SeedDemo_WithBadArguments_ExitsTwo_WithASwedishMessage(string option, string value)
    {
        var (exit, output, error) = await RunAsync("seed", "demo", option, value);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("Användning: seed demo", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, "t.db")));
    }

    [Fact]
    public async Task DevelopmentSeed_KeepsTheGeneratedPasswordsInAFile_AndPrintsThemAtEveryStart()
    {
        var accountsFile = Path.Combine(folder.Path, "data", "demo-accounts.txt");

        var first = await RunDevelopmentSeedAsync(accountsFile);
        var second = await RunDevelopmentSeedAsync(accountsFile);

        Assert.Contains($"lösenorden finns i {accountsFile}", first, StringComparison.Ordinal);
        Assert.Contains("200 demoanställda tillagda", first, StringComparison.Ordinal);
        Assert.DoesNotContain("demoanställda tillagda", second, StringComparison.Ordinal);
        var stored = File.ReadAllLines(accountsFile).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        Assert.Equal(6, stored.Count);
        Assert.All(stored, account =>
        {
            Assert.Contains(account[2], first, StringComparison.Ordinal);
            Assert.Contains(account[2], second, StringComparison.Ordinal);
        });
        Assert.True(await CanSignInAsync(stored[0][0], stored[0][2]));
        Assert.Equal(206, await WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task SeedDemo_GivesTheEmployeesGradedAttemptsAndCompletionsOverThePastTwoAndAHalfYears_SomeExpired_AndARerunAddsNone()
    {
        await RunAsync("seed", "demo", "--employees", "200", "--password", Password);
        var now = DateTime.UtcNow;

        var completions = await WithDbAsync(db => db.Completions.AsNoTracking().ToListAsync());
        var attempts = await WithDbAsync(db => db.QuizAttempts.AsNoTracking().ToListAsync());
        var (_, again, _) = await RunAsync("seed", "demo", "--employees", "200", "--password", Password);

        Assert.InRange(completions.Count, 200, 200 * 9);
        Assert.Contains(completions, c => c.ExpiresAt < now);
        Assert.Contains(completions, c => c.ExpiresAt > now);
        Assert.All(completions, c => Assert.InRange(c.CompletedAt, now.AddMonths(-31), now));
        Assert.All(completions, c => Assert.InRange(c.ScorePercent ?? 0, 80, 100));
        var fixedIds = await WithDbAsync(db => db.Users.Where(u => u.EmployeeNumber!.StartsWith("DEMO")).Select(u => u.Id).ToListAsync());
        Assert.DoesNotContain(completions, c => fixedIds.Contains(c.UserId));
        Assert.Equal(completions.Count, await WithDbAsync(db => db.Completions.CountAsync()));
        Assert.Equal(attempts.Count, await WithDbAsync(db => db.QuizAttempts.CountAsync()));
        Assert.Contains("0 demogenomföranden och 0 provförsök tillagda", again, StringComparison.Ordinal);

        // every completion rests on its passed attempt, graded as the grader grades it; some people failed first
        var byId = attempts.ToDictionary(a => a.Id);
        Assert.All(completions, c =>
        {
            var attempt = byId[c.AttemptId!];
            Assert.True(attempt.Passed);
            Assert.Equal(c.ScorePercent, attempt.ScorePercent);
            Assert.Equal(c.CompletedAt, attempt.SubmittedAt);
            var graded = Core.Quiz.QuizGrader.Grade(Core.Quiz.DrawnQuiz.FromJson(attempt.DrawnJson),
                System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, Core.Quiz.QuestionResponse>>(attempt.ResponsesJson!, Web.Content.ContentImporter.Json)!);
            Assert.Equal(attempt.ScorePercent, graded.ScorePercent);
        });
        var failed = attempts.Where(a => a.Passed == false).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, a => Assert.InRange(a.ScorePercent ?? 100, 0, 79));
        Assert.Contains(failed, a => !completions.Any(c => c.UserId == a.UserId && c.ModuleVersionId == a.ModuleVersionId));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Verbs.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<string> RunDevelopmentSeedAsync(string accountsFile)
    {
        await using var app = TrainingApp.Build([]);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TrainingDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        await DatabaseSetup.SeedAsync(db, services.GetRequiredService<RoleManager<IdentityRole>>(),
            DatabaseSetup.ReadAgencies(RepositoryPaths.Content), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        using var output = new StringWriter();
        await DemoSeed.RunForDevelopmentAsync(services, output, accountsFile, CancellationToken.None);
        return output.ToString();
    }

    private static async Task<bool> CanSignInAsync(string email, string password)
    {
        await using var app = TrainingApp.Build([]);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        return await users.FindByEmailAsync(email) is { } user && await users.CheckPasswordAsync(user, password);
    }

    private static async Task<T> WithDbAsync<T>(Func<TrainingDbContext, Task<T>> query)
    {
        await using var app = TrainingApp.Build([]);
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<TrainingDbContext>());
    }

    [GeneratedRegex("skapat, lösenord: (\\S+)")]
    private static partial Regex PrintedPassword();
}
