namespace Training.Core.Competence;

/// <summary>
/// What "compliant" means in the overview, the report and the trend: on a module, a valid counting completion
/// (<c>completed</c> or <c>expiring</c>); as a person, compliant on every module asked of them.
/// </summary>
public static class Compliance
{
    /// <summary>Whether the status keeps the person compliant on that module.</summary>
    public static bool IsCompliant(CompetenceStatus status) => status is CompetenceStatus.Completed or CompetenceStatus.Expiring;

    /// <summary>Whether a person with these statuses is compliant: every one of them is (and at least one is asked).</summary>
    public static bool IsCompliant(IEnumerable<CompetenceStatus> statuses)
    {
        var any = false;
        foreach (var status in statuses)
        {
            if (!IsCompliant(status))
            {
                return false;
            }
            any = true;
        }
        return any;
    }

    /// <summary>The share in whole percent, rounded down so that "100 %" always means everyone; null when there is no one.</summary>
    public static int? Percent(int compliant, int people) => people == 0 ? null : (int)(100L * compliant / people);
}
