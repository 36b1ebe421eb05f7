using Training.Core.Competence;

namespace Training.Core.Tests.Competence;

/// <summary>Which reminder a state gives on a day, which week's HR digest is due, and when the daily run comes.</summary>
public class ReminderRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 16); // a Monday

    // The end is a UTC moment; the reminder is about its day in Sweden (here already the 10th).
    private static readonly DateTime EndsLateOnTheNinthUtc = new(2027, 1, 9, 23, 30, 0, DateTimeKind.Utc);

    public static TheoryData<string, CompetenceStatus, DateOnly?, DateTime?, ReminderEvent?, DateOnly?> Cases => new()
    {
        // why, status, due date, valid until, event (null: none), occasion
        { "not started, due today", CompetenceStatus.NotStarted, Today, null, ReminderEvent.DueSoon, Today },
        { "in progress, due in 14 days", CompetenceStatus.InProgress, Today.AddDays(14), null, ReminderEvent.DueSoon, Today.AddDays(14) },
        { "not started, due in 15 days: not yet", CompetenceStatus.NotStarted, Today.AddDays(15), null, null, null },
        { "not started, no due date", CompetenceStatus.NotStarted, null, null, null, null },
        { "a due date passed is for the overdue status, not due soon", CompetenceStatus.NotStarted, Today.AddDays(-1), null, null, null },
        { "overdue since yesterday", CompetenceStatus.Overdue, Today.AddDays(-1), null, ReminderEvent.Overdue, Today.AddDays(-1) },
        { "overdue for a year: still the same reminder", CompetenceStatus.Overdue, Today.AddDays(-365), null, ReminderEvent.Overdue, Today.AddDays(-365) },
        { "expiring: renewal, keyed by the day in Sweden it ends", CompetenceStatus.Expiring, Today.AddDays(-100), EndsLateOnTheNinthUtc, ReminderEvent.Renewal, new DateOnly(2027, 1, 10) },
        { "completed, due soon: nothing", CompetenceStatus.Completed, Today.AddDays(3), new DateTime(2028, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, null },
        { "expired: no learner reminder (HR's digest counts it)", CompetenceStatus.Expired, Today.AddDays(3), new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AStateGivesAtMostOneReminder_WithTheDayItIsAbout(string why, CompetenceStatus status, DateOnly? due, DateTime? validUntil, ReminderEvent? expected, DateOnly? occasion)
    {
        var reminder = ReminderRules.For(new CompetenceState(status, null, validUntil, due), Today);

        Assert.True(expected == reminder?.Event, why);
        Assert.True(occasion == reminder?.Occasion, why);
    }

    [Theory]
    [InlineData("2026-11-15", DayOfWeek.Monday, "2026-W46")]  // Sunday: still week 46 (its digest is sent once, whichever day)
    [InlineData("2026-11-16", DayOfWeek.Monday, "2026-W47")]  // Monday
    [InlineData("2026-11-18", DayOfWeek.Monday, "2026-W47")]  // Wednesday: the same week, so the same digest (caught up if Monday was missed)
    [InlineData("2026-11-22", DayOfWeek.Monday, "2026-W47")]  // Sunday ends the ISO week
    [InlineData("2026-11-16", DayOfWeek.Wednesday, null)]     // before the digest day in its week
    [InlineData("2026-11-22", DayOfWeek.Sunday, "2026-W47")]
    [InlineData("2026-11-21", DayOfWeek.Sunday, null)]
    [InlineData("2027-01-01", DayOfWeek.Monday, "2026-W53")]  // a Friday in ISO week 53 of 2026
    [InlineData("2025-12-29", DayOfWeek.Monday, "2026-W01")]  // the ISO year, not the calendar year
    public void TheHrDigest_IsDueFromItsWeekdayToTheEndOfTheIsoWeek(string day, DayOfWeek digestDay, string? week) =>
        Assert.Equal(week, ReminderRules.DigestWeek(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), digestDay));

    [Theory]
    [InlineData("2026-11-16T04:59:59Z", "2026-11-16T05:00:00Z")]  // winter time: 06:00 in Sweden is 05:00 UTC
    [InlineData("2026-11-16T05:00:00Z", "2026-11-17T05:00:00Z")]  // at the moment itself: the next day's
    [InlineData("2026-11-16T23:30:00Z", "2026-11-17T05:00:00Z")]  // 00:30 on the 17th in Sweden: that morning
    [InlineData("2026-06-01T03:59:00Z", "2026-06-01T04:00:00Z")]  // summer time: 04:00 UTC
    [InlineData("2026-03-28T06:00:00Z", "2026-03-29T04:00:00Z")]  // over the spring-forward night
    [InlineData("2026-10-24T06:00:00Z", "2026-10-25T05:00:00Z")]  // over the fall-back night
    public void TheDailyRun_IsTheNextSixOClockInSweden(string now, string next) =>
        Assert.Equal(Utc(next), ReminderRules.NextRun(Utc(now), new TimeOnly(6, 0)));

    [Fact]
    public void ARunTimeInTheSpringForwardGap_MovesPastTheGap() =>
        Assert.Equal(Utc("2026-03-29T01:00:00Z"), ReminderRules.AtInSweden(new DateOnly(2026, 3, 29), new TimeOnly(2, 30)));

    private static DateTime Utc(string value) =>
        DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
}
