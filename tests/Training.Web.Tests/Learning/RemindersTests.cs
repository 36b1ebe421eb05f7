using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Training.Web.Commands;
using Training.Web.Content;
using Training.Web.Data;
using Training.Web.Learning;

namespace Training.Web.Tests.Learning;

/// <summary>
/// Polisen on Monday 2026-11-16 at 06:00 in Sweden, with one person in each situation: module A (everyone, due 30 days
/// after the start date) and module B (utredare only, due 2026-11-20).
/// </summary>
public sealed class ReminderScenario
{
    public const string ModuleA = "vad-ar-manniskohandel";
    public const string ModuleB = "samverkan";
    public static readonly DateOnly Monday = new(2026, 11, 16);
    public static readonly DateTimeOffset MondayAtSix = new(2026, 11, 16, 5, 0, 0, TimeSpan.Zero);

    public required int RequirementA { get; init; }
    public required int RequirementB { get; init; }
    public required IReadOnlyDictionary<string, User> People { get; init; }

    /// <summary>Who gets what on Monday: four learners (one of them two reminders in one e-mail) and polisen's HR officer.</summary>
    public static readonly string[] MondayRecipients = ["soon@polisen.se", "overdue@polisen.se", "renew@polisen.se", "both@polisen.se", "hr@polisen.se"];

    public const int MondayReminders = 6;

    public static async Task<ReminderScenario> ArrangeAsync(TrainingSite site)
    {
        var catalogue = site.Services.GetRequiredService<ContentCatalogue>();
        var people = new Dictionary<string, User>();
        int requirementA = 0, requirementB = 0;
        await site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            var polisen = await db.Agencies.Include(a => a.JobRoles).SingleAsync(a => a.Code == "polisen");
            var utredare = polisen.JobRoles.Single(j => j.Code == "utredare").Id;
            var longAgo = new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Utc);
            var a = new Requirement { AgencyId = polisen.Id, ModuleId = ModuleA, DueWithinDays = 30, CreatedAt = longAgo };
            var b = new Requirement { AgencyId = polisen.Id, ModuleId = ModuleB, DueDate = new DateOnly(2026, 11, 20), CreatedAt = longAgo, JobRoles = [new RequirementJobRole { JobRoleId = utredare }] };
            db.Requirements.AddRange(a, b);
            await db.SaveChangesAsync();
            (requirementA, requirementB) = (a.Id, b.Id);
        });

        async Task<User> PersonAsync(string email, DateOnly start, string role = "polis-yttre-tjanst", bool active = true, params string[] roles)
        {
            var user = await site.CreateUserAsync(email, "polisen", roles);
            await site.WithServicesAsync(async services =>
            {
                var db = services.GetRequiredService<TrainingDbContext>();
                var jobRole = await db.JobRoles.Where(j => j.Code == role && j.Agency.Code == "polisen").Select(j => j.Id).SingleAsync();
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.StartDate, start).SetProperty(x => x.JobRoleId, jobRole).SetProperty(x => x.IsActive, active));
            });
            people[email] = user;
            return user;
        }

        async Task CompleteAsync(User person, DateTime completedAt)
        {
            var module = catalogue.Find(ModuleA)!;
            await site.WithServicesAsync(async services =>
            {
                var db = services.GetRequiredService<TrainingDbContext>();
                db.Completions.Add(Completions.For(CompletedVersion.Of(module) with { ValidForMonths = 24 },
                    person.Id, person.AgencyId, completedAt, CompletionSources.Quiz, 90));
                await db.SaveChangesAsync();
            });
        }

        await PersonAsync("soon@polisen.se", new DateOnly(2026, 10, 27));        // A due 2026-11-26: due soon
        await PersonAsync("later@polisen.se", new DateOnly(2026, 11, 10));       // A due 2026-12-10: nothing yet
        await PersonAsync("overdue@polisen.se", new DateOnly(2026, 9, 1));       // A due 2026-10-01: overdue
        await CompleteAsync(await PersonAsync("renew@polisen.se", new DateOnly(2024, 3, 1)), new DateTime(2024, 12, 20, 10, 0, 0, DateTimeKind.Utc)); // ends 2026-12-20
        await CompleteAsync(await PersonAsync("done@polisen.se", new DateOnly(2024, 3, 1)), new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc));   // ends 2028
        await PersonAsync("both@polisen.se", new DateOnly(2026, 9, 1), "utredare"); // A overdue, B due 2026-11-20
        await PersonAsync("gone@polisen.se", new DateOnly(2026, 9, 1), active: false);
        var noAddress = await PersonAsync("noaddress@polisen.se", new DateOnly(2026, 9, 1)); // overdue, but no address
        await site.WithServicesAsync(services => services.GetRequiredService<TrainingDbContext>().Users.Where(u => u.Id == noAddress.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, (string?)null).SetProperty(x => x.NormalizedEmail, (string?)null)));
        await CompleteAsync(await PersonAsync("hr@polisen.se", new DateOnly(2024, 3, 1), roles: Roles.Hr), new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc));
        await site.CreateUserAsync("hr@aklagare.se", "aklagare", Roles.Hr); // an agency with no requirements: no digest
        return new ReminderScenario { RequirementA = requirementA, RequirementB = requirementB, People = people };
    }

    public sealed record Mail(string To, string Subject, string Text);

    /// <summary>The e-mails in the pickup folder, decoded.</summary>
    public static List<Mail> Mails(TrainingSite site) =>
        Directory.Exists(site.MailFolder)
            ? [.. Directory.GetFiles(site.MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(file =>
                {
                    using var message = MimeMessage.Load(file);
                    return new Mail(message.To.Mailboxes.Single().Address, message.Subject ?? "", message.TextBody ?? "");
                })]
            : [];

    public static Task<ReminderRunResult> RunAsync(TrainingSite site, DateOnly day) =>
        site.Services.GetRequiredService<ReminderJob>().RunForDayAsync(day);
}

