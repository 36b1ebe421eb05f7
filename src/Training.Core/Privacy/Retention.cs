namespace Training.Core.Privacy;

/// <summary>
/// When a person who left is anonymised: an agency may set a retention period in whole months (none by default, and
/// then nobody is). A person is due once they have been deactivated for longer than the period, and only once.
/// </summary>
public static class Retention
{
    /// <summary>The longest period an administrator may set (ten years).</summary>
    public const int MaximumMonths = 120;

    /// <summary>Whether <paramref name="months"/> is a period an agency may have (1 to <see cref="MaximumMonths"/>).</summary>
    public static bool IsValidPeriod(int months) => months is >= 1 and <= MaximumMonths;

    /// <summary>
    /// The moment (UTC) before which a departure must lie for the person to be due at <paramref name="now"/>; null when
    /// the agency keeps people (no period). The query that finds people due asks this, and so does <see cref="IsDue"/>.
    /// </summary>
    public static DateTime? LeftBefore(int? retentionMonths, DateTime now) =>
        retentionMonths is { } months && IsValidPeriod(months) ? now.AddMonths(-months) : null;

    /// <summary>Whether a person is due for anonymisation at <paramref name="now"/>.</summary>
    /// <param name="isActive">Whether the account is active: an active person has not left, whatever else is recorded.</param>
    /// <param name="deactivatedAt">When they left (UTC); null when not known, and then never.</param>
    /// <param name="anonymisedAt">When they were anonymised; anyone already anonymised is not due again.</param>
    /// <param name="retentionMonths">The agency's period; null for none.</param>
    /// <param name="now">The moment of the run (UTC).</param>
    public static bool IsDue(bool isActive, DateTime? deactivatedAt, DateTime? anonymisedAt, int? retentionMonths, DateTime now) =>
        !isActive
        && anonymisedAt is null
        && deactivatedAt is { } left
        && LeftBefore(retentionMonths, now) is { } cutoff
        && left < cutoff;
}
