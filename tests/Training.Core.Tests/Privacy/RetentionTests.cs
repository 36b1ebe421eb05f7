using Training.Core.Privacy;

namespace Training.Core.Tests.Privacy;

/// <summary>Who is due for anonymisation: left (deactivated) longer ago than the agency's retention period, once.</summary>
public class RetentionTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, bool, DateTime?, DateTime?, int?, bool> Cases => new()
    {
        // why, active, deactivated at, anonymised at, retention months, due
        { "left 13 months ago, 12 months' retention", false, Now.AddMonths(-13), null, 12, true },
        { "left exactly 12 months ago: not longer ago than the period yet", false, Now.AddMonths(-12), null, 12, false },
        { "left a second more than 12 months ago", false, Now.AddMonths(-12).AddSeconds(-1), null, 12, true },
        { "left 11 months ago", false, Now.AddMonths(-11), null, 12, false },
        { "no retention period: kept", false, Now.AddYears(-10), null, null, false },
        { "a zero period is no period", false, Now.AddYears(-10), null, 0, false },
        { "a negative period is no period", false, Now.AddYears(-10), null, -3, false },
        { "active, even with an old deactivation recorded", true, Now.AddYears(-3), null, 12, false },
        { "already anonymised: not again", false, Now.AddYears(-3), Now.AddYears(-1), 12, false },
        { "inactive but no departure recorded: never", false, null, null, 12, false },
        { "one month's retention, left on the last day of a longer month", false, new DateTime(2026, 10, 29, 12, 0, 0, DateTimeKind.Utc), null, 1, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void APersonIsDue_OnlyWhenTheyLeftLongerAgoThanThePeriod_AndOnlyOnce(string why, bool active, DateTime? deactivatedAt, DateTime? anonymisedAt, int? months, bool due)
    {
        Assert.True(due == Retention.IsDue(active, deactivatedAt, anonymisedAt, months, Now), why);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(120, true)]
    [InlineData(121, false)]
    public void APeriodIsOneToTenYears(int months, bool valid)
    {
        Assert.Equal(valid, Retention.IsValidPeriod(months));
    }

    [Fact]
    public void TheCutoffIsThePeriodBeforeNow()
    {
        Assert.Equal(new DateTime(2025, 11, 30, 12, 0, 0, DateTimeKind.Utc), Retention.LeftBefore(12, Now));
        Assert.Null(Retention.LeftBefore(null, Now));
    }
}