/// <summary>
/// The reminder job: the right people get the right reminders, each exactly once, whether the job runs twice, on two
/// hosts at once, after a failed send, or from its daily schedule.
/// </summary>
public sealed class RemindersTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(ReminderScenario.MondayAtSix);
    private TrainingSite site = null!;
    private ReminderScenario scenario = null!;

    public async Task InitializeAsync()
    {
        site = new TrainingSite { Clock = clock };
        await site.StartAsync();
        scenario = await ReminderScenario.ArrangeAsync(site);
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public async Task EachSituation_GetsItsReminder_InOneMailPerPerson_AndASecondRunOfTheDaySendsNothing()
    {
        var first = await ReminderScenario.RunAsync(site, ReminderScenario.Monday);

        var mails = ReminderScenario.Mails(site);
        Assert.Equal(ReminderScenario.MondayRecipients.Order(), mails.Select(m => m.To).Order());
        Assert.Equal(new ReminderRunResult(ReminderScenario.MondayReminders, 5, 0, 0, 0), first);

        var catalogue = site.Services.GetRequiredService<ContentCatalogue>();
        var titleA = catalogue.Find(ReminderScenario.ModuleA)!.Title;
        var titleB = catalogue.Find(ReminderScenario.ModuleB)!.Title;
        var soon = mails.Single(m => m.To == "soon@polisen.se");
        Assert.Equal("Påminnelse om obligatorisk utbildning", soon.Subject);
        Assert.Contains("Hej Test soon!", soon.Text, StringComparison.Ordinal);
        Assert.Contains($"{titleA} ska vara klar senast 2026-11-26.", soon.Text, StringComparison.Ordinal);
        Assert.Contains("https://training.test/moduler/vad-ar-manniskohandel", soon.Text, StringComparison.Ordinal);
        Assert.Contains("https://training.test/mina-sidor", soon.Text, StringComparison.Ordinal);
        Assert.Contains($"{titleA} skulle ha varit klar 2026-10-01 och är nu försenad.", mails.Single(m => m.To == "overdue@polisen.se").Text, StringComparison.Ordinal);
        Assert.Contains($"{titleA} behöver förnyas: det du har genomfört gäller till 2026-12-20.", mails.Single(m => m.To == "renew@polisen.se").Text, StringComparison.Ordinal);
        var both = mails.Single(m => m.To == "both@polisen.se").Text;
        Assert.Contains($"{titleA} skulle ha varit klar 2026-10-01", both, StringComparison.Ordinal);
        Assert.Contains($"{titleB} ska vara klar senast 2026-11-20.", both, StringComparison.Ordinal);
        Assert.Contains("https://training.test/moduler/samverkan", both, StringComparison.Ordinal);

        var digest = mails.Single(m => m.To == "hr@polisen.se");
        Assert.Equal("Veckoöversikt vecka 47: obligatorisk utbildning", digest.Subject);
        Assert.Contains("Polismyndigheten", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Försenade: 3 personer (3 moduler)", digest.Text, StringComparison.Ordinal); // overdue, both and the one without an address
        Assert.Contains("Utgångna: 0 personer (0 moduler)", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Går snart ut: 1 person (1 modul)", digest.Text, StringComparison.Ordinal);
        Assert.Contains("https://training.test/hr/medarbetare?status=not_compliant", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("@", digest.Text.Replace("https://", "", StringComparison.Ordinal), StringComparison.Ordinal); // counts, never who

        var keys = site.WithDb(db => db.ReminderDeliveries.Select(d => d.Key).ToList());
        Assert.Contains($"overdue|{scenario.People["both@polisen.se"].Id}|{scenario.RequirementA}|{ReminderScenario.ModuleA}|2026-10-01", keys);
        Assert.Contains($"due_soon|{scenario.People["both@polisen.se"].Id}|{scenario.RequirementB}|{ReminderScenario.ModuleB}|2026-11-20", keys);
        Assert.Contains($"renewal|{scenario.People["renew@polisen.se"].Id}|{scenario.RequirementA}|{ReminderScenario.ModuleA}|2026-12-20", keys);
        Assert.True(site.WithDb(db => db.ReminderDeliveries.All(d => d.SentAt != null && d.ClaimedUntil == null && d.Failures == 0)));

        var again = await ReminderScenario.RunAsync(site, ReminderScenario.Monday);
        var tuesday = await ReminderScenario.RunAsync(site, ReminderScenario.Monday.AddDays(1));

        Assert.Equal(new ReminderRunResult(0, 0, ReminderScenario.MondayReminders, 0, 0), again);
        Assert.Equal(new ReminderRunResult(0, 0, ReminderScenario.MondayReminders, 0, 0), tuesday);
        Assert.Equal(5, ReminderScenario.Mails(site).Count);
    }

    [Fact]
    public async Task AManager_GetsTheWeeklyDigestOfTheirUnitsOnly_Once()
    {
        var manager = await site.CreateUserAsync("chef@polisen.se", "polisen", Roles.Manager);
        await site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            var units = await db.Units.Where(u => u.Agency.Code == "polisen").OrderBy(u => u.Id).Select(u => u.Id).Take(3).ToListAsync();
            // The scenario's people are all of the first unit; the manager sits in the second and answers for the first and third.
            await db.Users.Where(u => u.Id == manager.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.UnitId, units[1]));
            db.ManagerUnits.AddRange(new ManagerUnit { UserId = manager.Id, UnitId = units[0] }, new ManagerUnit { UserId = manager.Id, UnitId = units[2] });
            await db.SaveChangesAsync();
        });

        await ReminderScenario.RunAsync(site, ReminderScenario.Monday);
        await ReminderScenario.RunAsync(site, ReminderScenario.Monday);

        var digests = ReminderScenario.Mails(site).Where(m => m.To == "chef@polisen.se" && m.Subject.StartsWith("Veckoöversikt", StringComparison.Ordinal)).ToList();
        var digest = Assert.Single(digests);
        Assert.Equal("Veckoöversikt vecka 47: obligatorisk utbildning i dina enheter", digest.Subject);
        Assert.Contains("Försenade: 3 personer (3 moduler)", digest.Text, StringComparison.Ordinal); // not the manager's own, who is of another unit
        Assert.Contains("Går snart ut: 1 person (1 modul)", digest.Text, StringComparison.Ordinal);
        Assert.Contains("https://training.test/hr/medarbetare?status=not_compliant", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHrDigest_GoesOnceAWeek_AndANewSituationGetsItsOwnReminder()
    {
        await ReminderScenario.RunAsync(site, ReminderScenario.Monday);
        await ReminderScenario.RunAsync(site, ReminderScenario.Monday.AddDays(1));
        await ReminderScenario.RunAsync(site, ReminderScenario.Monday.AddDays(6)); // Sunday: still week 47, and module B is overdue
        var nextMonday = await ReminderScenario.RunAsync(site, ReminderScenario.Monday.AddDays(7));

        var mails = ReminderScenario.Mails(site);
        Assert.Equal(["Veckoöversikt vecka 47: obligatorisk utbildning", "Veckoöversikt vecka 48: obligatorisk utbildning"],
            mails.Where(m => m.To == "hr@polisen.se").Select(m => m.Subject));
        // Module B was due 2026-11-20: the person who was told it was due soon is now told once that it is overdue.
        var titleB = site.Services.GetRequiredService<ContentCatalogue>().Find(ReminderScenario.ModuleB)!.Title;
        var both = mails.Where(m => m.To == "both@polisen.se").ToList();
        Assert.Equal(2, both.Count);
        Assert.Contains($"{titleB} skulle ha varit klar 2026-11-20", both[1].Text, StringComparison.Ordinal); // sent on Sunday, the first day it was
        Assert.DoesNotContain("vad-ar-manniskohandel", both[1].Text, StringComparison.Ordinal); // module A's overdue reminder went on Monday
        Assert.Contains("Försenade: 3 personer (4 moduler)", mails.Last(m => m.To == "hr@polisen.se").Text, StringComparison.Ordinal);
        Assert.Equal(1, nextMonday.Sent); // only the digest
        Assert.Equal(7, mails.Count);
    }

    [Fact]
    public async Task ManyRunsOnTwoHostsAtOnce_SendEachReminderExactlyOnce()
    {
        await using var secondHost = new TrainingSite(dataFolder: site.DataFolder) { Clock = clock };
        await secondHost.StartAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => ReminderScenario.RunAsync(i % 2 == 0 ? site : secondHost, ReminderScenario.Monday))));

        var mails = ReminderScenario.Mails(site);
        Assert.Equal(ReminderScenario.MondayRecipients.Order(), mails.Select(m => m.To).Order());
        Assert.Equal(ReminderScenario.MondayReminders, runs.Sum(r => r.Sent));
        Assert.Equal(5, runs.Sum(r => r.Mails));
        Assert.All(runs, r => Assert.Equal(ReminderScenario.MondayReminders, r.Sent + r.AlreadySent + r.Elsewhere));
        Assert.Equal(ReminderScenario.MondayReminders, site.WithDb(db => db.ReminderDeliveries.Count(d => d.SentAt != null)));
        Assert.Empty(site.Errors);
        Assert.Empty(secondHost.Errors);
    }

    [Fact]
    public async Task AFailedSend_IsCountedAndTriedAgainByTheNextRun_AndSentOnce()
    {
        File.WriteAllText(site.MailFolder, "not a folder"); // the pickup folder cannot be made: every send fails

        var failed = await ReminderScenario.RunAsync(site, ReminderScenario.Monday);

        Assert.Equal(new ReminderRunResult(0, 0, 0, ReminderScenario.MondayReminders, 0), failed);
        Assert.True(site.WithDb(db => db.ReminderDeliveries.All(d => d.SentAt == null && d.ClaimedUntil == null && d.Failures == 1)));

        File.Delete(site.MailFolder);
        var retried = await ReminderScenario.RunAsync(site, ReminderScenario.Monday);
        var after = await ReminderScenario.RunAsync(site, ReminderScenario.Monday);

        Assert.Equal(ReminderScenario.MondayReminders, retried.Sent);
        Assert.Equal(0, after.Sent);
        Assert.Equal(ReminderScenario.MondayRecipients.Order(), ReminderScenario.Mails(site).Select(m => m.To).Order());
        Assert.Equal(ReminderScenario.MondayReminders, site.WithDb(db => db.ReminderDeliveries.Count(d => d.SentAt != null && d.Failures == 1)));
    }

    [Fact]
    public async Task AReminderAnotherRunHoldsAClaimOn_IsLeftToIt_UntilTheClaimRunsOut()
    {
        await ReminderScenario.RunAsync(site, ReminderScenario.Monday.AddDays(-7)); // last week: records and sends what applied then
        var soonKey = $"due_soon|{scenario.People["soon@polisen.se"].Id}|{scenario.RequirementA}|{ReminderScenario.ModuleA}|2026-11-26";
        await site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            db.ReminderDeliveries.Add(new ReminderDelivery
            {
                Key = soonKey, Kind = ReminderKinds.DueSoon, UserId = scenario.People["soon@polisen.se"].Id,
                CreatedAt = clock.GetUtcNow().UtcDateTime, ClaimedUntil = clock.GetUtcNow().UtcDateTime.AddMinutes(5),
            });
            await db.SaveChangesAsync();
        });
        var before = ReminderScenario.Mails(site).Count(m => m.To == "soon@polisen.se");

        var whileClaimed = await ReminderScenario.RunAsync(site, ReminderScenario.Monday);
        clock.Advance(TimeSpan.FromMinutes(6)); // the other run died without sending
        var afterClaim = await ReminderScenario.RunAsync(site, ReminderScenario.Monday);

        Assert.Equal(1, whileClaimed.Elsewhere);
        Assert.Equal(1, afterClaim.Sent);
        Assert.Equal(before + 1, ReminderScenario.Mails(site).Count(m => m.To == "soon@polisen.se"));
    }
}

