using System.Globalization;

namespace Training.Core.Competence;

/// <summary>What a learner is reminded of.</summary>
public enum ReminderEvent
{
    /// <summary>Not done, and due within <see cref="ReminderRules.DueSoonDays"/> days (the due day included).</summary>
    DueSoon,
    /// <summary>Not done, and the due date has passed.</summary>
    Overdue,
    /// <summary>Still valid, but within the renewal window: time to do it again.</summary>
    Renewal,
}

/// <summary>A reminder a state gives on a day: the event and the day it is about (the due date, or the day the competence ends).</summary>
/// <param name="Event">What happened.</param>
/// <param name="Occasion">The due date (due soon, overdue) or the day in Sweden the counting completion stops counting (renewal). With the person, requirement and module it makes the reminder once-only: a new due date or a new completion's end is a new occasion.</param>
public sealed record Reminder(ReminderEvent Event, DateOnly Occasion);

/// <summary>
/// When reminders are due: a learner hears once that a mandatory module is due soon, once that it is overdue, and once
/// each time a competence enters its renewal window; HR hears once a week. Each rule holds for as long as the situation
/// lasts, so a day the job did not run is caught up by the next run.
/// </summary>
public static class ReminderRules
{
    /// <summary>How many days ahead a due date gives a "due soon" reminder.</summary>
    public const int DueSoonDays = 14;

    /// <summary>The reminder the state gives on <paramref name="today"/> (a day in Sweden); null for none.</summary>
    public static Reminder? For(CompetenceState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status switch
        {
            CompetenceStatus.NotStarted or CompetenceStatus.InProgress when state.DueDate is { } due && due >= today && due <= today.AddDays(DueSoonDays)
                => new Reminder(ReminderEvent.DueSoon, due),
            CompetenceStatus.Overdue when state.DueDate is { } due => new Reminder(ReminderEvent.Overdue, due),
            CompetenceStatus.Expiring when state.ValidUntil is { } until => new Reminder(ReminderEvent.Renewal, CompetenceRules.DayInSweden(until)),
            _ => null,
        };
    }

    /// <summary>
    /// The ISO week ("2026-W45") whose HR digest is due on <paramref name="today"/>: from <paramref name="digestDay"/> to the
    /// end of its ISO week (Monday to Sunday), so that a digest day the job missed is caught up later that week; null before it.
    /// </summary>
    public static string? DigestWeek(DateOnly today, DayOfWeek digestDay)
    {
        if (IsoDayNumber(today.DayOfWeek) < IsoDayNumber(digestDay))
        {
            return null;
        }
        var date = today.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}");
    }

    private static int IsoDayNumber(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;

    /// <summary>The next moment (UTC) after <paramref name="nowUtc"/> that is <paramref name="runAt"/> o'clock in Sweden.</summary>
    public static DateTime NextRun(DateTime nowUtc, TimeOnly runAt)
    {
        var day = CompetenceRules.DayInSweden(nowUtc);
        while (true)
        {
            var at = AtInSweden(day, runAt);
            if (at > nowUtc)
            {
                return at;
            }
            day = day.AddDays(1);
        }
    }

    /// <summary>The moment (UTC) a day in Sweden reaches <paramref name="time"/> (on a spring-forward night, the hour after the gap).</summary>
    public static DateTime AtInSweden(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (CompetenceRules.Sweden.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, CompetenceRules.Sweden);
    }
}
