namespace Training.Web.Tests.Pages.Admin;

/// <summary>Administration is for admins: HR and learners get 403 on every /admin page except the audit log, which HR may read.</summary>
public class AdminAccessTests(StaffSite staff) : IClassFixture<StaffSite>
{
    public static TheoryData<string, string, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        string[] adminOnly = ["/admin", "/admin/myndigheter", "/admin/myndigheter/polisen", "/admin/anvandare", "/admin/anvandare?myndighet=aklagare", "/admin/anvandare/{hr}"];
        foreach (var page in adminOnly)
        {
            data.Add("hr", page, HttpStatusCode.Forbidden);
            data.Add("learner", page, HttpStatusCode.Forbidden);
            data.Add("admin", page, HttpStatusCode.OK);
        }
        data.Add("admin", "/admin/myndigheter/finns-inte", HttpStatusCode.NotFound);
        data.Add("admin", "/admin/anvandare/finns-inte", HttpStatusCode.NotFound);
        data.Add("admin", "/admin/logg", HttpStatusCode.OK);
        data.Add("hr", "/admin/logg", HttpStatusCode.OK);
        data.Add("learner", "/admin/logg", HttpStatusCode.Forbidden);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachRole_GetsTheExpectedAnswer(string role, string page, HttpStatusCode expected)
    {
        var client = role switch { "admin" => staff.AsAdmin, "hr" => staff.AsHr, _ => staff.AsLearner };

        var response = await client.GetAsync(new Uri(page.Replace("{hr}", staff.Hr.Id, StringComparison.Ordinal), UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task OnlyAdmins_SeeTheAdministrationLink_AndHrSeesTheAuditLogOnTheirStartPage()
    {
        var adminStart = await staff.AsAdmin.GetStringAsync(new Uri("/", UriKind.Relative));
        var hrStart = await staff.AsHr.GetStringAsync(new Uri("/", UriKind.Relative));
        var hrPage = await staff.AsHr.GetStringAsync(new Uri("/hr", UriKind.Relative));

        Assert.Contains("<a href=\"/admin\">Administration</a>", adminStart, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin\"", hrStart, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/logg\"", hrPage, StringComparison.Ordinal);
    }
}
