using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Training.Web.Data;

namespace Training.Web.Tests.Pages.Account;

/// <summary>Sites on a fake clock of their own: deactivation and role changes reach an existing session within five minutes.</summary>
public class SessionLifetimeTests
{
    private static async Task<(TrainingSite Site, FakeTimeProvider Clock)> StartAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var site = new TrainingSite { Clock = clock };
        await site.StartAsync();
        return (site, clock);
    }

    private static async Task<HttpStatusCode> StatusOf(HttpClient client, string url) => (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode;

    [Fact]
    public async Task ADeactivatedPerson_LosesAccessWithinFiveMinutes()
    {
        var (site, clock) = await StartAsync();
        await using var _ = site;
        var person = await site.CreateUserAsync("avslutad@polisen.se");
        var client = await site.SignInAsync("avslutad@polisen.se");
        Assert.Equal(HttpStatusCode.OK, await StatusOf(client, "/moduler"));

        await site.WithServicesAsync(async services =>
        {
            // as an administrator's deactivation does: the active flag and a new security stamp
            var users = services.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByIdAsync(person.Id))!;
            user.IsActive = false;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
        });
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, await StatusOf(client, "/moduler"));
        Assert.Equal(HttpStatusCode.OK, (await Forms.PostAsync(site.NewClient(), "/konto/logga-in",
            new() { ["Input.Email"] = "avslutad@polisen.se", ["Input.Password"] = TrainingSite.Password })).StatusCode); // refused, form shown again
    }

    [Fact]
    public async Task ARemovedRole_StopsWorkingWithinFiveMinutes()
    {
        var (site, clock) = await StartAsync();
        await using var _ = site;
        var person = await site.CreateUserAsync("fd.hr@polisen.se", "polisen", Roles.Hr);
        var client = await site.SignInAsync("fd.hr@polisen.se");
        Assert.Equal(HttpStatusCode.OK, await StatusOf(client, "/hr/medarbetare"));

        await site.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByIdAsync(person.Id))!;
            await users.RemoveFromRoleAsync(user, Roles.Hr);
            await users.UpdateSecurityStampAsync(user);
        });
        clock.Advance(TimeSpan.FromMinutes(4));
        var before = await StatusOf(client, "/hr/medarbetare");
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, before); // the interval allows up to five minutes, no more
        var after = await StatusOf(client, "/hr/medarbetare");
        Assert.True(after is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"fick {after}");
    }

    [Fact]
    public async Task ASession_EndsAfterTenHours()
    {
        var (site, clock) = await StartAsync();
        await using var _ = site;
        await site.CreateUserAsync("lang.dag@polisen.se");
        var client = await site.SignInAsync("lang.dag@polisen.se");

        clock.Advance(TimeSpan.FromHours(9.9));
        var late = await StatusOf(client, "/moduler");
        clock.Advance(TimeSpan.FromHours(0.2));

        Assert.Equal(HttpStatusCode.OK, late);
        Assert.Equal(HttpStatusCode.Redirect, await StatusOf(client, "/moduler"));
    }
}
