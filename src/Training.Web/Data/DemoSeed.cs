using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Training.Core.Quiz;
using Training.Web.Content;
using Training.Web.Learning;

namespace Training.Web.Data;

/// <summary>A fixed demo account: a known address per role, so people trying the site and the benchmarks can sign in.</summary>
public sealed record DemoAccount(string Email, string Name, string AgencyCode, IReadOnlyList<string> Roles, string EmployeeNumber, string UnitName, string JobRoleCode);

public enum DemoAccountOutcome
{
    Created,
    PasswordReset,
    Existed,
    AgencyMissing,
}

/// <summary>What happened to one fixed account; <see cref="Password"/> is set only when it was created or reset in this run.</summary>
public sealed record DemoAccountResult(DemoAccount Account, DemoAccountOutcome Outcome, string? Password);

public sealed record DemoEmployeesResult(int Added, int Existing, TimeSpan Elapsed);

/// <summary>
/// Demo data for trying and benchmarking the site (design §6, <c>seed demo</c>): the fixed demo accounts, created through
/// Identity so their passwords are hashed properly, and made-up employees inserted in batches without any password, so
/// that 40 000 take seconds instead of the hours that hashing each would take. The employees and their quiz records go
/// in through <see cref="BulkInsert"/>, many rows a statement, not SaveChanges. Running it again adds nothing twice.
/// </summary>
public static class DemoSeed
{
    public const int DefaultEmployees = 200;
    public const int MaximumEmployees = 999_999; // employee numbers are D + six digits

    /// <summary>Whether a start adds the small demo; on by default in Development only.</summary>
    public const string OnStartSetting = "Demo:SeedOnStart";

    private const int BatchSize = 2_500;
    private const int ProgressEvery = 5_000;
    private const int NameSeed = 20_261_128;

