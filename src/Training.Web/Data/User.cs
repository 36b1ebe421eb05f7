using Microsoft.AspNetCore.Identity;

namespace Training.Web.Data;

/// <summary>A person with an account. The id is an opaque GUID string, used in URLs instead of anything personal.</summary>
public class User : IdentityUser
{
    public User()
    {
        Id = Guid.NewGuid().ToString("N");
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public required string Name { get; set; }

    /// <summary>The surname first, folded for sorting; computed by the database from <see cref="Name"/> (<see cref="SurnameOrder"/>).</summary>
    public string SortName { get; private set; } = "";
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string? EmployeeNumber { get; set; }
    public int? JobRoleId { get; set; }
    public JobRole? JobRole { get; set; }
    public DateOnly? StartDate { get; set; }

    /// <summary>
    /// The day (in Sweden) they moved to their current agency; null when they have been in it since their account was
    /// made. A move starts the new agency's relative due dates again.
    /// </summary>
    public DateOnly? JoinedAgencyOn { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>When the account was last deactivated (UTC): the day they left, from which the agency's retention period runs.</summary>
    public DateTime? DeactivatedAt { get; set; }

    /// <summary>When their name, addresses and employee number were replaced (<see cref="Privacy.Anonymisation"/>); null until then.</summary>
    public DateTime? AnonymisedAt { get; set; }

    /// <summary>Set for a one-time password (admin create): nothing but changing it works until it is changed.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>The platform's roles (design §4). Everyone is a learner.</summary>
public static class Roles
{
    public const string Learner = "learner";
    public const string Trainer = "trainer";
    public const string Hr = "hr";
    public const string Admin = "admin";

    /// <summary>A manager (chef): sees the overview and the people of their units (<see cref="ManagerUnit"/>), changes and exports nothing.</summary>
    public const string Manager = "chef";

    public static readonly string[] All = [Learner, Trainer, Manager, Hr, Admin];
}
