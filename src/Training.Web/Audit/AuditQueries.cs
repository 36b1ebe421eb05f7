using System.Security.Claims;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Audit;

/// <summary>Which audit entries a signed-in person may read, in one place.</summary>
public static class AuditQueries
{
    /// <summary>Admins read every entry; HR reads the entries that belong to their own agency; anyone else none.</summary>
    public static IQueryable<AuditEntry> VisibleTo(this IQueryable<AuditEntry> entries, ClaimsPrincipal viewer)
    {
        if (viewer.IsInRole(Roles.Admin))
        {
            return entries;
        }
        if (viewer.IsInRole(Roles.Hr))
        {
            var agencyId = viewer.AgencyIdOf();
            return entries.Where(e => e.AgencyId == agencyId);
        }
        return entries.Where(_ => false);
    }
}
