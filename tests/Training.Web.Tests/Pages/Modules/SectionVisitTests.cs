using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Training.Web.Tests.Pages.Modules;

/// <summary>A section counts as read only when its page was served: the quiz must not open behind error pages.</summary>
public sealed class SectionVisitTests : IAsyncLifetime
{
    private const string BreakHeader = "X-Test-Break-Rendering";

    private readonly TempFolder content = new();
    private TrainingSite site = null!;

    public async Task InitializeAsync()
    {
        content.Write("modules/las/index.md", """
            ---
            id: las
            title: Läsmodulen
            version: "1.0"
            ---
            ## Första

            Text.

            ## Andra

            Mer text.
            """);
        // The page's UI strings throw for a request that carries the header: its rendering fails half-way.
        site = new TrainingSite(content.Path)
        {
            TestServices = services => services.AddSingleton<IStringLocalizer<SharedResource>>(provider =>
                new BreakingLocalizer(new StringLocalizer<SharedResource>(provider.GetRequiredService<IStringLocalizerFactory>()),
                    provider.GetRequiredService<IHttpContextAccessor>())),
        };
        await site.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        content.Dispose();
    }

    [Fact]
    public async Task Section_RecordsNoVisit_WhenItsPageFailsToRender()
    {
        var user = await site.CreateUserAsync("lasare@polisen.se");
        var client = await site.SignInAsync("lasare@polisen.se");

        for (var i = 0; i < 5; i++)
        {
            using var broken = new HttpRequestMessage(HttpMethod.Get, new Uri("/moduler/las/1", UriKind.Relative));
            broken.Headers.Add(BreakHeader, "1");
            var failed = await client.SendAsync(broken);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        Assert.Equal(0, site.WithDb(db => db.SectionVisits.Count(v => v.UserId == user.Id)));

        var served = await client.GetAsync(new Uri("/moduler/las/2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal([2], site.WithDb(db => db.SectionVisits.Where(v => v.UserId == user.Id).Select(v => v.Section).ToList()));
    }

    private sealed class BreakingLocalizer(IStringLocalizer inner, IHttpContextAccessor http) : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => Broken ? throw new InvalidOperationException("rendering broken by the test") : inner[name];

        public LocalizedString this[string name, params object[] arguments] => Broken ? throw new InvalidOperationException("rendering broken by the test") : inner[name, arguments];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private bool Broken => http.HttpContext?.Request.Headers.ContainsKey(BreakHeader) == true;
    }
}
