namespace Training.Web.Data;

/// <summary>
/// A unit a manager (<see cref="Roles.Manager"/>) answers for: they see the overview and the people of their units only.
/// Given on the person's admin page; a unit of another agency than the manager's is never stored.
/// </summary>
public class ManagerUnit
{
    public required string UserId { get; set; }
    public int UnitId { get; set; }
    public Unit Unit { get; set; } = null!;
}
