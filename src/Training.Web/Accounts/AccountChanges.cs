using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Accounts;

public enum AccountChangeResult
{
    Done,
    Unchanged,
    /// <summary>Refused: the site would be left without an active administrator.</summary>
    LastAdmin,
    /// <summary>Refused: the actor may not change this person's account (<see cref="AccountChanges.MayChangeAsync"/>).</summary>
    NotAllowed,
}

/// <summary>
/// The changes administrators (and, for activation, HR) make to someone's account, each written with its audit
/// entry. Each change reads the person afresh and is made in one short immediate transaction behind the write
/// gate, so the last-administrator check and the change cannot be interleaved with another admin's change:
/// two admins demoting each other at the same moment leave one of them an admin. Each asks
/// <see cref="MayChangeAsync"/> first, with the person's roles as they are in that transaction.
/// </summary>
public sealed class AccountChanges(TrainingDbContext db, UserManager<User> users, DbTicketStore sessions, AuditLog auditLog, DatabaseWrites writes, TimeProvider clock)
{
    /// <summary>
    /// Whose account <paramref name="actor"/> may change (design §4): an admin anyone's; HR only the people of its own
    /// agency who hold neither <c>hr</c> nor <c>admin</c>, so not its own either. Pages ask it to decide what to offer.
    /// </summary>
    public async Task<bool> MayChangeAsync(ClaimsPrincipal actor, User person) =>
        MayChange(actor, person, await users.GetRolesAsync(person));

    private static bool MayChange(ClaimsPrincipal actor, User person, ICollection<string> personRoles) =>
        actor.IsInRole(Roles.Admin)
        || (actor.IsInRole(Roles.Hr)
            && person.AgencyId == actor.AgencyIdOf()
            && person.Id != actor.UserIdOf()
            && !personRoles.Contains(Roles.Hr)
            && !personRoles.Contains(Roles.Admin));

    /// <summary>Activates or deactivates; a deactivated person's sessions end at once.</summary>
    public async Task<AccountChangeResult> SetActiveAsync(ClaimsPrincipal actor, User person, bool active)
    {
        var outcome = await writes.RunAsync(db, async () =>
        {
            await db.Entry(person).ReloadAsync();
            if (!await MayChangeAsync(actor, person))
            {
                return AccountChangeResult.NotAllowed;
            }
            if (person.IsActive == active || person.AnonymisedAt is not null)
            {
                return AccountChangeResult.Unchanged;
            }
            if (!active && await IsLastActiveAdminAsync(person))
            {
                return AccountChangeResult.LastAdmin;
            }
            person.IsActive = active;
            person.DeactivatedAt = active ? null : clock.GetUtcNow().UtcDateTime;
            auditLog.Add(db, actor, active ? AuditActions.Activated : AuditActions.Deactivated, person);
            Check(await users.UpdateSecurityStampAsync(person));
            return AccountChangeResult.Done;
        });
        if (outcome != AccountChangeResult.Done)
        {
            return outcome;
        }
        if (!active)
        {
            await sessions.RemoveAllAsync(db, person.Id);
        }
        return AccountChangeResult.Done;
    }

    /// <summary>
    /// Gives the person exactly <paramref name="wanted"/> of <see cref="Roles.All"/>, always keeping learner. A removed
    /// role ends the person's sessions, so it stops working at once rather than at the next stamp check.
    /// </summary>
    public async Task<AccountChangeResult> SetRolesAsync(ClaimsPrincipal actor, User person, IEnumerable<string> wanted)
    {
        var target = wanted.Where(Roles.All.Contains).Append(Roles.Learner).ToHashSet(StringComparer.Ordinal);
        var removedAny = false;
        var outcome = await writes.RunAsync(db, async () =>
        {
            await db.Entry(person).ReloadAsync();
            var current = (await users.GetRolesAsync(person)).ToHashSet(StringComparer.Ordinal);
            if (!MayChange(actor, person, current))
            {
                return AccountChangeResult.NotAllowed;
            }
            var added = Roles.All.Where(r => target.Contains(r) && !current.Contains(r)).ToList();
            var removed = Roles.All.Where(r => current.Contains(r) && !target.Contains(r)).ToList();
            if (added.Count == 0 && removed.Count == 0)
            {
                return AccountChangeResult.Unchanged;
            }
            if (removed.Contains(Roles.Admin) && await IsLastActiveAdminAsync(person))
            {
                return AccountChangeResult.LastAdmin;
            }
            foreach (var role in added)
            {
                auditLog.Add(db, actor, AuditActions.RoleAdded, person, $"Rollen {Policies.RoleName(role)} lades till.");
                Check(await users.AddToRoleAsync(person, role));
            }
            foreach (var role in removed)
            {
                auditLog.Add(db, actor, AuditActions.RoleRemoved, person, $"Rollen {Policies.RoleName(role)} togs bort.");
                Check(await users.RemoveFromRoleAsync(person, role));
            }
            removedAny = removed.Count > 0;
            if (removedAny)
            {
                Check(await users.UpdateSecurityStampAsync(person));
            }
            return AccountChangeResult.Done;
        });
        if (outcome != AccountChangeResult.Done)
        {
            return outcome;
        }
        if (removedAny)
        {
            await sessions.RemoveAllAsync(db, person.Id);
        }
        return AccountChangeResult.Done;
    }

