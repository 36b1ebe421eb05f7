using Training.Web.Data;

namespace Training.Web.Tests.Pages.Hr;

/// <summary>
/// The agency boundary, page by page and role by role: a viewer from polisen asks for polisen's and aklagare's
/// employees. No response to anyone but an admin may hold an aklagare employee's name or address.
/// </summary>
public sealed class AgencyBoundaryTests : IAsyncLifetime
{
    private readonly TrainingSite site = new();
    private readonly Dictionary<string, HttpClient> viewers = [];
    private User own = null!;
    private User other = null!;

    public async Task InitializeAsync()
    {
        await site.StartAsync();
        own = await site.CreateUserAsync("egen.kollega@polisen.se");
        other = await site.CreateUserAsync("annan.myndighet@aklagare.se", "aklagare");
        foreach (var (role, roles) in new[] { ("learner", Array.Empty<string>()), ("trainer", [Roles.Trainer]), ("hr", [Roles.Hr]), ("admin", [Roles.Admin]) })
        {
            await site.CreateUserAsync($"{role}.matris@polisen.se", "polisen", roles);
            viewers[role] = await site.SignInAsync($"{role}.matris@polisen.se");
        }
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    public static TheoryData<string, string, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var role in new[] { "learner", "trainer" })
        {
            foreach (var page in new[] { "/hr", "/hr/medarbetare", "/hr/medarbetare/{own}", "/hr/medarbetare/{other}", "/hr/medarbetare?myndighet=aklagare", "/hr/medarbetare?sok=annan" })
            {
                data.Add(role, page, HttpStatusCode.Forbidden);
            }
        }
        data.Add("hr", "/hr", HttpStatusCode.OK);
        data.Add("hr", "/hr/medarbetare", HttpStatusCode.OK);
        data.Add("hr", "/hr/medarbetare?sok=annan", HttpStatusCode.OK);
        data.Add("hr", "/hr/medarbetare/{own}", HttpStatusCode.OK);
        data.Add("hr", "/hr/medarbetare/{other}", HttpStatusCode.NotFound);
        data.Add("hr", "/hr/medarbetare?myndighet=aklagare", HttpStatusCode.NotFound);
        data.Add("admin", "/hr", HttpStatusCode.OK);
        data.Add("admin", "/hr/medarbetare", HttpStatusCode.OK);
        data.Add("admin", "/hr/medarbetare/{own}", HttpStatusCode.OK);
        data.Add("admin", "/hr/medarbetare/{other}", HttpStatusCode.OK);
        data.Add("admin", "/hr/medarbetare?myndighet=aklagare", HttpStatusCode.OK);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRole_GetsTheExpectedAnswer_AndNeverAnotherAgencysPeople(string role, string page, HttpStatusCode expected)
    {
        var url = page.Replace("{own}", own.Id, StringComparison.Ordinal).Replace("{other}", other.Id, StringComparison.Ordinal);

        var response = await viewers[role].GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        if (role != "admin")
        {
            Assert.DoesNotContain(other.Name, html, StringComparison.Ordinal);
            Assert.DoesNotContain(other.Email!, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hr_SeesTheirOwnAgencysEmployees_WithNameUnitJobRoleAndStartDate()
    {
        var html = await viewers["hr"].GetStringAsync(new Uri("/hr/medarbetare?sok=egen", UriKind.Relative));

        Assert.Contains(own.Name, html, StringComparison.Ordinal);
        Assert.Contains("2024-03-01", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/hr/medarbetare/{own.Id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_SeesEveryAgency_AndCanNarrowToOne()
    {
        var all = await viewers["admin"].GetStringAsync(new Uri("/hr/medarbetare", UriKind.Relative));
        var aklagare = await viewers["admin"].GetStringAsync(new Uri("/hr/medarbetare?myndighet=aklagare", UriKind.Relative));

        Assert.Contains(own.Name, all, StringComparison.Ordinal);
        Assert.Contains(other.Name, all, StringComparison.Ordinal);
        Assert.Contains(other.Name, aklagare, StringComparison.Ordinal);
        Assert.DoesNotContain(own.Name, aklagare, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEmployeeList_IsPaged()
    {
        await site.WithServicesAsync(async services =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<TrainingDbContext>(services);
            var agencyId = db.Agencies.Single(a => a.Code == "polisen").Id;
            for (var i = 0; i < 60; i++)
            {
                db.Users.Add(new User { Name = $"Sidtest {i:00}", Email = $"sidtest{i}@polisen.se", UserName = $"sidtest{i}@polisen.se", AgencyId = agencyId, EmployeeNumber = $"S{i:0000}" });
            }
            await db.SaveChangesAsync();
        });

        var first = await viewers["hr"].GetStringAsync(new Uri("/hr/medarbetare?sok=Sidtest", UriKind.Relative));
        var second = await viewers["hr"].GetStringAsync(new Uri("/hr/medarbetare?sok=Sidtest&sida=2", UriKind.Relative));

        Assert.Contains("60 medarbetare", first, StringComparison.Ordinal);
        Assert.Contains("Sidtest 49", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Sidtest 50", first, StringComparison.Ordinal);
        Assert.Contains("Sidtest 59", second, StringComparison.Ordinal);
        Assert.Contains("Sida 2 av 2", second, StringComparison.Ordinal);
    }
}
