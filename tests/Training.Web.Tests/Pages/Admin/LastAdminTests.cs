using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Admin;

/// <summary>The site always keeps an active administrator. Each test has a site of its own, since the rule counts every admin.</summary>
public sealed class LastAdminTests : IAsyncLifetime
{
    private const string Refused = "Rollen Administratör kan inte tas bort från den sista aktiva administratören.";
    private const string DeactivationRefused = "Kontot kan inte inaktiveras: det är den sista aktiva administratören.";

    private readonly TrainingSite site = new();
    private User admin = null!;
    private HttpClient asAdmin = null!;

    public async Task InitializeAsync()
    {
        await site.StartAsync();
        admin = await site.CreateUserAsync("ensam.admin@polisen.se", "polisen", Roles.Admin);
        asAdmin = await site.SignInAsync(admin.Email!);
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, User person, string handler, params string[] roles) =>
        Forms.PostAsync(client, $"/admin/anvandare/{person.Id}?handler={handler}", roles.Select(r => KeyValuePair.Create("roles", r)), "/admin/anvandare/" + person.Id);

    private bool IsActiveAdmin(User person) => site.WithDb(db =>
        db.Users.Any(u => u.Id == person.Id && u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin))));

    [Fact]
    public async Task TheLastAdmin_CannotRemoveTheirOwnAdminRole()
    {
        var response = await PostAsync(asAdmin, admin, "Roles", Roles.Trainer);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Refused, string.Join(" ", Forms.Errors(html)), StringComparison.Ordinal);
        Assert.True(IsActiveAdmin(admin));
        Assert.Empty(site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.RoleAdded || e.Action == AuditActions.RoleRemoved).ToList()));
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode); // still signed in
    }

    [Fact]
    public async Task TheLastAdmin_CannotDeactivateThemselves()
    {
        var response = await PostAsync(asAdmin, admin, "Deactivate");

        Assert.Contains(DeactivationRefused, string.Join(" ", Forms.Errors(await response.Content.ReadAsStringAsync())), StringComparison.Ordinal);
        Assert.True(IsActiveAdmin(admin));
        Assert.Empty(site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.Deactivated).ToList()));
    }

    [Fact]
    public async Task Hr_CannotDeactivateTheLastAdminEither()
    {
        var learner = await site.CreateUserAsync("token.sista@polisen.se");
        await site.CreateUserAsync("hr.sista@polisen.se", "polisen", Roles.Hr);
        var asHr = await site.SignInAsync("hr.sista@polisen.se");
        var token = Forms.AntiforgeryToken(await asHr.GetStringAsync(new Uri("/hr/medarbetare/" + learner.Id, UriKind.Relative)));

        var response = await asHr.PostAsync(new Uri($"/hr/medarbetare/{admin.Id}?handler=Deactivate", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); // accounts that hold admin are for admins
        Assert.True(IsActiveAdmin(admin));
    }

    [Fact]
    public async Task WithTwoAdmins_OneMayBeDemoted_ThenTheOtherIsTheLast()
    {
        var second = await site.CreateUserAsync("andra.admin@polisen.se", "polisen", Roles.Admin);
        var asSecond = await site.SignInAsync(second.Email!);

        var demoted = await PostAsync(asAdmin, second, "Roles", Roles.Hr);
        var refused = await PostAsync(asAdmin, admin, "Roles");

        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        Assert.False(IsActiveAdmin(second));
        Assert.Equal(HttpStatusCode.Redirect, (await asSecond.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode); // session ended
        Assert.Contains(Refused, string.Join(" ", Forms.Errors(await refused.Content.ReadAsStringAsync())), StringComparison.Ordinal);
        Assert.True(IsActiveAdmin(admin));
    }

    [Fact]
    public async Task AnInactiveAdmin_DoesNotCount()
    {
        var second = await site.CreateUserAsync("vilande.admin@polisen.se", "polisen", Roles.Admin);
        await PostAsync(asAdmin, second, "Deactivate");

        var refused = await PostAsync(asAdmin, admin, "Deactivate");

        Assert.False(site.WithDb(db => db.Users.Single(u => u.Id == second.Id).IsActive));
        Assert.Contains(DeactivationRefused, string.Join(" ", Forms.Errors(await refused.Content.ReadAsStringAsync())), StringComparison.Ordinal);
        Assert.True(IsActiveAdmin(admin));
    }

    [Fact]
    public async Task TwoAdminsDemotingEachOtherAtOnce_LeaveOneAdmin()
    {
        var second = await site.CreateUserAsync("samtidig.admin@polisen.se", "polisen", Roles.Admin);
        var asSecond = await site.SignInAsync(second.Email!);
        var firstToken = Forms.AntiforgeryToken(await asAdmin.GetStringAsync(new Uri("/admin/anvandare/" + second.Id, UriKind.Relative)));
        var secondToken = Forms.AntiforgeryToken(await asSecond.GetStringAsync(new Uri("/admin/anvandare/" + admin.Id, UriKind.Relative)));

        await Task.WhenAll(
            asAdmin.PostAsync(new Uri($"/admin/anvandare/{second.Id}?handler=Roles", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = firstToken })),
            asSecond.PostAsync(new Uri($"/admin/anvandare/{admin.Id}?handler=Roles", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = secondToken })));

        Assert.True(IsActiveAdmin(admin) ^ IsActiveAdmin(second), "exactly one of them must still be an admin");
        Assert.Single(site.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.RoleRemoved).ToList()));
    }
}