    /// <summary>
    /// Gives a manager exactly these units of their own agency to answer for (an admin's change; units of another agency
    /// are ignored). Takes effect on the manager's next request: the units are read from the database, not the session.
    /// </summary>
    public async Task<AccountChangeResult> SetManagedUnitsAsync(ClaimsPrincipal actor, User person, IEnumerable<int> unitIds)
    {
        if (!actor.IsInRole(Roles.Admin))
        {
            return AccountChangeResult.NotAllowed;
        }
        var wanted = unitIds.ToHashSet();
        var outcome = await writes.RunAsync(db, async () =>
        {
            await db.Entry(person).ReloadAsync();
            var units = await db.Units.Where(u => u.AgencyId == person.AgencyId).ToListAsync();
            var target = units.Where(u => wanted.Contains(u.Id)).ToList();
            var current = await db.ManagerUnits.Where(m => m.UserId == person.Id).ToListAsync();
            if (current.Select(m => m.UnitId).ToHashSet().SetEquals(target.Select(u => u.Id)))
            {
                return AccountChangeResult.Unchanged;
            }
            db.ManagerUnits.RemoveRange(current);
            db.ManagerUnits.AddRange(target.Select(u => new ManagerUnit { UserId = person.Id, UnitId = u.Id }));
            var names = target.Count == 0 ? "inga" : string.Join(", ", target.Select(u => u.Name).Order(StringComparer.Ordinal));
            auditLog.Add(db, actor, AuditActions.UserChanged, person, $"Enheter som chef: {names}.");
            await db.SaveChangesAsync();
            return AccountChangeResult.Done;
        });
        if (outcome != AccountChangeResult.Done)
        {
            return outcome;
        }
        return AccountChangeResult.Done;
    }

    /// <summary>
    /// Moves the person to another agency. Unit, job role and employee number belonged to the old agency and are
    /// cleared. The sessions end, since the agency in them decides what an HR person sees.
    /// </summary>
    public async Task<AccountChangeResult> MoveAsync(ClaimsPrincipal actor, User person, Agency to)
    {
        var outcome = await writes.RunAsync(db, async () =>
        {
            await db.Entry(person).ReloadAsync();
            if (!await MayChangeAsync(actor, person))
            {
                return AccountChangeResult.NotAllowed;
            }
            if (person.AgencyId == to.Id)
            {
                return AccountChangeResult.Unchanged;
            }
            var from = await db.Agencies.Where(a => a.Id == person.AgencyId).Select(a => a.Name).FirstAsync();
            person.Agency = to;
            person.AgencyId = to.Id;
            person.Unit = null;
            person.UnitId = null;
            person.JobRole = null;
            person.JobRoleId = null;
            person.EmployeeNumber = null;
            db.ManagerUnits.RemoveRange(await db.ManagerUnits.Where(m => m.UserId == person.Id).ToListAsync());
            person.JoinedAgencyOn = CompetenceRules.DayInSweden(clock.GetUtcNow().UtcDateTime);
            auditLog.Add(db, actor, AuditActions.UserChanged, person,
                $"Flyttad från {from} till {to.Name}. Enhet, befattning, anställningsnummer och enheter som chef hos {from} togs bort.");
            Check(await users.UpdateSecurityStampAsync(person));
            return AccountChangeResult.Done;
        });
        if (outcome != AccountChangeResult.Done)
        {
            return outcome;
        }
        await sessions.RemoveAllAsync(db, person.Id);
        return AccountChangeResult.Done;
    }

    /// <summary>
    /// Turns two-factor sign-in off and forgets the authenticator key and any recovery codes; the person sets it up
    /// again. Their sessions end, since each says whether two-factor sign-in is set up.
    /// </summary>
    public async Task<AccountChangeResult> ResetTwoFactorAsync(ClaimsPrincipal actor, User person)
    {
        var outcome = await writes.RunAsync(db, async () =>
        {
            await db.Entry(person).ReloadAsync();
            if (!await MayChangeAsync(actor, person))
            {
                return AccountChangeResult.NotAllowed;
            }
            auditLog.Add(db, actor, AuditActions.TwoFactorReset, person);
            Check(await users.SetTwoFactorEnabledAsync(person, false));
            Check(await users.ResetAuthenticatorKeyAsync(person));
            if (await users.CountRecoveryCodesAsync(person) > 0)
            {
                await users.GenerateNewTwoFactorRecoveryCodesAsync(person, 0);
            }
            return AccountChangeResult.Done;
        });
        if (outcome != AccountChangeResult.Done)
        {
            return outcome;
        }
        await sessions.RemoveAllAsync(db, person.Id);
        return AccountChangeResult.Done;
    }

    /// <summary>True when <paramref name="person"/> is an active admin and no one else is.</summary>
    private async Task<bool> IsLastActiveAdminAsync(User person) =>
        person.IsActive
        && await users.IsInRoleAsync(person, Roles.Admin)
        && !await db.Users.AnyAsync(u => u.Id != person.Id && u.IsActive
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Kontot kunde inte ändras: " + string.Join(" ", result.Errors.Select(e => e.Code)));
        }
    }
}
