using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Training.Web.Data;

namespace Training.Web.Tests.Pages;

/// <summary>
/// The smoke test a newcomer's first ten minutes would be: the site in Development with its demo, as <c>dotnet run</c>
/// starts it, every route of the site requested as each role (with sample values for its parameters), and every link
/// followed from the start page. Nothing may answer 5xx.
/// </summary>
public sealed partial class EveryPageTests : IAsyncLifetime
{
    private const int PagesPerShape = 6;
    private const int PagesPerRole = 700;

    private TrainingSite site = null!;
    private readonly Dictionary<string, HttpClient> clients = [];

    public async Task InitializeAsync()
    {
        site = new TrainingSite { SeedDemo = true };
        clients["anonym"] = await site.StartAsync();
        var roles = new Dictionary<string, string[]>
        {
            ["learner"] = [],
            ["trainer"] = [Roles.Trainer],
            ["chef"] = [Roles.Manager],
            ["hr"] = [Roles.Hr],
            ["admin"] = [Roles.Admin],
        };
        foreach (var (name, extra) in roles)
        {
            await site.CreateUserAsync($"rok-{name}@polisen.se", "polisen", extra);
            clients[name] = await site.SignInAsync($"rok-{name}@polisen.se");
        }
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public async Task EveryRouteAndEveryLinkedPage_AnswersWithoutServerError_ForEveryRole()
    {
        var samples = SampleUrls();
        var failures = new List<string>();
        var visited = 0;
        foreach (var (role, client) in clients)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var perShape = new Dictionary<string, int>(StringComparer.Ordinal);
            var queue = new Queue<string>(["/", .. samples]);
            while (queue.Count > 0 && seen.Count < PagesPerRole)
            {
                var url = queue.Dequeue();
                if (!seen.Add(url) || !TakeShape(perShape, url))
                {
                    continue;
                }
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                visited++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{role} {url}: {(int)response.StatusCode}");
                    continue;
                }
                if (response.Headers.Location is { } location && !location.IsAbsoluteUri)
                {
                    queue.Enqueue(location.OriginalString);
                }
                if (response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    foreach (var link in Links(await response.Content.ReadAsStringAsync()))
                    {
                        queue.Enqueue(link);
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"Sidor som svarade med serverfel ({failures.Count} av {visited}):\n{string.Join('\n', failures)}\n{string.Join('\n', site.Errors)}");
        Assert.True(visited > 300, $"Bara {visited} sidor besöktes: länkarna följdes inte.");
    }

    /// <summary>One URL for every route of the site, its parameters filled from the demo; a route with an unknown parameter fails the test.</summary>
    private List<string> SampleUrls()
    {
        var (moduleId, userId, otherAgencyUserId, attemptId) = site.WithDb(db => (
            db.ModuleVersions.OrderBy(v => v.Id).Select(v => v.ModuleId).First(),
            db.Users.Where(u => u.Agency.Code == "polisen").OrderBy(u => u.Email).Select(u => u.Id).First(),
            db.Users.Where(u => u.Agency.Code != "polisen").OrderBy(u => u.Email).Select(u => u.Id).First(),
            db.QuizAttempts.OrderBy(a => a.Id).Select(a => a.Id).First()));
        var requirementId = site.WithDb(db => db.Requirements.OrderBy(r => r.Id).Select(r => r.Id).First()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (completionId, certificateCode) = site.WithDb(db => db.Completions.Where(c => c.VerificationCode != null).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.VerificationCode }).AsEnumerable().Select(c => (c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.VerificationCode!)).First());
        var moduleFile = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Content, "modules"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(RepositoryPaths.Content, "modules"), f).Replace('\\', '/'))
            .First(f => !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".gift", StringComparison.Ordinal));
        var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["/moduler/{id}"] = [moduleId, "finns-inte"],
            ["/redigera/{id}"] = [moduleId, "finns-inte"],
            ["/moduler/{id}/filer/{**path}"] = [$"/moduler/{moduleFile.Replace("/", "/filer/", StringComparison.Ordinal)}", "/moduler/finns-inte/filer/x.png"],
            ["{n}"] = ["1", "999"],
            ["{attempt}"] = [attemptId, "finns-inte"],
            ["/admin/anvandare/{id}"] = [userId, otherAgencyUserId, "finns-inte"],
            ["/hr/medarbetare/{id}"] = [userId, otherAgencyUserId, "finns-inte"],
            ["/hr/medarbetare/import/{id?}"] = ["", "00000000000000000000000000000000"],
            ["/hr/genomforanden/import/{id?}"] = ["", "00000000000000000000000000000000", "finns-inte"],
            ["/admin/myndigheter/{code}"] = ["polisen", "finns-inte"],
            ["/admin/krav/{krav}"] = ["ny", "ny?myndighet=polisen", "ny?myndighet=finns-inte", requirementId, "999999", "finns-inte"],
            ["/intyg/{code}"] = [certificateCode, "finns-inte", "0000-0000-0000-0000"],
            ["{completionId}"] = [completionId, "999999999"],
            ["/fel/{code:int?}"] = ["", "403", "404", "0", "finns-inte"], // /fel/500 is the error page of a 500, and says so
        };
        var urls = new List<string>();
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var pattern in endpoints.Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct(StringComparer.Ordinal))
        {
            if (values.TryGetValue(pattern, out var whole) && pattern.Contains("filer", StringComparison.Ordinal))
            {
                urls.AddRange(whole);
                continue;
            }
            var filled = new List<string> { pattern };
            foreach (Match parameter in RouteParameter().Matches(pattern))
            {
                var name = parameter.Value;
                // values for an id depend on the page ("/admin/anvandare/{id}"); others are named alone ("{n}"), without constraints
                var key = values.ContainsKey(ParentOf(pattern, name)) ? ParentOf(pattern, name) : Constraint().Replace(name, "");
                Assert.True(values.TryGetValue(key, out var options), $"Röktestet har inga exempelvärden för {name} i {pattern}: lägg till dem.");
                filled = [.. filled.SelectMany(url => options!.Select(option => url.Replace(name, option, StringComparison.Ordinal)))];
            }
            urls.AddRange(filled.Select(u => u.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/"));
        }
        return urls;
    }

    private static string ParentOf(string pattern, string parameter) => pattern[..(pattern.IndexOf(parameter, StringComparison.Ordinal) + parameter.Length)];

    /// <summary>Links to this site's pages; sign-out is left alone so the role keeps its session.</summary>
    private static IEnumerable<string> Links(string html) =>
        Href().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(href => href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/konto/logga-ut", StringComparison.Ordinal))
            .Select(href => href.Split('#')[0])
            .Where(href => href.Length > 0);

    /// <summary>At most a few URLs per page shape (ids and numbers alike), so lists of 200 people are sampled, not walked.</summary>
    private static bool TakeShape(Dictionary<string, int> perShape, string url)
    {
        var path = url.Split('?')[0];
        var shape = IdLike().Replace(path, "/*") + (url.Contains('?', StringComparison.Ordinal) ? "?" : "");
        perShape[shape] = perShape.GetValueOrDefault(shape) + 1;
        return perShape[shape] <= PagesPerShape * (shape.StartsWith("/moduler/", StringComparison.Ordinal) ? 20 : 1);
    }

    [GeneratedRegex("""href="([^"]*)""")]
    private static partial Regex Href();

    [GeneratedRegex(@"[:?][^}]*")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"/([0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{32}|\d+)(?=/|$)")]
    private static partial Regex IdLike();
}
