using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Training.Core.Competence;
using Training.Web.Certificates;

namespace Training.Web.Tests.Pages.Certificates;

/// <summary>The public certificate check, on the site's default limit (<see cref="VerificationLimit.Default"/> a minute per client address).</summary>
public sealed class VerificationRateLimitTests(VerificationRateLimitTests.DefaultLimitSite site) : IClassFixture<VerificationRateLimitTests.DefaultLimitSite>
{
    private HttpClient ClientFrom(string peer)
    {
        var client = site.NewClient();
        client.DefaultRequestHeaders.Add(DefaultLimitSite.PeerHeader, peer);
        return client;
    }

    [Fact]
    public async Task OneClient_BeyondTheDefaultLimit_GetsA429InSwedish_WhileAnotherClientStillGetsAnswers()
    {
        var client = ClientFrom("192.0.2.50");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < VerificationLimit.Default; i++)
        {
            statuses.Add((await client.GetAsync(new Uri("/intyg/" + VerificationCode.New(), UriKind.Relative))).StatusCode);
        }

        var refused = await client.GetAsync(new Uri("/intyg/" + VerificationCode.New(), UriKind.Relative));
        var formStillOpen = await client.GetAsync(new Uri("/intyg", UriKind.Relative));
        var otherClient = await ClientFrom("192.0.2.51").GetAsync(new Uri("/intyg/" + VerificationCode.New(), UriKind.Relative));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("För många försök", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.OK, formStillOpen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherClient.StatusCode);
    }

    /// <summary>The site with no verification limit set (its default applies), and a header of the test's own as the client address.</summary>
    public sealed class DefaultLimitSite : TrainingSite, IAsyncLifetime
    {
        public const string PeerHeader = "X-Test-Peer";

        public DefaultLimitSite()
        {
            VerificationsPerMinute = null;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
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
                        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(peer.ToString());
                    }
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