    /// <summary>
    /// Every agency gets an <c>.example</c> domain (RFC 2606) for its demo people, e.g. <c>polisen.example</c>, so a demo
    /// address can never reach a real mailbox, whatever reset or invitation is sent once SMTP is set.
    /// </summary>
    public static string ExampleDomain(string agencyCode) => $"{agencyCode}.example";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("learner@polisen.example", "Lova Lärling", "polisen", [Roles.Learner], "DEMO01", "Region Stockholm", "polis-yttre-tjanst"),
        new("trainer@polisen.example", "Tage Tränare", "polisen", [Roles.Learner, Roles.Trainer], "DEMO02", "Nationella operativa avdelningen (Noa)", "utredare"),
        new("hr@polisen.example", "Hedda Personalsdotter", "polisen", [Roles.Learner, Roles.Hr], "DEMO03", "Region Stockholm", "civilanstalld"),
        new("admin@polisen.example", "Alvar Administratör", "polisen", [Roles.Learner, Roles.Admin], "DEMO04", "Nationella operativa avdelningen (Noa)", "civilanstalld"),
        new("learner@aklagare.example", "Åke Lärling", "aklagare", [Roles.Learner], "DEMO05", "Åklagarområde Stockholm", "aklagare"),
        new("hr@aklagare.example", "Hilma Personalsdotter", "aklagare", [Roles.Learner, Roles.Hr], "DEMO06", "Åklagarområde Stockholm", "aklagarassistent"),
    ];

    /// <summary>Share of the generated employees per agency code; the rest is spread evenly over the other agencies.</summary>
    private static readonly Dictionary<string, double> AgencyShares = new() { ["polisen"] = 0.55, ["aklagare"] = 0.25 };

    private static readonly string[] FirstNames =
    [
        "Agnes", "Ahmed", "Aili", "Alva", "Amina", "Anders", "Anna", "Anton", "Astrid", "Axel", "Åsa", "Björn", "Cecilia", "Daniel",
        "Ebba", "Elias", "Elin", "Elsa", "Emil", "Emma", "Erik", "Eva", "Fatima", "Filip", "Frida", "Fredrik", "Göran", "Gustav",
        "Hanna", "Hugo", "Håkan", "Ida", "Ingrid", "Johan", "Johanna", "Jonas", "Jörgen", "Karin", "Karl", "Klara", "Kristina",
        "Lars", "Leila", "Lena", "Linnea", "Maja", "Malin", "Maria", "Mats", "Matilda", "Mikael", "Mirja", "Niklas", "Noor",
        "Olle", "Oskar", "Per", "Peter", "Saga", "Sami", "Sara", "Selma", "Sofia", "Stefan", "Sven", "Tomas", "Tove", "Viktor",
        "Yasmin", "Ylva", "Zeynep", "René",
    ];

    private static readonly string[] LastNames =
    [
        "Andersson", "Arvidsson", "Axelsson", "Bengtsson", "Berg", "Bergkvist", "Berglund", "Bergström", "Björk", "Blomqvist",
        "Claesson", "Dahl", "Danielsson", "Ek", "Eklund", "Engström", "Eriksson", "Forsberg", "Fransson", "Fredriksson",
        "Gunnarsson", "Gustafsson", "Hansson", "Hedlund", "Henriksson", "Holm", "Holmberg", "Håkansson", "Isaksson", "Jakobsson",
        "Jansson", "Johansson", "Jonsson", "Jönsson", "Karlsson", "Larsson", "Lind", "Lindberg", "Lindgren", "Lindqvist",
        "Lindström", "Lundberg", "Lundgren", "Lundin", "Löfgren", "Magnusson", "Mattsson", "Mårtensson", "Nilsson", "Nordström",
        "Nyberg", "Nyström", "Olofsson", "Olsson", "Persson", "Pettersson", "Samuelsson", "Sandberg", "Sjöberg", "Strand",
        "Sundberg", "Svensson", "Söderberg", "Wallin", "Wikström", "Åberg", "Öberg", "Yilmaz", "Hosseini", "Nguyen", "Kaya",
    ];

    private static readonly string[] PasswordWords =
    [
        "ankare", "bastu", "berg", "blixt", "bro", "dimma", "ekorre", "flod", "fyrtorn", "gran", "gryning", "hage", "hallon",
        "havre", "hjortron", "holme", "kaffe", "kanel", "kanot", "karta", "kompass", "kvarn", "lada", "lavin", "lingon", "lykta",
        "moln", "mossa", "myr", "nypon", "ostron", "paddel", "pinne", "regn", "ripa", "sadel", "segel", "sill", "skog", "sommar",
        "sten", "strand", "stuga", "tall", "tistel", "torn", "uggla", "vallmo", "vante", "varg", "vass", "vik", "vind", "vinter",
        "rabarber", "igelkott", "kantarell", "snigel", "fjallripa", "kastanj", "labyrint", "mandel", "nejlika", "palt",
    ];

    /// <summary>Adds every agency's <c>.example</c> domain where it is free.</summary>
    public static async Task AddExampleDomainsAsync(TrainingDbContext db, CancellationToken cancellationToken = default)
    {
        var taken = await db.AgencyDomains.Select(d => d.Domain).ToListAsync(cancellationToken);
        var agencies = await db.Agencies.ToListAsync(cancellationToken);
        foreach (var agency in agencies.Where(a => !taken.Contains(ExampleDomain(a.Code))))
        {
            db.AgencyDomains.Add(new AgencyDomain { AgencyId = agency.Id, Domain = ExampleDomain(agency.Code) });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Why <paramref name="password"/> cannot be given to the fixed accounts (the site's own password rules), or nothing.</summary>
    public static async Task<IReadOnlyList<string>> PasswordProblemsAsync(UserManager<User> users, string password)
    {
        var problems = new List<string>();
        foreach (var account in Accounts)
        {
            var user = new User { Name = account.Name, Email = account.Email, UserName = account.Email };
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, password);
                problems.AddRange(result.Errors.Select(e => e.Description).Where(d => !problems.Contains(d)));
            }
        }
        return problems;
    }

    /// <summary>
    /// Creates each fixed account that is missing, with <paramref name="password"/> or a generated one. With a password, an
    /// existing account gets it too (and is unlocked and active), so a benchmark can always sign in; without one, an
    /// existing account keeps its password.
    /// </summary>
    public static async Task<IReadOnlyList<DemoAccountResult>> SeedAccountsAsync(IServiceProvider services, string? password, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<TrainingDbContext>();
        var users = services.GetRequiredService<UserManager<User>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var results = new List<DemoAccountResult>();
        foreach (var account in Accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var agency = await db.Agencies.AsNoTracking().Include(a => a.Units).Include(a => a.JobRoles).AsSplitQuery()
                .SingleOrDefaultAsync(a => a.Code == account.AgencyCode, cancellationToken);
            if (agency is null)
            {
                results.Add(new DemoAccountResult(account, DemoAccountOutcome.AgencyMissing, null));
                continue;
            }
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                var chosen = password ?? GeneratePassword();
                user = new User
                {
                    UserName = account.Email,
                    Email = account.Email,
                    EmailConfirmed = true,
                    Name = account.Name,
                    AgencyId = agency.Id,
                    UnitId = (agency.Units.FirstOrDefault(u => u.Name == account.UnitName) ?? agency.Units.MinBy(u => u.Id))?.Id,
                    JobRoleId = (agency.JobRoles.FirstOrDefault(r => r.Code == account.JobRoleCode) ?? agency.JobRoles.MinBy(r => r.Id))?.Id,
                    EmployeeNumber = account.EmployeeNumber,
                    StartDate = DateOnly.FromDateTime(now.UtcDateTime).AddYears(-2),
                    CreatedAt = now.UtcDateTime,
                };
                Check(await users.CreateAsync(user, chosen), account);
                Check(await users.AddToRolesAsync(user, account.Roles), account);
                results.Add(new DemoAccountResult(account, DemoAccountOutcome.Created, chosen));
                continue;
            }
            var missingRoles = account.Roles.Except(await users.GetRolesAsync(user)).ToList();
            if (missingRoles.Count > 0)
            {
                Check(await users.AddToRolesAsync(user, missingRoles), account);
            }
            if (password is null)
            {
                results.Add(new DemoAccountResult(account, DemoAccountOutcome.Existed, null));
                continue;
            }
            user.EmailConfirmed = true;
            user.IsActive = true;
            user.MustChangePassword = false;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            if (user.PasswordHash is null || users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
            {
                Check(await users.RemovePasswordAsync(user), account);
                Check(await users.AddPasswordAsync(user, password), account);
            }
            else
            {
                Check(await users.UpdateAsync(user), account);
            }
            results.Add(new DemoAccountResult(account, DemoAccountOutcome.PasswordReset, password));
        }
        return results;
    }

    /// <summary>
    /// Adds made-up employees 1..<paramref name="count"/> that are not there yet. Employee i always gets number <c>D</c> + i
    /// (six digits), and its agency, name, unit and job role come from a random generator seeded with i, so a rerun finds
    /// the same people and a larger count adds only the missing ones. No password (they cannot sign in), role learner.
    /// Personal data of the employees is never written to <paramref name="output"/>, only counts.
    /// </summary>
    public static async Task<DemoEmployeesResult> SeedEmployeesAsync(IServiceProvider services, int count, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaximumEmployees);
        var started = Stopwatch.GetTimestamp();
        var db = services.GetRequiredService<TrainingDbContext>();
        var normalizer = services.GetRequiredService<ILookupNormalizer>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var agencies = (await db.Agencies.AsNoTracking().AsSplitQuery()
                .Select(a => new
                {
                    a.Id,
                    a.Code,
                    Domains = a.Domains.OrderBy(d => d.Id).Select(d => d.Domain).ToList(),
                    Units = a.Units.OrderBy(u => u.Id).Select(u => u.Id).ToList(),
                    JobRoles = a.JobRoles.OrderBy(r => r.Id).Select(r => r.Id).ToList(),
                })
                .ToListAsync(cancellationToken))
            .OrderBy(a => a.Code, StringComparer.Ordinal)
            .Where(a => a.Domains.Contains(ExampleDomain(a.Code))) // an agency whose .example domain another agency holds gets no demo people
            .Select(a => new EmployeeAgency(a.Id, a.Code, ExampleDomain(a.Code), a.Units, a.JobRoles, 0))
            .ToList();
        if (agencies.Count == 0 || count == 0)
        {
            return new DemoEmployeesResult(0, 0, Stopwatch.GetElapsedTime(started));
        }
        agencies = WithCumulativeShares(agencies);
        var learnerRoleId = await db.Roles.Where(r => r.Name == Roles.Learner).Select(r => r.Id).SingleAsync(cancellationToken);

        // Employee i is skipped when its number exists in any agency, so a changed list of agencies cannot add i twice.
        var existingNumbers = (await db.Users.Where(u => u.EmployeeNumber != null && EF.Functions.Like(u.EmployeeNumber, "D%"))
            .Select(u => u.EmployeeNumber!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var existingEmails = (await db.Users.Where(u => u.NormalizedEmail != null).Select(u => u.NormalizedEmail!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var batch = new List<User>(BatchSize);
        var (added, existing) = (0, 0);
        for (var i = 1; i <= count; i++)
        {
            var number = EmployeeNumber(i);
            if (existingNumbers.Contains(number))
            {
                existing++;
                continue;
            }
            var employee = Employee(i, agencies, today, now, normalizer);
            if (!existingEmails.Add(employee.NormalizedEmail!))
            {
                existing++;
                continue;
            }
            batch.Add(employee);
            if (batch.Count == BatchSize)
            {
                added += await InsertAsync(scopes, batch, learnerRoleId, cancellationToken);
                if (added / ProgressEvery > (added - BatchSize) / ProgressEvery)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {added} demoanställda tillagda …"));
                }
            }
        }
        added += await InsertAsync(scopes, batch, learnerRoleId, cancellationToken);
        return new DemoEmployeesResult(added, existing, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Quiz attempts and completions for the generated employees who have neither: each quiz module with a 50 % chance
    /// of a pass some time in the past 30 months (so some have expired), a fifth of them after one or two failed
    /// attempts the same day, and now and then only a recent failure. The attempts are real: drawn from the module's
    /// pool, answered, and graded by the grader, so their result pages and statistics read as the site's own would.
    /// </summary>
    public static async Task<int> SeedCompletionsAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        var catalogue = services.GetRequiredService<ContentCatalogue>();
        if (catalogue.Modules.Count == 0)
        {
            await services.GetRequiredService<ContentImporter>().ImportAsync(TrainingApp.ContentPath(services.GetRequiredService<IConfiguration>()), cancellationToken);
        }
        var modules = catalogue.Modules.Where(m => m.HasQuiz).ToList();
        var db = services.GetRequiredService<TrainingDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var people = await db.Users.AsNoTracking()
            .Where(u => u.EmployeeNumber != null && EF.Functions.Like(u.EmployeeNumber, "D%")
                && !db.Completions.Any(c => c.UserId == u.Id) && !db.QuizAttempts.Any(a => a.UserId == u.Id))
            .Select(u => new { u.Id, u.AgencyId, u.EmployeeNumber, u.StartDate })
            .ToListAsync(cancellationToken);
        people = people.Where(p => p.EmployeeNumber!.Length == 7 && p.EmployeeNumber.Skip(1).All(char.IsAsciiDigit)).ToList(); // not the fixed DEMO accounts
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var batch = new DemoRecords();
        var (attempts, completions) = (0, 0);
        foreach (var person in people)
        {
#pragma warning disable CA5394 // made-up demo records, reproducible per employee number; nothing secret comes from this
            var random = new Random(int.Parse(person.EmployeeNumber![1..], CultureInfo.InvariantCulture));
            var earliest = person.StartDate is { } start ? start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : now.AddMonths(-30);
            foreach (var module in modules)
            {
                var passes = random.Next(100) < 50;
                var at = passes ? now.AddMinutes(-random.Next(60, 30 * 30 * 24 * 60)) : now.AddMinutes(-random.Next(60, 60 * 24 * 60));
                var failures = random.Next(100) switch { < 15 => 1, < 20 => 2, _ => 0 };
                if (!passes && random.Next(100) >= 8 || at < earliest)
                {
                    continue;
                }
                for (var failure = failures == 0 && !passes ? 1 : failures; failure > 0; failure--)
                {
                    batch.Attempts.Add(DemoSubmission(module, person.Id, person.AgencyId, at.AddHours(-failure * (1 + random.NextDouble())), pass: false, random).Attempt);
                }
                if (passes)
                {
                    var (attempt, submission) = DemoSubmission(module, person.Id, person.AgencyId, at, pass: true, random);
                    batch.Attempts.Add(attempt);
                    if (submission.Completion is { } completion)
                    {
                        batch.Completions.Add(completion);
                    }
                }
#pragma warning restore CA5394
                if (batch.Attempts.Count >= BatchSize)
                {
                    (attempts, completions) = Add((attempts, completions), await InsertAsync(scopes, batch, cancellationToken));
                }
            }
        }
        (attempts, completions) = Add((attempts, completions), await InsertAsync(scopes, batch, cancellationToken));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{completions} demogenomföranden och {attempts} provförsök tillagda för {people.Count} anställda utan tidigare resultat."));
        return completions;

        static (int, int) Add((int Attempts, int Completions) sum, (int Attempts, int Completions) batch) =>
            (sum.Attempts + batch.Attempts, sum.Completions + batch.Completions);
    }

    /// <summary>A requirement of the demo: agency, module or track, job role codes (none for everyone), and due within days.</summary>
    private sealed record DemoRequirement(string AgencyCode, string? ModuleId, string? TrackId, string[] JobRoleCodes, int DueWithinDays);

    private static readonly DemoRequirement[] Requirements =
    [
        new("polisen", null, "grundkurs", [], 180),
        new("polisen", null, "fordjupning", ["utredare", "forundersokningsledare"], 120),
        new("aklagare", null, "grundkurs", [], 180),
        new("aklagare", "utredning-och-lagforing", null, ["aklagare"], 90),
    ];

    /// <summary>
    /// The demo's requirements, for an agency that has never had one: all of grundkurs for everyone at Polismyndigheten
    /// and Åklagarmyndigheten, fördjupning for the police's investigators and preliminary investigation leaders, and
    /// the module on investigation and prosecution for prosecutors. They are dated a year back, so that people who were
    /// already employed are overdue where they have not completed, and the demo shows every status.
    /// </summary>
    public static async Task<int> SeedRequirementsAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<TrainingDbContext>();
        var created = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddYears(-1);
        var added = 0;
        foreach (var byAgency in Requirements.GroupBy(r => r.AgencyCode))
        {
            var agency = await db.Agencies.Include(a => a.JobRoles).FirstOrDefaultAsync(a => a.Code == byAgency.Key, cancellationToken);
            if (agency is null || await db.Requirements.AnyAsync(r => r.AgencyId == agency.Id, cancellationToken))
            {
                continue;
            }
            foreach (var demo in byAgency)
            {
                db.Requirements.Add(new Requirement
                {
                    AgencyId = agency.Id,
                    ModuleId = demo.ModuleId,
                    TrackId = demo.TrackId,
                    JobRoles = [.. agency.JobRoles.Where(j => demo.JobRoleCodes.Contains(j.Code)).Select(j => new RequirementJobRole { JobRoleId = j.Id })],
                    DueWithinDays = demo.DueWithinDays,
                    CreatedAt = created,
                });
                added++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (added > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{added} demokrav på obligatorisk utbildning tillagda."));
        }
        return added;
    }

    /// <summary>
    /// A submitted attempt drawn from the module's pool, answered all right (or one wrong where the pass mark allows) for a
    /// pass and too few right to fail, and recorded as the quiz page records a submission.
    /// </summary>
    private static (QuizAttempt Attempt, QuizSubmission Submission) DemoSubmission(
        CatalogueModule module, string userId, int agencyId, DateTime submittedAt, bool pass, Random random)
    {
        var drawn = QuizDraw.Draw(module.Pool, module.Quiz.Questions, random);
        var questions = drawn.Questions.Count;
        var neededToPass = (int)Math.Ceiling(module.Quiz.PassMark * questions / 100.0);
#pragma warning disable CA5394 // demo data
        var right = pass
            ? questions - (random.Next(100) < 40 && questions - 1 >= neededToPass ? 1 : 0)
            : random.Next(Math.Max(1, neededToPass));
#pragma warning restore CA5394
        var responses = drawn.Questions.Take(right).ToDictionary(q => q.Key, q => q.FullCreditResponse());
        var attempt = new QuizAttempt
        {
            Id = Guid.NewGuid().ToString("N"),
            UserId = userId,
            ModuleVersionId = module.VersionId,
            DrawnJson = drawn.ToJson(),
            StartedAt = submittedAt.AddMinutes(-6 - random.Next(20)),
        };
        var submission = QuizSubmission.Grade(drawn, responses, module.Quiz.PassMark, CompletedVersion.Of(module), userId, agencyId, attempt.Id, submittedAt);
        submission.ApplyTo(attempt, submittedAt);
        return (attempt, submission);
    }

    private sealed class DemoRecords
    {
        public List<QuizAttempt> Attempts { get; } = [];
        public List<Completion> Completions { get; } = [];
    }

    /// <summary>Inserts and empties the batch in one transaction; gives the numbers of attempts and completions inserted.</summary>
    private static async Task<(int Attempts, int Completions)> InsertAsync(IServiceScopeFactory scopes, DemoRecords batch, CancellationToken cancellationToken)
    {
        if (batch.Attempts.Count == 0)
        {
            return (0, 0);
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BulkInsert.InsertAsync(db, batch.Attempts, cancellationToken);
        await BulkInsert.InsertAsync(db, batch.Completions, keysFromDatabase: true, cancellationToken); // none supersedes another
        await transaction.CommitAsync(cancellationToken);
        var inserted = (batch.Attempts.Count, batch.Completions.Count);
        batch.Attempts.Clear();
        batch.Completions.Clear();
        return inserted;
    }

    /// <summary>
    /// The Development first start's small demo: the fixed accounts and <see cref="DefaultEmployees"/> employees. Generated
    /// passwords are kept in <paramref name="accountsFile"/> (see <see cref="AccountsFile"/>) and printed at every
    /// Development start, so a developer always has them at hand. Production never calls this.
    /// </summary>
    public static async Task RunForDevelopmentAsync(IServiceProvider services, TextWriter output, string accountsFile, CancellationToken cancellationToken)
    {
        await AddExampleDomainsAsync(services.GetRequiredService<TrainingDbContext>(), cancellationToken);
        var accounts = await SeedAccountsAsync(services, password: null, cancellationToken);
        var stored = ReadAccountsFile(accountsFile);
        var created = accounts.Where(a => a.Outcome == DemoAccountOutcome.Created).ToList();
        if (created.Count > 0)
        {
            foreach (var account in created)
            {
                stored[account.Account.Email] = account.Password!;
            }
            WriteAccountsFile(accountsFile, stored);
        }
        await SeedRequirementsAsync(services, output, cancellationToken);
        var employees = await SeedEmployeesAsync(services, DefaultEmployees, output, cancellationToken);
        if (employees.Added > 0)
        {
            await output.WriteLineAsync(EmployeesSummary(employees));
            await SeedCompletionsAsync(services, output, cancellationToken);
        }

        await output.WriteLineAsync($"Demokonton (lösenorden finns i {accountsFile}):");
        foreach (var result in accounts)
        {
            var line = result.Outcome == DemoAccountOutcome.AgencyMissing ? "myndigheten saknas, kontot skapades inte"
                : stored.TryGetValue(result.Account.Email, out var password) ? password
                : "finns, men lösenordet finns inte i filen (sätt ett med: seed demo --password <lösenord>)";
            await output.WriteLineAsync($"  {result.Account.Email,-26} {string.Join('+', result.Account.Roles),-16} {line}");
        }
    }

    /// <summary><c>demo-accounts.txt</c> in the data folder, beside the SQLite file (by default data/, which git ignores).</summary>
    public static string AccountsFile(IConfiguration configuration) =>
        Path.Combine(TrainingDatabase.DataFolder(configuration), "demo-accounts.txt");

    public static string EmployeesSummary(DemoEmployeesResult result) =>
        string.Create(TrainingApp.Swedish,
            $"{result.Added} demoanställda tillagda, {result.Existing} fanns redan ({result.Elapsed.TotalSeconds:0.0} s).");

    /// <summary>Four words and four digits from a cryptographic generator, e.g. <c>kanel-moln-vik-segel-4821</c>: long, and easy to type.</summary>
    public static string GeneratePassword()
    {
        var words = new List<string>();
        while (words.Count < 4 || words.Sum(w => w.Length + 1) + 4 < 20)
        {
            var word = PasswordWords[RandomNumberGenerator.GetInt32(PasswordWords.Length)];
            if (!words.Contains(word))
            {
                words.Add(word);
            }
        }
        return string.Join('-', words) + "-" + RandomNumberGenerator.GetInt32(10_000).ToString("D4", CultureInfo.InvariantCulture);
    }

    /// <summary>Lower case ASCII for an address: å→a, ä→a, ö→o, é→e, and anything else not a letter or digit dropped.</summary>
    public static string AsciiFold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    private static string EmployeeNumber(int i) => string.Create(CultureInfo.InvariantCulture, $"D{i:D6}");

    private static List<EmployeeAgency> WithCumulativeShares(List<EmployeeAgency> agencies)
    {
        var others = agencies.Count(a => !AgencyShares.ContainsKey(a.Code));
        var shareOfOthers = others == 0 ? 0 : (1 - AgencyShares.Values.Sum()) / others;
        var shares = agencies.Select(a => AgencyShares.GetValueOrDefault(a.Code, shareOfOthers)).ToList();
        var total = shares.Sum();
        var cumulative = 0.0;
        return agencies.Select((a, index) => a with { CumulativeShare = cumulative += shares[index] / total }).ToList();
    }

    private static User Employee(int i, List<EmployeeAgency> agencies, DateOnly today, DateTime now, ILookupNormalizer normalizer)
    {
#pragma warning disable CA5394 // made-up demo people, reproducible per employee number; nothing secret comes from this
        var random = new Random(unchecked(NameSeed + i * 7_919));
        var pick = random.NextDouble();
        var agency = agencies.FirstOrDefault(a => pick < a.CumulativeShare) ?? agencies[^1];
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        int? unitId = agency.Units.Count > 0 ? agency.Units[random.Next(agency.Units.Count)] : null;
        int? jobRoleId = agency.JobRoles.Count > 0 ? agency.JobRoles[random.Next(agency.JobRoles.Count)] : null;
        var startDate = today.AddDays(-random.Next(6 * 365));
        var active = random.NextDouble() >= 0.03;
        // someone who left did so on a day since they started, within the last three years, as in a real register:
        // once an agency sets a retention period, the anonymisation finds those who left longer ago
        DateTime? leftAt = active ? null : now.AddDays(-random.Next(Math.Min(3 * 365, today.DayNumber - startDate.DayNumber) + 1));
#pragma warning restore CA5394
        var email = string.Create(CultureInfo.InvariantCulture, $"{AsciiFold(first)}.{AsciiFold(last)}.{i:D6}@{agency.EmailDomain}");
        var normalized = normalizer.NormalizeEmail(email);
        return new User
        {
            UserName = email,
            NormalizedUserName = normalizer.NormalizeName(email),
            Email = email,
            NormalizedEmail = normalized,
            EmailConfirmed = true,
            LockoutEnabled = true,
            Name = $"{first} {last}",
            AgencyId = agency.Id,
            UnitId = unitId,
            JobRoleId = jobRoleId,
            EmployeeNumber = EmployeeNumber(i),
            StartDate = startDate,
            IsActive = active,
            DeactivatedAt = leftAt,
            CreatedAt = now,
        };
    }

    private static async Task<int> InsertAsync(IServiceScopeFactory scopes, List<User> batch, string learnerRoleId, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BulkInsert.InsertAsync(db, batch, cancellationToken);
        await BulkInsert.InsertAsync(db, batch.ConvertAll(u => new IdentityUserRole<string> { UserId = u.Id, RoleId = learnerRoleId }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var inserted = batch.Count;
        batch.Clear();
        return inserted;
    }

    private static void Check(IdentityResult result, DemoAccount account)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demokontot {account.Email} kunde inte sparas: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static Dictionary<string, string> ReadAccountsFile(string file)
    {
        var accounts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(file))
        {
            return accounts;
        }
        foreach (var line in File.ReadAllLines(file))
        {
            var parts = line.Split('\t');
            if (!line.StartsWith('#') && parts.Length >= 2)
            {
                accounts[parts[0]] = parts[^1];
            }
        }
        return accounts;
    }

    private static void WriteAccountsFile(string file, Dictionary<string, string> accounts)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var lines = new List<string>
        {
            "# Demokontonas lösenord (skapade av seed demo vid första start i Development). Bara för utveckling; data/ checkas inte in.",
            "# e-post<TAB>roller<TAB>lösenord",
        };
        lines.AddRange(Accounts.Where(a => accounts.ContainsKey(a.Email))
            .Select(a => $"{a.Email}\t{string.Join('+', a.Roles)}\t{accounts[a.Email]}"));
        File.WriteAllLines(file, lines);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private sealed record EmployeeAgency(int Id, string Code, string EmailDomain, List<int> Units, List<int> JobRoles, double CumulativeShare);
}