/// <summary>The daily schedule runs the job at 06:00 in Sweden, once a day.</summary>
public sealed class ReminderScheduleTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(ReminderScenario.MondayAtSix.AddHours(-1));
    private TrainingSite site = null!;

    public async Task InitializeAsync()
    {
        site = new TrainingSite { Clock = clock, RemindersEnabled = true };
        await site.StartAsync();
        await ReminderScenario.ArrangeAsync(site);
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public async Task AtSixInTheMorning_TheRemindersGoOut_AndTheNextMorningNothingIsSentAgain()
    {
        var schedule = site.Services.GetRequiredService<ReminderSchedule>();
        await Until(() => schedule.NextRunAt is not null);
        Assert.Equal(ReminderScenario.MondayAtSix.UtcDateTime, schedule.NextRunAt);
        Assert.Empty(ReminderScenario.Mails(site));

        clock.Advance(TimeSpan.FromHours(1));
        await Until(() => schedule.NextRunAt == ReminderScenario.MondayAtSix.UtcDateTime.AddDays(1));
        Assert.Equal(ReminderScenario.MondayRecipients.Order(), ReminderScenario.Mails(site).Select(m => m.To).Order());

        clock.Advance(TimeSpan.FromDays(1));
        await Until(() => schedule.NextRunAt == ReminderScenario.MondayAtSix.UtcDateTime.AddDays(2));
        Assert.Equal(5, ReminderScenario.Mails(site).Count);
        Assert.Empty(site.Errors);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Schemat kom inte dit på 30 s.");
            await Task.Delay(20);
        }
    }
}

