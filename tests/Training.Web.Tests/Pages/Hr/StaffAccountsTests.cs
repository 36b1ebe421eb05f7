using Training.Web.Data;

namespace Training.Web.Tests.Pages.Hr;

/// <summary>
/// HR switches its own agency's learners off and on; accounts that hold hr or admin, HR's own included, are for admins
/// (design §4): HR is answered 403 and its page offers no buttons for them.
/// </summary>
public class StaffAccountsTests(StaffSite staff) : IClassFixture<StaffSite>
{
    private TrainingSite Site => staff.Site;

    private static string PageOf(User person) => "/hr/medarbetare/" + person.Id;

    private bool IsActive(User person) => Site.WithDb(db => db.Users.Single(u => u.Id == person.Id).IsActive);

    /// <summary>Posts a handler of /hr/medarbetare/{id} with a valid token taken from a page HR may act on.</summary>
    private async Task<HttpResponseMessage> PostAsync(HttpClient client, User person, string handler)
    {
        var learner = await Site.CreateUserAsync($"token.{Guid.NewGuid():N}@polisen.se");
        var token = Forms.AntiforgeryToken(await client.GetStringAsync(new Uri(PageOf(learner), UriKind.Relative)));
        return await client.PostAsync(new Uri($"{PageOf(person)}?handler={handler}", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    private async Task DeactivateAsAdminAsync(User person)
    {
        var response = await Forms.PostAsync(staff.AsAdmin, $"/admin/anvandare/{person.Id}?handler=Deactivate", new Dictionary<string, string>(), "/admin/anvandare/" + person.Id);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(IsActive(person));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Hr)]
    public async Task Hr_IsForbiddenToDeactivateTheirAgencysStaff_AndTheirSessionsGoOn(string role)
    {
        var person = await Site.CreateUserAsync($"skyddad.{role}@polisen.se", "polisen", role);
        var theirs = await Site.SignInAsync(person.Email!);

        var response = await PostAsync(staff.AsHr, person, "Deactivate");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(IsActive(person));
        Assert.Empty(staff.EntriesAbout(person.Id));
        Assert.Equal(HttpStatusCode.OK, (await theirs.GetAsync(new Uri("/hr", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Hr)]
    public async Task Hr_IsForbiddenToActivateStaffWhomAnAdminDeactivated(string role)
    {
        var person = await Site.CreateUserAsync($"avstangd.{role}@polisen.se", "polisen", role);
        await DeactivateAsAdminAsync(person);

        var response = await PostAsync(staff.AsHr, person, "Activate");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(IsActive(person));
        Assert.DoesNotContain(staff.EntriesAbout(person.Id), e => e.ActorId == staff.Hr.Id);
    }

    [Fact]
    public async Task Hr_IsForbiddenToDeactivateThemselves()
    {
        var hr = await Site.CreateUserAsync("hr.sig.sjalv@polisen.se", "polisen", Roles.Hr);
        var asHr = await Site.SignInAsync(hr.Email!);

        var response = await PostAsync(asHr, hr, "Deactivate");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(IsActive(hr));
        Assert.Equal(HttpStatusCode.OK, (await asHr.GetAsync(new Uri("/hr", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TheHrPage_OffersNoButtons_ForStaffOrForThemselves_ButSaysWhoDecides()
    {
        var admin = await Site.CreateUserAsync("knapplos.admin@polisen.se", "polisen", Roles.Admin);
        var inactiveHr = await Site.CreateUserAsync("knapplos.hr@polisen.se", "polisen", Roles.Hr);
        await DeactivateAsAdminAsync(inactiveHr);

        foreach (var person in new[] { admin, inactiveHr, staff.Hr })
        {
            var html = await staff.AsHr.GetStringAsync(new Uri(PageOf(person), UriKind.Relative));

            Assert.DoesNotContain("Inaktivera kontot", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Aktivera kontot", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
            Assert.Contains("Konton med rollen HR eller Administratör hanteras av en administratör.", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hr_StillSwitchesLearnersAndTrainersOffAndOn()
    {
        var trainer = await Site.CreateUserAsync("hr.styr.utbildare@polisen.se", "polisen", Roles.Trainer);
        var page = await staff.AsHr.GetStringAsync(new Uri(PageOf(trainer), UriKind.Relative));
        Assert.Contains("Inaktivera kontot", page, StringComparison.Ordinal);

        var off = await PostAsync(staff.AsHr, trainer, "Deactivate");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(IsActive(trainer));
        var on = await PostAsync(staff.AsHr, trainer, "Activate");
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.True(IsActive(trainer));
    }

    [Fact]
    public async Task AnAdmin_MayStillSwitchStaffOffAndOn_FromTheHrPage()
    {
        var hr = await Site.CreateUserAsync("admin.styr.hr@polisen.se", "polisen", Roles.Hr);
        var page = await staff.AsAdmin.GetStringAsync(new Uri(PageOf(hr), UriKind.Relative));
        Assert.Contains("Inaktivera kontot", page, StringComparison.Ordinal);

        var off = await PostAsync(staff.AsAdmin, hr, "Deactivate");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(IsActive(hr));
    }
}
