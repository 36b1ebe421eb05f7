namespace Training.Core.Competence;

/// <summary>Who a requirement is for within its agency: everyone, or narrowed to one unit and/or some job roles.</summary>
/// <param name="UnitId">Only people of this unit, when set.</param>
/// <param name="JobRoleIds">Only people with one of these job roles, when any.</param>
public sealed record RequirementAudience(int? UnitId, IReadOnlyCollection<int> JobRoleIds)
{
    /// <summary>Whether a person of the requirement's agency with this unit and job role is required.</summary>
    public bool Includes(int? unitId, int? jobRoleId) =>
        (UnitId is null || UnitId == unitId) && (JobRoleIds.Count == 0 || jobRoleId is { } role && JobRoleIds.Contains(role));
}

/// <summary>
/// What comes first on a learner's list and in reminders: overdue, then expired, then expiring (soonest end first), then
/// what is still to do (soonest due date first, work begun before work not begun), then what is completed.
/// </summary>
public static class CompetenceUrgency
{
    /// <summary>A comparer that puts the most urgent state first.</summary>
    public static readonly IComparer<CompetenceState> MostUrgentFirst = Comparer<CompetenceState>.Create(Compare);

    /// <summary>Negative when <paramref name="a"/> is more urgent than <paramref name="b"/>.</summary>
    public static int Compare(CompetenceState a, CompetenceState b)
    {
        var byRank = Rank(a.Status).CompareTo(Rank(b.Status));
        if (byRank != 0)
        {
            return byRank;
        }
        var byDay = CompareDays(Day(a), Day(b));
        if (byDay != 0)
        {
            return byDay;
        }
        return (a.Status == CompetenceStatus.InProgress ? 0 : 1).CompareTo(b.Status == CompetenceStatus.InProgress ? 0 : 1);
    }

    /// <summary>The most urgent of several states (several requirements can ask for the same module); null for none.</summary>
    public static CompetenceState? MostUrgent(IEnumerable<CompetenceState> states) => states.Order(MostUrgentFirst).FirstOrDefault();

    /// <summary>Whether the state asks something of the person now: anything but completed.</summary>
    public static bool NeedsAction(CompetenceStatus status) => status != CompetenceStatus.Completed;

    private static int Rank(CompetenceStatus status) => status switch
    {
        CompetenceStatus.Overdue => 0,
        CompetenceStatus.Expired => 1,
        CompetenceStatus.Expiring => 2,
        CompetenceStatus.InProgress or CompetenceStatus.NotStarted => 3,
        _ => 4,
    };

    /// <summary>The day that matters for the order: when it ends for a completion, when it is due otherwise.</summary>
    private static DateOnly? Day(CompetenceState state) =>
        state.ValidUntil is { } until ? CompetenceRules.DayInSweden(until) : state.DueDate;

    private static int CompareDays(DateOnly? a, DateOnly? b) =>
        (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } x, { } y) => x.CompareTo(y),
        };
}
