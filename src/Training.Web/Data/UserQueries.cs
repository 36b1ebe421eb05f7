using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Training.Web.Accounts;

namespace Training.Web.Data;

/// <summary>The agency boundary, in one place: which people a signed-in person may see.</summary>
public static class UserQueries
{
    /// <summary>
    /// Admins see everyone; HR sees their own agency; a manager the people of their units in their own agency; anyone else
    /// sees no one (their own record goes through their own id).
    /// </summary>
    public static IQueryable<User> VisibleTo(this IQueryable<User> users, ClaimsPrincipal viewer)
    {
        if (viewer.IsInRole(Roles.Admin))
        {
            return users;
        }
        if (viewer.IsInRole(Roles.Hr))
        {
            var agencyId = viewer.AgencyIdOf();
            return users.Where(u => u.AgencyId == agencyId);
        }
        if (viewer.IsInRole(Roles.Manager))
        {
            var agencyId = viewer.AgencyIdOf();
            var managerId = viewer.UserIdOf();
            return users.Where(u => u.AgencyId == agencyId && u.Unit != null && u.Unit.Managers.Any(m => m.UserId == managerId));
        }
        return users.Where(_ => false);
    }

    /// <summary>The units a viewer may see in the overview: all of an agency for HR and admins, a manager's own units only.</summary>
    public static IQueryable<Unit> UnitsVisibleTo(this IQueryable<Unit> units, ClaimsPrincipal viewer, int agencyId)
    {
        units = units.Where(u => u.AgencyId == agencyId);
        if (viewer.IsInRole(Roles.Admin) || viewer.IsInRole(Roles.Hr))
        {
            return units;
        }
        var managerId = viewer.IsInRole(Roles.Manager) ? viewer.UserIdOf() : "";
        return units.Where(u => u.Managers.Any(m => m.UserId == managerId));
    }

    /// <summary>
    /// The active people of the units a manager answers for, in the manager's agency: whom their weekly digest is about
    /// (the same people <see cref="VisibleTo"/> shows them).
    /// </summary>
    public static IQueryable<User> ManagedBy(this IQueryable<User> users, User manager) =>
        users.Where(u => u.IsActive && u.AgencyId == manager.AgencyId && u.Unit != null && u.Unit.Managers.Any(m => m.UserId == manager.Id));

    /// <summary>Search by name, email or employee number, case-insensitive Swedish letters included (<see cref="SearchText"/>).</summary>
    public static IQueryable<User> Matching(this IQueryable<User> users, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return users;
        }
        var pattern = SearchText.ContainsPattern(search);
        return users.Where(u => EF.Functions.Like(SearchText.Fold(u.Name), pattern, "\\")
            || EF.Functions.Like(SearchText.Fold(u.Email), pattern, "\\")
            || EF.Functions.Like(SearchText.Fold(u.EmployeeNumber), pattern, "\\"));
    }
}
