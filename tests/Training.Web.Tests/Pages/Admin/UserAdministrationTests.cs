using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Admin;

/// <summary>/admin/anvandare/{id} and HR's activation on /hr/medarbetare/{id}: each change, its audit entry and its effect on sessions.</summary>
public class UserAdministrationTests(StaffSite staff) : IClassFixture<StaffSite>
{
    private TrainingSite Site => staff.Site;

    private static string PageOf(User person) => "/admin/anvandare/" + person.Id;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, User person, string handler, params (string Name, string Value)[] fields) =>
        Forms.PostAsync(client, $"{PageOf(person)}?handler={handler}", fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), PageOf(person));

    private List<string> RolesOf(User person) =>
        Site.WithDb(db => db.UserRoles.Where(r => r.UserId == person.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToList());

    private static async Task<HttpStatusCode> StatusOf(HttpClient client, string url) => (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode;

    [Fact]
    public async Task Post_Roles_AddsAndRemovesRoles_WithAnEntryForEach_NamingTheRoleInSwedish()
    {
        var person = await Site.CreateUserAsync("roller.byts@polisen.se", "polisen", Roles.Trainer);

        var page = await StaffSite.FollowAsync(staff.AsAdmin, await PostAsync(staff.AsAdmin, person, "Roles", ("roles", Roles.Hr)));

        Assert.Contains("Rollerna är sparade.", page, StringComparison.Ordinal);
        Assert.Equal([Roles.Hr, Roles.Learner], RolesOf(person));
        var entries = staff.EntriesAbout(person.Id);
        Assert.Collection(entries,
            added =>
            {
                Assert.Equal(AuditActions.RoleAdded, added.Action);
                Assert.Equal("Rollen HR lades till.", added.Details);
            },
            removed =>
            {
                Assert.Equal(AuditActions.RoleRemoved, removed.Action);
                Assert.Equal("Rollen Utbildare togs bort.", removed.Details);
            });
        Assert.All(entries, entry =>
        {
            Assert.Equal(staff.Admin.Id, entry.ActorId);
            Assert.Equal(StaffSite.AdminEmail, entry.ActorLabel);
            Assert.Equal(person.Email, entry.SubjectLabel);
            Assert.Equal(person.AgencyId, entry.AgencyId);
            Assert.Equal(staff.Now, entry.At);
        });
    }

    [Fact]
    public async Task Post_Roles_AlwaysKeepsLearner_AndChangesNothingWhenNothingChanged()
    {
        var person = await Site.CreateUserAsync("bara.deltagare@polisen.se");

        await PostAsync(staff.AsAdmin, person, "Roles"); // no box ticked: the learner role is not even sent

        Assert.Equal([Roles.Learner], RolesOf(person));
        Assert.Empty(staff.EntriesAbout(person.Id));
    }

    [Fact]
    public async Task Post_Roles_RemovingARole_EndsThePersonsSessionsAtOnce()
    {
        var person = await Site.CreateUserAsync("fd.hr.direkt@polisen.se", "polisen", Roles.Hr);
        var theirs = await Site.SignInAsync(person.Email!);
        Assert.Equal(HttpStatusCode.OK, await StatusOf(theirs, "/hr/medarbetare"));

        await PostAsync(staff.AsAdmin, person, "Roles", ("roles", Roles.Trainer));

        // the clock has not moved: no five-minute stamp check, the session itself is gone
        var after = await theirs.GetAsync(new Uri("/hr/medarbetare", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/konto/logga-in", after.Headers.Location!.AbsolutePath);
        Assert.Equal([Roles.Learner, Roles.Trainer], RolesOf(person));
    }

    [Fact]
    public async Task Post_Deactivate_EndsTheSessionsAtOnce_RefusesSignIn_AndActivateLetsThemBack()
    {
        var person = await Site.CreateUserAsync("inaktiveras@polisen.se");
        var theirs = await Site.SignInAsync(person.Email!);
        Assert.Equal(HttpStatusCode.OK, await StatusOf(theirs, "/moduler"));

        var page = await StaffSite.FollowAsync(staff.AsAdmin, await PostAsync(staff.AsAdmin, person, "Deactivate"));

        Assert.Contains("Kontot är inaktiverat och alla inloggningar har avslutats.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await StatusOf(theirs, "/moduler"));
        Assert.False(Site.WithDb(db => db.Users.Single(u => u.Id == person.Id).IsActive));
        var refused = await Forms.PostAsync(Site.NewClient(), "/konto/logga-in", new() { ["Input.Email"] = person.Email!, ["Input.Password"] = TrainingSite.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the form again, not a redirect into the site

        staff.Clock.Advance(TimeSpan.FromMinutes(3));
        await PostAsync(staff.AsAdmin, person, "Activate");

        Assert.True(Site.WithDb(db => db.Users.Single(u => u.Id == person.Id).IsActive));
        await Site.SignInAsync(person.Email!);
        var entries = staff.EntriesAbout(person.Id).Where(e => e.Action is AuditActions.Deactivated or AuditActions.Activated).ToList();
        Assert.Equal([AuditActions.Deactivated, AuditActions.Activated], entries.Select(e => e.Action));
        Assert.Equal(staff.Now - TimeSpan.FromMinutes(3), entries[0].At);
        Assert.Equal(staff.Now, entries[1].At);
        Assert.All(entries, e => Assert.Equal(StaffSite.AdminEmail, e.ActorLabel));
    }

    [Fact]
    public async Task Post_Agency_MovesThePerson_ClearingUnitJobRoleAndEmployeeNumber_WithAUserChangedEntry()
    {
        var person = await Site.CreateUserAsync("flyttar@polisen.se");
        Assert.NotNull(person.UnitId);
        var theirs = await Site.SignInAsync(person.Email!);

        var page = await StaffSite.FollowAsync(staff.AsAdmin, await PostAsync(staff.AsAdmin, person, "Agency", ("agency", "aklagare")));

        Assert.Contains("Personen hör nu till Åklagarmyndigheten.", page, StringComparison.Ordinal);
        var moved = Site.WithDb(db => db.Users.Include(u => u.Agency).Single(u => u.Id == person.Id));
        Assert.Equal("aklagare", moved.Agency.Code);
        Assert.Null(moved.UnitId);
        Assert.Null(moved.JobRoleId);
        Assert.Null(moved.EmployeeNumber);
        var entry = Assert.Single(staff.EntriesAbout(person.Id));
        Assert.Equal(AuditActions.UserChanged, entry.Action);
        Assert.Equal(moved.AgencyId, entry.AgencyId);
        Assert.StartsWith("Flyttad från Polismyndigheten till Åklagarmyndigheten.", entry.Details, StringComparison.Ordinal);
        Assert.Equal(staff.Now, entry.At);
        Assert.Equal(HttpStatusCode.Redirect, await StatusOf(theirs, "/moduler")); // their agency was in the session
    }

    [Fact]
    public async Task Post_ResetTwoFactor_TurnsItOff_ForgetsKeyAndRecoveryCodes_EndsSessions_WithAnEntry()
    {
        var person = await Site.CreateUserAsync("tappade.telefonen@polisen.se", "polisen", Roles.Hr);
        var theirs = await Site.SignInAsync(person.Email!);
        string? keyBefore = null;
        await Site.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByIdAsync(person.Id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            keyBefore = await users.GetAuthenticatorKeyAsync(user);
        });
        Assert.Equal(HttpStatusCode.OK, await StatusOf(theirs, "/moduler"));

        var page = await StaffSite.FollowAsync(staff.AsAdmin, await PostAsync(staff.AsAdmin, person, "ResetTwoFactor"));

        Assert.Contains("Tvåstegsverifieringen är återställd.", page, StringComparison.Ordinal);
        await Site.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByIdAsync(person.Id))!;
            Assert.False(await users.GetTwoFactorEnabledAsync(user));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
            Assert.NotEqual(keyBefore, await users.GetAuthenticatorKeyAsync(user));
        });
        Assert.Equal(HttpStatusCode.Redirect, await StatusOf(theirs, "/moduler"));
        var entry = Assert.Single(staff.EntriesAbout(person.Id), e => e.Action == AuditActions.TwoFactorReset);
        Assert.Equal(staff.Admin.Id, entry.ActorId);
        Assert.Equal(staff.Now, entry.At);
    }

    [Fact]
    public async Task Hr_DeactivatesAndActivatesTheirOwnAgencysEmployee_WithTheSameEntries()
    {
        var person = await Site.CreateUserAsync("hr.inaktiverar@polisen.se");
        var theirs = await Site.SignInAsync(person.Email!);
        var page = "/hr/medarbetare/" + person.Id;

        var done = await StaffSite.FollowAsync(staff.AsHr, await Forms.PostAsync(staff.AsHr, page + "?handler=Deactivate", new Dictionary<string, string>(), page));

        Assert.Contains("Kontot är inaktiverat och alla inloggningar har avslutats.", done, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await StatusOf(theirs, "/moduler"));
        await Forms.PostAsync(staff.AsHr, page + "?handler=Activate", new Dictionary<string, string>(), page);
        var entries = staff.EntriesAbout(person.Id);
        Assert.Equal([AuditActions.Deactivated, AuditActions.Activated], entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.Equal(staff.Hr.Id, e.ActorId);
            Assert.Equal(StaffSite.HrEmail, e.ActorLabel);
            Assert.Equal(staff.Now, e.At);
        });
    }

    [Fact]
    public async Task Hr_CannotDeactivateAnotherAgencysEmployee()
    {
        var other = await Site.CreateUserAsync("utanfor.hr@aklagare.se", "aklagare");
        var own = await Site.CreateUserAsync("innanfor.hr@polisen.se");
        var token = Forms.AntiforgeryToken(await staff.AsHr.GetStringAsync(new Uri("/hr/medarbetare/" + own.Id, UriKind.Relative)));

        var response = await staff.AsHr.PostAsync(new Uri($"/hr/medarbetare/{other.Id}?handler=Deactivate", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(Site.WithDb(db => db.Users.Single(u => u.Id == other.Id).IsActive));
        Assert.Empty(staff.EntriesAbout(other.Id));
    }

    [Fact]
    public async Task Hr_CannotReachAdminHandlers_EvenWithAValidToken()
    {
        var person = await Site.CreateUserAsync("skyddad@polisen.se");
        var token = Forms.AntiforgeryToken(await staff.AsHr.GetStringAsync(new Uri("/hr/medarbetare/" + person.Id, UriKind.Relative)));

        var response = await staff.AsHr.PostAsync(new Uri($"{PageOf(person)}?handler=Roles", UriKind.Relative),
            new FormUrlEncodedContent([new("roles", Roles.Admin), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal([Roles.Learner], RolesOf(person));
    }

    [Fact]
    public async Task TheUserList_SearchesAndFiltersByAgency()
    {
        await Site.CreateUserAsync("sokbar.polis@polisen.se");
        await Site.CreateUserAsync("sokbar.aklagare@aklagare.se", "aklagare");

        var all = await staff.AsAdmin.GetStringAsync(new Uri("/admin/anvandare?sok=sokbar", UriKind.Relative));
        var aklagare = await staff.AsAdmin.GetStringAsync(new Uri("/admin/anvandare?sok=sokbar&myndighet=aklagare", UriKind.Relative));

        Assert.Contains("sokbar.polis@polisen.se", all, StringComparison.Ordinal);
        Assert.Contains("sokbar.aklagare@aklagare.se", all, StringComparison.Ordinal);
        Assert.Contains("2 användare", all, StringComparison.Ordinal);
        Assert.Contains("sokbar.aklagare@aklagare.se", aklagare, StringComparison.Ordinal);
        Assert.DoesNotContain("sokbar.polis@polisen.se", aklagare, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUserList_FindsSwedishLetters_WhateverTheirCase_OnEitherDatabase()
    {
        var person = await Site.CreateUserAsync("asa.ostlund@polisen.se");
        await Site.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrainingDbContext>();
            var stored = await db.Users.SingleAsync(u => u.Id == person.Id);
            stored.Name = "Åsa Östlund-Ärlig";
            await db.SaveChangesAsync();
        });

        foreach (var search in new[] { "ÅSA ÖSTLUND", "åsa östlund", "östlund-ärlig", "ÄRLIG" })
        {
            var page = await staff.AsAdmin.GetStringAsync(new Uri("/admin/anvandare?sok=" + Uri.EscapeDataString(search), UriKind.Relative));
            Assert.True(page.Contains("asa.ostlund@polisen.se", StringComparison.Ordinal), $"{search} ({TestDatabase.Provider}) did not find Åsa Östlund-Ärlig");
        }
        var other = await staff.AsAdmin.GetStringAsync(new Uri("/admin/anvandare?sok=" + Uri.EscapeDataString("Östlund-Ärligare"), UriKind.Relative));
        Assert.DoesNotContain("asa.ostlund@polisen.se", other, StringComparison.Ordinal);
    }
}
