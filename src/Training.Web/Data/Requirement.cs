using Training.Core.Competence;

namespace Training.Web.Data;

/// <summary>
/// "Module M (or every module of track T) is mandatory for these people of agency A, due by then." The people are
/// everyone in the agency, or narrowed to one unit and/or some job roles. A requirement is never deleted, only
/// removed (<see cref="RemovedAt"/>), so reminders and the audit log keep what they refer to; completions are never
/// touched by it.
/// </summary>
public class Requirement
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;

    /// <summary>The module that is mandatory; exactly one of this and <see cref="TrackId"/> is set.</summary>
    public string? ModuleId { get; set; }

    /// <summary>The track whose every module is mandatory; exactly one of this and <see cref="ModuleId"/> is set.</summary>
    public string? TrackId { get; set; }

    /// <summary>Only people of this unit, when set.</summary>
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }

    /// <summary>Only people with one of these job roles, when any.</summary>
    public List<RequirementJobRole> JobRoles { get; set; } = [];

    /// <summary>Due this many days after the person's start (or the requirement's creation for people already employed).</summary>
    public int? DueWithinDays { get; set; }

    /// <summary>Due by this day for everyone; wins over <see cref="DueWithinDays"/>.</summary>
    public DateOnly? DueDate { get; set; }

    public int RenewalWindowDays { get; set; } = CompetenceRequirement.DefaultRenewalWindowDays;
    public int GraceDays { get; set; } = CountingCompletion.DefaultGraceDays;

    public DateTime CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTime? ChangedAt { get; set; }
    public DateTime? RemovedAt { get; set; }

    /// <summary>What the competence rules need of it.</summary>
    public CompetenceRequirement Rule => new()
    {
        DueDate = DueDate,
        DueWithinDays = DueWithinDays,
        AppliesFrom = CompetenceRules.DayInSweden(CreatedAt),
        RenewalWindowDays = RenewalWindowDays,
        GraceDays = GraceDays,
    };

    /// <summary>Who it is for (needs <see cref="JobRoles"/> loaded).</summary>
    public RequirementAudience Audience => new(UnitId, [.. JobRoles.Select(j => j.JobRoleId)]);
}

public class RequirementJobRole
{
    public int RequirementId { get; set; }
    public int JobRoleId { get; set; }
    public JobRole JobRole { get; set; } = null!;
}

/// <summary>Kinds of reminder message; with the person, requirement and occasion they make a reminder's unique key.</summary>
public static class ReminderKinds
{
    public const string DueSoon = "due_soon";
    public const string Overdue = "overdue";
    public const string Renewal = "renewal";
    public const string HrDigest = "hr_digest";
    public const string ManagerDigest = "manager_digest";
}

/// <summary>
/// A reminder that is to be sent, or was: written (under its unique <see cref="Key"/>) before the message is sent, so
/// a second run or a second host finds it and sends nothing; a failed send leaves <see cref="SentAt"/> empty for the
/// next run to retry, after whoever claimed it has let go (<see cref="ClaimedUntil"/>).
/// </summary>
public class ReminderDelivery
{
    public long Id { get; set; }

    /// <summary>What makes the message once-only, e.g. <c>overdue|{user}|{requirement}|{module}|{due date}</c>.</summary>
    public required string Key { get; set; }
    public required string Kind { get; set; }
    public required string UserId { get; set; }
    public int? RequirementId { get; set; }
    public string? ModuleId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public int Failures { get; set; }
}
