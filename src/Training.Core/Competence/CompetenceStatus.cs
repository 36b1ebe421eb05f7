namespace Training.Core.Competence;

/// <summary>A person's standing on one requirement. Derived from the record every time, never stored as truth.</summary>
public enum CompetenceStatus
{
    /// <summary>Nothing done, and the due date (if any) has not passed.</summary>
    NotStarted,
    /// <summary>A section of the current version read or an attempt of it made, no valid completion, not overdue.</summary>
    InProgress,
    /// <summary>No valid completion, and the due date has passed.</summary>
    Overdue,
    /// <summary>The counting completion has expired.</summary>
    Expired,
    /// <summary>Valid, but it ends within the renewal window.</summary>
    Expiring,
    /// <summary>Valid, and not yet within the renewal window.</summary>
    Completed,
}

/// <summary>What a requirement asks, as the status rule needs it.</summary>
public sealed record CompetenceRequirement
{
    /// <summary>The renewal window, in days, when a requirement names none.</summary>
    public const int DefaultRenewalWindowDays = 60;

    /// <summary>A fixed due date (a day in Sweden); when set, it wins over <see cref="DueWithinDays"/>.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>
    /// Due this many days after the later of the person's start date, the day they joined their agency and
    /// <see cref="AppliesFrom"/>; null (with no <see cref="DueDate"/>) for no due date.
    /// </summary>
    public int? DueWithinDays { get; init; }

    /// <summary>The day the requirement began to apply (its creation): people employed before it count their days from here.</summary>
    public DateOnly? AppliesFrom { get; init; }

    /// <summary>How many days before its end a completion shows as expiring.</summary>
    public int RenewalWindowDays { get; init; } = DefaultRenewalWindowDays;

    /// <summary>How many days after a new major version's first storing completions of earlier majors still count.</summary>
    public int GraceDays { get; init; } = CountingCompletion.DefaultGraceDays;
}

/// <summary>The person, as the status rule needs them.</summary>
/// <param name="StartDate">The day they started their employment, if known.</param>
/// <param name="JoinedAgencyOn">The day they joined their current agency (a move starts relative due dates again), if known.</param>
public sealed record CompetencePerson(DateOnly? StartDate, DateOnly? JoinedAgencyOn);

/// <summary>A person's status on a requirement, with what it rests on.</summary>
/// <param name="Status">The status.</param>
/// <param name="Counting">The completion that counts, if any (valid or expired).</param>
/// <param name="ValidUntil">Until when the counting completion keeps the person competent (UTC); null when it does not end.</param>
/// <param name="DueDate">The day the requirement is due for this person; null when it has none.</param>
public sealed record CompetenceState(CompetenceStatus Status, CompletionFact? Counting, DateTime? ValidUntil, DateOnly? DueDate);

/// <summary>
/// The status of a person on a requirement: <c>completed</c> and <c>expiring</c> while the counting completion is
/// valid, <c>expired</c> once it has ended, and without one <c>overdue</c> after the due date, <c>in_progress</c> with
/// work begun on the current version, else <c>not_started</c>. Completions are kept across agency moves; a relative
/// due date counts from the move.
/// </summary>
public static class CompetenceRules
{
    /// <summary>The time zone whose calendar days due dates are.</summary>
    public static readonly TimeZoneInfo Sweden = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    /// <summary>The day in Sweden at <paramref name="utc"/>.</summary>
    public static DateOnly DayInSweden(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Sweden));

    /// <summary>The day the requirement is due for the person, or null when it has no due date.</summary>
    public static DateOnly? DueDate(CompetenceRequirement requirement, CompetencePerson person)
    {
        if (requirement.DueDate is { } fixedDate)
        {
            return fixedDate;
        }
        if (requirement.DueWithinDays is not { } days)
        {
            return null;
        }
        DateOnly? from = null;
        foreach (var day in new[] { person.StartDate, person.JoinedAgencyOn, requirement.AppliesFrom })
        {
            if (day is { } d && (from is null || d > from))
            {
                from = d;
            }
        }
        return from?.AddDays(days);
    }

    /// <summary>The person's status on the requirement for <paramref name="module"/> at <paramref name="now"/> (UTC).</summary>
    /// <param name="requirement">The requirement.</param>
    /// <param name="person">The person.</param>
    /// <param name="module">The module as served now.</param>
    /// <param name="completions">The person's completions (any module, any agency).</param>
    /// <param name="begun">Whether a section of the current version was read or an attempt of it made.</param>
    /// <param name="now">The moment (UTC).</param>
    public static CompetenceState StatusOf(
        CompetenceRequirement requirement, CompetencePerson person, CurrentModule module, IEnumerable<CompletionFact> completions, bool begun, DateTime now)
    {
        var due = DueDate(requirement, person);
        var counting = CountingCompletion.Latest(completions, module, now, requirement.GraceDays);
        if (counting is not null)
        {
            var validUntil = CountingCompletion.ValidUntil(counting, module, requirement.GraceDays);
            var status = validUntil is not { } until ? CompetenceStatus.Completed
                : now >= until ? CompetenceStatus.Expired
                : now >= until.AddDays(-requirement.RenewalWindowDays) ? CompetenceStatus.Expiring
                : CompetenceStatus.Completed;
            // An earlier major's completion whose grace has ended no longer counts at all (handled by Latest), so Expired here is a real expiry.
            return new CompetenceState(status, counting, validUntil, due);
        }
        var overdue = due is { } d && DayInSweden(now) > d;
        return new CompetenceState(
            overdue ? CompetenceStatus.Overdue : begun ? CompetenceStatus.InProgress : CompetenceStatus.NotStarted, null, null, due);
    }
}
