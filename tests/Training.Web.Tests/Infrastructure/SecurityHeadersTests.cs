using Training.Web.Data;

namespace Training.Web.Tests.Infrastructure;

/// <summary>What the responses tell browsers and caches: cookies only over HTTPS, personal pages never stored.</summary>
public class SecurityHeadersTests(StaffSite staff) : IClassFixture<StaffSite>
{
    [Fact]
    public async Task InProduction_TheAntiforgeryCookie_IsSecureAndHttpOnly()
    {
        await using var site = new TrainingSite(environment: "Production");
        var client = await site.StartAsync();

        var response = await client.GetAsync(new Uri("/konto/logga-in", UriKind.Relative));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);

        // The published site started on http://localhost, as the README's Publishing section does, still shows its forms.
        var plain = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });
        var overHttp = await plain.GetAsync(new Uri("/konto/logga-in", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
        Assert.Contains("__RequestVerificationToken", await overHttp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Learner, "/mina-sidor")]
    [InlineData(Roles.Learner, "/konto")]
    [InlineData(Roles.Learner, "/konto/tvastegsverifiering")]
    [InlineData(Roles.Learner, "/hr")] // refused, and still not stored
    [InlineData(Roles.Hr, "/hr")]
    [InlineData(Roles.Hr, "/hr/medarbetare")]
    [InlineData(Roles.Hr, "/hr/medarbetare/{hr}")]
    [InlineData(Roles.Hr, "/hr/medarbetare/import")]
    [InlineData(Roles.Hr, "/admin/logg")]
    [InlineData(Roles.Admin, "/admin")]
    [InlineData(Roles.Admin, "/admin/anvandare")]
    [InlineData(Roles.Admin, "/admin/anvandare/{hr}")]
    [InlineData(Roles.Admin, "/admin/myndigheter")]
    public async Task PagesWithPersonalData_AreNeverStored(string role, string page)
    {
        var client = role switch { Roles.Admin => staff.AsAdmin, Roles.Hr => staff.AsHr, _ => staff.AsLearner };

        var response = await client.GetAsync(new Uri(page.Replace("{hr}", staff.Hr.Id, StringComparison.Ordinal), UriKind.Relative));

        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheModuleCatalogue_IsNotMarkedNoStore()
    {
        var response = await staff.AsLearner.GetAsync(new Uri("/moduler", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModuleFiles_NeedSignIn_SoOnlyTheBrowserMayKeepThem()
    {
        var response = await staff.AsLearner.GetAsync(new Uri("/moduler/vad-ar-manniskohandel/filer/handling-medel-syfte.png", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.Private, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.False(response.Headers.CacheControl?.Public, $"Cache-Control: {response.Headers.CacheControl}");
    }
}
