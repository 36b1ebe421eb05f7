using Training.Core.Content;
using Training.Core.Quiz;

namespace Training.Core.Tests.Quiz;

public class AttemptRulesTests
{
    private static readonly DateTime Now = new(2025, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private static readonly QuizSettings ThreePerDay = new() { MaxAttempts = 3, CooldownHours = 24 };

    private static DateTime HoursAgo(double hours) => Now.AddHours(-hours);

    [Fact]
    public void NoAttemptsYet_OpensNow()
    {
        Assert.Null(AttemptRules.NextAttemptOpensAt([], ThreePerDay, Now));
    }

    [Fact]
    public void FewerThanMaxInTheWindow_OpensNow()
    {
        Assert.Null(AttemptRules.NextAttemptOpensAt([HoursAgo(1), HoursAgo(2)], ThreePerDay, Now));
    }

    [Fact]
    public void MaxInTheWindow_OpensWhenTheOldestLeavesIt()
    {
        var opens = AttemptRules.NextAttemptOpensAt([HoursAgo(1), HoursAgo(20), HoursAgo(5)], ThreePerDay, Now);

        Assert.Equal(HoursAgo(20).AddHours(24), opens);
        Assert.Equal(Now.AddHours(4), opens);
    }

    [Fact]
    public void OlderAttemptsOutsideTheWindow_DoNotCount()
    {
        Assert.Null(AttemptRules.NextAttemptOpensAt([HoursAgo(1), HoursAgo(2), HoursAgo(30), HoursAgo(48)], ThreePerDay, Now));
    }

    [Fact]
    public void AnAttemptExactlyAWindowAgo_HasLeftIt()
    {
        Assert.Null(AttemptRules.NextAttemptOpensAt([HoursAgo(1), HoursAgo(2), HoursAgo(24)], ThreePerDay, Now));
    }

    [Fact]
    public void AtTheReturnedTime_ANewAttemptMayStart()
    {
        DateTime[] submitted = [HoursAgo(1), HoursAgo(2), HoursAgo(3)];

        var opens = AttemptRules.NextAttemptOpensAt(submitted, ThreePerDay, Now)!.Value;

        Assert.Equal(Now.AddHours(21), opens);
        Assert.NotNull(AttemptRules.NextAttemptOpensAt(submitted, ThreePerDay, opens.AddTicks(-1)));
        Assert.Null(AttemptRules.NextAttemptOpensAt(submitted, ThreePerDay, opens));
    }

    [Fact]
    public void MoreThanMaxInTheWindow_OpensWhenTheOldestOfTheLastMaxLeaves()
    {
        // E.g. after max_attempts was lowered: the last three are 1, 2 and 6 hours old.
        var opens = AttemptRules.NextAttemptOpensAt([HoursAgo(10), HoursAgo(6), HoursAgo(2), HoursAgo(1)], ThreePerDay, Now);

        Assert.Equal(Now.AddHours(18), opens);
    }

    [Fact]
    public void WithoutMaxAttempts_AlwaysOpen()
    {
        var settings = new QuizSettings { CooldownHours = 24 };

        Assert.Null(AttemptRules.NextAttemptOpensAt([.. Enumerable.Range(0, 50).Select(i => HoursAgo(i * 0.1))], settings, Now));
    }

    [Fact]
    public void MaxAttemptsWithoutCooldown_IsATotalThatNeverReopens()
    {
        var settings = new QuizSettings { MaxAttempts = 2 };

        Assert.Null(AttemptRules.NextAttemptOpensAt([HoursAgo(10_000)], settings, Now));
        Assert.Equal(AttemptRules.Never, AttemptRules.NextAttemptOpensAt([HoursAgo(10_000), HoursAgo(9_000)], settings, Now));
        Assert.Equal(DateTime.MaxValue, AttemptRules.Never);
    }

    [Fact]
    public void OneAttemptPerHour_OpensAnHourAfterTheLast()
    {
        var settings = new QuizSettings { MaxAttempts = 1, CooldownHours = 1 };

        Assert.Equal(Now.AddMinutes(45), AttemptRules.NextAttemptOpensAt([HoursAgo(0.25), HoursAgo(5)], settings, Now));
    }

    [Fact]
    public void AttemptsLeft_CountsOnlyTheAttemptsInsideTheWindow()
    {
        Assert.Equal(3, AttemptRules.AttemptsLeft([], ThreePerDay, Now));
        Assert.Equal(2, AttemptRules.AttemptsLeft([HoursAgo(1), HoursAgo(30)], ThreePerDay, Now));
        Assert.Equal(1, AttemptRules.AttemptsLeft([HoursAgo(1), HoursAgo(2), HoursAgo(24)], ThreePerDay, Now));
    }

    [Fact]
    public void AttemptsLeft_IsZero_ExactlyWhenTheNextAttemptWaits()
    {
        DateTime[][] histories = [[], [HoursAgo(1)], [HoursAgo(1), HoursAgo(2), HoursAgo(3)], [HoursAgo(10), HoursAgo(6), HoursAgo(2), HoursAgo(1)], [HoursAgo(23.9), HoursAgo(24), HoursAgo(1)]];
        QuizSettings[] settings = [ThreePerDay, new() { MaxAttempts = 2 }, new() { MaxAttempts = 1, CooldownHours = 1 }, new() { MaxAttempts = 0, CooldownHours = 1 }];

        foreach (var history in histories)
        {
            foreach (var setting in settings)
            {
                Assert.Equal(AttemptRules.NextAttemptOpensAt(history, setting, Now) is not null, AttemptRules.AttemptsLeft(history, setting, Now) == 0);
            }
        }
    }

    [Fact]
    public void AttemptsLeft_IsNull_WhenAttemptsAreUnlimited_AndATotalWithoutAWindow()
    {
        Assert.Null(AttemptRules.AttemptsLeft([HoursAgo(1), HoursAgo(2)], new QuizSettings { CooldownHours = 24 }, Now));
        Assert.Equal(1, AttemptRules.AttemptsLeft([HoursAgo(10_000)], new QuizSettings { MaxAttempts = 2 }, Now));
        Assert.Equal(0, AttemptRules.AttemptsLeft([HoursAgo(10_000), HoursAgo(9_000), HoursAgo(1)], new QuizSettings { MaxAttempts = 2 }, Now));
    }
}