/// <summary>
/// <c>reminders run</c>: the verb, started twice at once against the site's database, sends each reminder once. (The two
/// runs may or may not overlap in time; the two-hosts test above is the one that makes them race.)
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class RemindersCommandTests
{
    [Fact]
    public async Task RemindersRun_TwiceAtOnce_SendsEachReminderOnce_AndPrintsOnlyCounts()
    {
        await using var site = new TrainingSite { Clock = new FakeTimeProvider(ReminderScenario.MondayAtSix) };
        await site.StartAsync();
        await ReminderScenario.ArrangeAsync(site);

        using var firstOutput = new StringWriter();
        using var secondOutput = new StringWriter();
        using var error = new StringWriter();
        int[] exits;
        using (new EnvironmentVariables(new Dictionary<string, string>
        {
            ["Database__Provider"] = site.Database.Provider.ToString(), ["ConnectionStrings__Training"] = site.Database.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Content__Path"] = site.ContentPath,
            ["Email__PickupDirectory"] = site.MailFolder,
            ["Site__BaseUrl"] = "https://training.test",
        }))
        {
            exits = await Task.WhenAll(
                Task.Run(() => Verbs.RunAsync(["reminders", "run", "--date", "2026-11-16"], firstOutput, error)),
                Task.Run(() => Verbs.RunAsync(["reminders", "run", "--date=2026-11-16"], secondOutput, error)));
        }

        Assert.Equal([0, 0], exits);
        Assert.Equal(ReminderScenario.MondayRecipients.Order(), ReminderScenario.Mails(site).Select(m => m.To).Order());
        var printed = firstOutput.ToString() + secondOutput.ToString();
        Assert.Contains("Påminnelser för 2026-11-16:", firstOutput.ToString(), StringComparison.Ordinal);
        var sent = System.Text.RegularExpressions.Regex.Matches(printed, @"(\d+) skickade \(").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ReminderScenario.MondayReminders, sent);
        Assert.DoesNotContain("@", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Test ", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--date", "16/11/2026")]
    [InlineData("--datum", "2026-11-16")]
    public async Task RemindersRun_WithABadArgument_SaysHowToWriteIt(string option, string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Verbs.RunAsync(["reminders", "run", option, value], output, error);

        Assert.Equal(2, exit);
        Assert.Contains("åååå-mm-dd", error.ToString(), StringComparison.Ordinal);
    }
}
