using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Training.Web.Tests.Pages.Account;

/// <summary>
/// Sign-in, registration and reset POSTs are limited per client address and account (3 a minute here) and, more loosely,
/// per client address (5 a minute here). The site trusts X-Forwarded-For only from Security:KnownProxies.
/// </summary>
public class RateLimitTests(RateLimitTests.LimitedSite site) : IClassFixture<RateLimitTests.LimitedSite>
{
    private const string KnownProxy = "10.0.0.5";

    private HttpClient ClientFrom(string peer, string? forwardedFor = null)
    {
        var client = site.NewClient();
        client.DefaultRequestHeaders.Add(LimitedSite.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        return client;
    }

    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, string email) =>
        (await Forms.PostAsync(client, "/konto/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = "fel fel fel fel" })).StatusCode;

    [Fact]
    public async Task SignInPosts_BeyondTheLimitPerMinute_GetA429InSwedish_WithRetryAfter()
    {
        var client = ClientFrom("192.0.2.10");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;

        for (var i = 0; i < 4; i++)
        {
            var response = await Forms.PostAsync(client, "/konto/logga-in", new() { ["Input.Email"] = "x@polisen.se", ["Input.Password"] = "fel fel fel fel" });
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : refused;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("För många försök", await refused!.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/konto/logga-in", UriKind.Relative))).StatusCode); // reading is not limited
    }

    [Fact]
    public async Task OneAccountsLimit_DoesNotBlockAnotherAccount_FromTheSameAddress()
    {
        var client = ClientFrom("192.0.2.20");
        for (var i = 0; i < 4; i++)
        {
            await SignInAsync(client, "hamrad@polisen.se");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(client, "HAMRAD@polisen.se ")); // the same account, typed otherwise
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(client, "kollegan@polisen.se"));
    }

    [Fact]
    public async Task ManyAccountsFromOneAddress_MeetTheLooserLimitPerAddress()
    {
        var client = ClientFrom("192.0.2.30");
        var statuses = new List<HttpStatusCode>();

        for (var i = 1; i <= 6; i++)
        {
            statuses.Add(await SignInAsync(client, $"person{i}@polisen.se"));
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ForwardedFor_FromAPeerThatIsNoKnownProxy_IsIgnored()
    {
        var statuses = new List<HttpStatusCode>();

        for (var i = 1; i <= 6; i++)
        {
            statuses.Add(await SignInAsync(ClientFrom("192.0.2.40", forwardedFor: $"198.51.100.{i}"), $"forfalskad{i}@polisen.se"));
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData(KnownProxy)]
    [InlineData("172.16.9.9")] // inside the known network 172.16.0.0/12
    public async Task ForwardedFor_FromAKnownProxy_GivesEachClientItsOwnLimit(string proxy)
    {
        var prefix = proxy == KnownProxy ? "203.0.113" : "203.0.114";
        var first = ClientFrom(proxy, forwardedFor: $"{prefix}.1");
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await SignInAsync(first, $"bakom.proxy{i}@{prefix}.polisen.se"));
        }

        var firstAgain = await SignInAsync(first, $"bakom.proxy6@{prefix}.polisen.se");
        var second = await SignInAsync(ClientFrom(proxy, forwardedFor: $"{prefix}.2"), $"bakom.proxy7@{prefix}.polisen.se");

        Assert.Equal(HttpStatusCode.TooManyRequests, firstAgain);
        Assert.Equal(HttpStatusCode.OK, second);
    }

    /// <summary>
    /// The test server has no client address: a header of the test's own sets it, as a connection from that address
    /// would, before the site's own pipeline runs.
    /// </summary>
    public sealed class LimitedSite : TrainingSite, IAsyncLifetime
    {
        public const string PeerHeader = "X-Test-Peer";

        public LimitedSite()
        {
            SignInsPerMinute = 3;
            SignInsPerMinutePerAddress = 5;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:KnownProxies", $"{KnownProxy}; 172.16.0.0/12");
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
        }

        public async Task InitializeAsync() => await StartAsync();

        async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

        private sealed class PeerFromHeader : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                    }
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
