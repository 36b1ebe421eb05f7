using Training.Core.Competence;
using Training.Core.Content;

namespace Training.Core.Tests.Competence;

public class CompetenceStatusTests
{
    private static readonly DateTime MajorStored = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Completed = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Expires = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static CurrentModule Module(string version) =>
        new("m", ModuleVersionNumber.TryParse(version, out var v) ? v : throw new ArgumentException(version), MajorStored);

    private static readonly CompetencePerson Person = new(StartDate: new DateOnly(2025, 1, 10), JoinedAgencyOn: new DateOnly(2025, 1, 10));

    private static readonly CompetenceRequirement DueByFixedDate = new() { DueDate = new DateOnly(2026, 4, 30) };

    // 23:59:59 and 00:00 in Sweden (summer time, UTC+2) around the end of the due date 2026-04-30.
    private static readonly DateTime LastMomentOfDueDay = new(2026, 4, 30, 21, 59, 59, DateTimeKind.Utc);
    private static readonly DateTime FirstMomentAfterDueDay = new(2026, 4, 30, 22, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, string, string?, bool, DateTime, CompetenceStatus> Cases => new()
    {
        // why, current version, completed version (null: none), begun, now, status
        { "nothing, before the due date", "1.0", null, false, new(2026, 4, 1), CompetenceStatus.NotStarted },
        { "begun, before the due date", "1.0", null, true, new(2026, 4, 1), CompetenceStatus.InProgress },
        { "nothing, last moment of the due day", "1.0", null, false, LastMomentOfDueDay, CompetenceStatus.NotStarted },
        { "begun, last moment of the due day", "1.0", null, true, LastMomentOfDueDay, CompetenceStatus.InProgress },
        { "nothing, the day after the due date (in Sweden)", "1.0", null, false, FirstMomentAfterDueDay, CompetenceStatus.Overdue },
        { "begun, after the due date", "1.0", null, true, FirstMomentAfterDueDay, CompetenceStatus.Overdue },
        { "valid, before the window", "1.0", "1.0", false, Expires.AddDays(-60).AddTicks(-1), CompetenceStatus.Completed },
        { "valid, the window starts", "1.0", "1.0", false, Expires.AddDays(-60), CompetenceStatus.Expiring },
        { "valid, last moment", "1.0", "1.0", false, Expires.AddTicks(-1), CompetenceStatus.Expiring },
        { "expiry", "1.0", "1.0", false, Expires, CompetenceStatus.Expired },
        { "expired, even after the due date and begun again", "1.0", "1.0", true, Expires.AddDays(30), CompetenceStatus.Expired },
        { "a minor bump changes nothing", "1.1", "1.0", false, new(2026, 1, 1), CompetenceStatus.Completed },
        { "a minor bump changes nothing near expiry", "1.4", "1.0", false, Expires.AddDays(-1), CompetenceStatus.Expiring },
        { "completed after the due date", "1.0", "1.0", false, FirstMomentAfterDueDay, CompetenceStatus.Expiring },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StatusOf_IsDerivedFromTheCompletionsTheDueDateAndToday(string why, string current, string? completed, bool begun, DateTime now, CompetenceStatus expected)
    {
        CompletionFact[] completions = completed is null ? [] : [new("m", completed, Completed, Expires)];
        var state = CompetenceRules.StatusOf(DueByFixedDate, Person, Module(current), completions, begun, now);
        Assert.True(expected == state.Status, $"{why}: expected {expected}, got {state.Status}");
    }

    public static TheoryData<string, DateTime, CompetenceStatus> MajorBump => new()
    {
        // A 1.0 completion (valid until 2026-06-01) against 2.0, first stored 2026-03-01 10:00; grace 90 days, window 60.
        // The grace ends 2026-05-30 10:00, before the expiry, so it is what the window counts back from.
        { "the new major is stored: still completed", MajorStored, CompetenceStatus.Completed },
        { "the window before the grace end starts", MajorStored.AddDays(30), CompetenceStatus.Expiring },
        { "the last moment of the grace", MajorStored.AddDays(90).AddTicks(-1), CompetenceStatus.Expiring },
        { "the grace ends: no longer counts, and the due date has passed", MajorStored.AddDays(90), CompetenceStatus.Overdue },
    };

    [Theory]
    [MemberData(nameof(MajorBump))]
    public void StatusOf_AfterAMajorBump_FollowsTheGracePeriod(string why, DateTime now, CompetenceStatus expected)
    {
        var state = CompetenceRules.StatusOf(DueByFixedDate, Person, Module("2.0"), [new("m", "1.0", Completed, Expires)], false, now);
        Assert.True(expected == state.Status, $"{why}: expected {expected}, got {state.Status}");
    }

    [Fact]
    public void StatusOf_DuringTheGrace_IsCompletedUntilTheWindowBeforeTheGraceEnd()
    {
        // A 1.0 completion that never expires; 2.0 stored; grace 90 days, window 60: completed for 30 days, then expiring, then gone.
        CompletionFact[] completions = [new("m", "1.0", Completed, null)];
        var requirement = new CompetenceRequirement();
        CompetenceStatus At(DateTime now) => CompetenceRules.StatusOf(requirement, Person, Module("2.0"), completions, false, now).Status;

        Assert.Equal(CompetenceStatus.Completed, At(MajorStored.AddDays(30).AddTicks(-1)));
        Assert.Equal(CompetenceStatus.Expiring, At(MajorStored.AddDays(30)));
        Assert.Equal(CompetenceStatus.Expiring, At(MajorStored.AddDays(90).AddTicks(-1)));
        Assert.Equal(CompetenceStatus.NotStarted, At(MajorStored.AddDays(90)));
        Assert.Equal(MajorStored.AddDays(90), CompetenceRules.StatusOf(requirement, Person, Module("2.0"), completions, false, MajorStored).ValidUntil);
    }

    [Fact]
    public void StatusOf_ACompletionOfTheNewMajor_IsNotLimitedByTheGrace()
    {
        CompletionFact[] completions = [new("m", "1.0", Completed, null), new("m", "2.0", MajorStored.AddDays(5), null)];
        var state = CompetenceRules.StatusOf(new CompetenceRequirement(), Person, Module("2.1"), completions, false, MajorStored.AddDays(500));
        Assert.Equal(CompetenceStatus.Completed, state.Status);
        Assert.Equal("2.0", state.Counting!.Version);
    }

    [Fact]
    public void StatusOf_UsesTheRequirementsRenewalWindowAndGrace()
    {
        var requirement = new CompetenceRequirement { RenewalWindowDays = 10, GraceDays = 200 };
        CompletionFact[] completions = [new("m", "1.0", Completed, null)];
        CompetenceStatus At(DateTime now) => CompetenceRules.StatusOf(requirement, Person, Module("2.0"), completions, false, now).Status;
        Assert.Equal(CompetenceStatus.Completed, At(MajorStored.AddDays(190).AddTicks(-1)));
        Assert.Equal(CompetenceStatus.Expiring, At(MajorStored.AddDays(190)));
        Assert.Equal(CompetenceStatus.NotStarted, At(MajorStored.AddDays(200)));
    }

    [Fact]
    public void StatusOf_WithoutExpiryOrDueDate_IsCompletedOrNotStarted()
    {
        var requirement = new CompetenceRequirement();
        var now = new DateTime(2040, 1, 1);
        Assert.Equal(CompetenceStatus.Completed, CompetenceRules.StatusOf(requirement, Person, Module("1.9"), [new("m", "1.0", Completed, null)], false, now).Status);
        Assert.Equal(CompetenceStatus.NotStarted, CompetenceRules.StatusOf(requirement, Person, Module("1.9"), [], false, now).Status);
        Assert.Null(CompetenceRules.StatusOf(requirement, Person, Module("1.9"), [], false, now).DueDate);
    }

    [Fact]
    public void StatusOf_IgnoresOtherModulesCompletions() =>
        Assert.Equal(CompetenceStatus.Overdue,
            CompetenceRules.StatusOf(DueByFixedDate, Person, Module("1.0"), [new("other", "1.0", Completed, null)], false, FirstMomentAfterDueDay).Status);

    public static TheoryData<string, DateOnly?, DateOnly?, DateOnly?, DateOnly?> RelativeDueDates => new()
    {
        // why, start date, joined agency, requirement applies from, due (30 days)
        { "from the start date", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1), new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 31) },
        { "from the requirement, for people employed before it", new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 1), new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 3) },
        { "from an agency move", new DateOnly(2020, 1, 1), new DateOnly(2026, 5, 1), new DateOnly(2025, 1, 1), new DateOnly(2026, 5, 31) },
        { "without a start date, from the move", null, new DateOnly(2026, 5, 1), null, new DateOnly(2026, 5, 31) },
        { "nothing to count from", null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(RelativeDueDates))]
    public void DueDate_WithinDays_CountsFromTheLatestOfStartMoveAndRequirement(string why, DateOnly? start, DateOnly? joined, DateOnly? appliesFrom, DateOnly? due)
    {
        var requirement = new CompetenceRequirement { DueWithinDays = 30, AppliesFrom = appliesFrom };
        Assert.True(due == CompetenceRules.DueDate(requirement, new CompetencePerson(start, joined)), why);
    }

    [Fact]
    public void DueDate_AFixedDateWinsOverRelativeDays() =>
        Assert.Equal(new DateOnly(2026, 4, 30),
            CompetenceRules.DueDate(new CompetenceRequirement { DueDate = new DateOnly(2026, 4, 30), DueWithinDays = 5 }, Person));

    [Fact]
    public void StatusOf_AfterAnAgencyMove_KeepsTheCompletion_AndCountsTheNewDueDateFromTheMove()
    {
        var moved = new CompetencePerson(new DateOnly(2020, 1, 1), JoinedAgencyOn: new DateOnly(2026, 5, 1));
        var requirement = new CompetenceRequirement { DueWithinDays = 30, AppliesFrom = new DateOnly(2024, 1, 1) };
        var lastDueDay = new DateTime(2026, 5, 31, 21, 59, 59, DateTimeKind.Utc);
        var dayAfter = new DateTime(2026, 5, 31, 22, 0, 0, DateTimeKind.Utc);

        Assert.Equal(CompetenceStatus.NotStarted, CompetenceRules.StatusOf(requirement, moved, Module("1.0"), [], false, lastDueDay).Status);
        Assert.Equal(CompetenceStatus.Overdue, CompetenceRules.StatusOf(requirement, moved, Module("1.0"), [], false, dayAfter).Status);
        // The completion made at the earlier agency still counts at the new one.
        var state = CompetenceRules.StatusOf(requirement, moved, Module("1.2"), [new("m", "1.0", new DateTime(2023, 1, 1), null)], false, dayAfter);
        Assert.Equal(CompetenceStatus.Completed, state.Status);
    }
}
