using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Training.Web.Accounts;

namespace Training.Web.Data;

/// <summary>The agency boundary, in one place: which people a signed-in person may see.</summary>
public static class UserQueries
{
    /// <summary>Admins see everyone; HR sees their own agency; anyone else sees no one (their own record goes through their own id).</summary>
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
        return users.Where(_ => false);
    }

    /// <summary>Search by name, email or employee number (case-insensitive for ASCII; SQLite's LIKE).</summary>
    public static IQueryable<User> Matching(this IQueryable<User> users, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return users;
        }
        var pattern = ContainsPattern(search);
        return users.Where(u => EF.Functions.Like(u.Name, pattern, "\\")
            || EF.Functions.Like(u.Email!, pattern, "\\")
            || EF.Functions.Like(u.EmployeeNumber!, pattern, "\\"));
    }

    /// <summary>A LIKE pattern (escaped with a backslash) that finds <paramref name="search"/>, trimmed, anywhere in a text.</summary>
    public static string ContainsPattern(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
