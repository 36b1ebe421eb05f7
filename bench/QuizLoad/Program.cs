// Quiz submission under load (design §9): 32 signed-in learners submit their attempts at the same moment,
// round after round (one module per round), against a running site; prints the latency percentiles.
// A second group of learners warms the site up first with the same traffic, so the measured rounds find it
// as it is after minutes of use, not while .NET is still re-compiling the hot code.
//
//   dotnet run -c Release --project bench/QuizLoad -- prepare [learners]   (with ConnectionStrings__Training set)
//   dotnet run -c Release --project bench/QuizLoad -- run <base url> [learners] [rounds] [warm-up rounds]
//   … -- prepare-mix [learners]                                   (with ConnectionStrings__Training set)
//   … -- mix <base url> [most learners] [seconds per step] [budget in seconds] [first step]   (the learner mix, LearnerMix.cs)
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Training.Web;
using Training.Web.Data;

const string Password = LearnerMix.Password;

return args.FirstOrDefault() switch
{
    "prepare" => await PrepareAsync(Number(1, 32)),
    "run" when args.Length > 1 => await RunAsync(new Uri(args[1]), Number(2, 32), Number(3, 9), Number(4, 27)),
    "prepare-mix" => await PrepareMixAsync(Number(1, 800)),
    "mix" when args.Length > 1 => await LearnerMix.RunAsync(new Uri(args[1]), Number(2, 800), Number(3, 30), Number(4, 90), Number(5, 200)),
    _ => Usage(),
};

int Number(int index, int fallback) =>
    args.ElementAtOrDefault(index) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

static int Usage()
{
    Console.Error.WriteLine("usage: QuizLoad prepare [learners] | QuizLoad run <base url> [learners] [rounds] [warm-up rounds]");
    Console.Error.WriteLine("       QuizLoad prepare-mix [learners] | QuizLoad mix <base url> [most learners] [seconds per step] [budget s] [first step]");
    return 2;
}

static string Email(string group, int i) => $"{group}{i:00}@polisen.example";

// Both groups, made through Identity like any account; needs `seed demo` first (the .example domain).
static Task<int> PrepareAsync(int learners) =>
    CreateLearnersAsync(Enumerable.Range(0, learners).SelectMany(i => new[] { Email("belastning", i), Email("uppvarmning", i) }),
        $"{learners} learners and {learners} for the warm-up ready");

static Task<int> PrepareMixAsync(int learners) =>
    CreateLearnersAsync(Enumerable.Range(0, learners).Select(LearnerMix.Email), $"{learners} learners for the learner mix ready");

// One password hash serves every account: hashing each (PBKDF2, 210 000 iterations) would cost about a minute for the
// 256 quiz learners alone on two cores, and what the benchmarks measure is the site's sign-in, which verifies the hash
// as it would any other. The accounts go in as `seed demo` writes its employees (BulkInsert, many rows a statement):
// one UserManager.CreateAsync each took about 40 ms, 16 s for 400 learners.
static async Task<int> CreateLearnersAsync(IEnumerable<string> emails, string done)
{
    await using var app = TrainingApp.Build([]);
    using var scope = app.Services.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
    await DatabaseSetup.PrepareAsync(scope.ServiceProvider);
    var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
    var normalizer = scope.ServiceProvider.GetRequiredService<ILookupNormalizer>();
    var agency = await db.Agencies.SingleAsync(a => a.Code == "polisen");
    var learnerRole = await db.Roles.Where(r => r.Name == Roles.Learner).Select(r => r.Id).SingleAsync();
    var existing = (await db.Users.Select(u => u.NormalizedEmail).ToListAsync()).ToHashSet();
    var now = DateTime.UtcNow;
    var hash = users.PasswordHasher.HashPassword(new User { Name = "" }, Password);
    var added = emails.Where(email => !existing.Contains(normalizer.NormalizeEmail(email))).Select(email => new User
    {
        UserName = email,
        NormalizedUserName = normalizer.NormalizeName(email),
        Email = email,
        NormalizedEmail = normalizer.NormalizeEmail(email),
        EmailConfirmed = true,
        LockoutEnabled = true,
        PasswordHash = hash,
        Name = email.Split('@')[0],
        AgencyId = agency.Id,
        CreatedAt = now,
    }).ToList();
    await using (var transaction = await db.Database.BeginTransactionAsync())
    {
        await BulkInsert.InsertAsync(db, added);
        await BulkInsert.InsertAsync(db, added.ConvertAll(u => new IdentityUserRole<string> { UserId = u.Id, RoleId = learnerRole }));
        await transaction.CommitAsync();
    }
    Console.WriteLine(done);
    return 0;
}

static async Task<int> RunAsync(Uri site, int learners, int rounds, int warmUpRounds)
{
    // Without warm-up rounds (a site already warmed by an earlier run) the warm-up group is not signed in at all.
    var warmUpGroup = warmUpRounds > 0 ? await SignInAsync(site, "uppvarmning", learners) : [];
    var measuredGroup = await SignInAsync(site, "belastning", learners);
    var catalogue = await measuredGroup[0].GetStringAsync("/moduler");
    var modules = new List<string>();
    foreach (var module in Regex.Matches(catalogue, "<h3><a href=\"/moduler/([a-z0-9-]+)\">").Select(m => m.Groups[1].Value).Distinct())
    {
        if ((await measuredGroup[0].GetAsync($"/moduler/{module}/prov")).StatusCode != HttpStatusCode.NotFound)
        {
            modules.Add(module); // has a graded quiz
        }
    }

    // The warm-up group uses its attempts module after module (three per module); shown, not counted.
    var warmUpWatch = Stopwatch.StartNew();
    var warmUpSubmissions = 0;
    for (var round = 0; round < warmUpRounds; round++)
    {
        warmUpSubmissions += (await SubmitRoundAsync(warmUpGroup, modules[round % modules.Count])).Length;
    }
    Console.WriteLine($"warm-up: {warmUpRounds} rounds, {warmUpSubmissions} submissions by other learners in {warmUpWatch.Elapsed.TotalSeconds:F0} s");

    var latencies = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        var module = modules[round % modules.Count];
        var times = await SubmitRoundAsync(measuredGroup, module);
        latencies.AddRange(times);
        Console.WriteLine(times.Length == 0
            ? $"{module}: nothing to submit (passed or out of attempts)"
            : $"{module}: {times.Length} submitted at once, p50 {Percentile(times, 50):F1} ms, max {times.Max():F1} ms");
    }
    if (latencies.Count == 0)
    {
        Console.Error.WriteLine("nothing was submitted");
        return 1;
    }
    Console.WriteLine();
    Console.WriteLine($"Quiz submit (grade + store + completion), {learners} concurrent learners, {latencies.Count} submissions:");
    Console.WriteLine($"  p50 {Percentile(latencies, 50):F1} ms   p95 {Percentile(latencies, 95):F1} ms   p99 {Percentile(latencies, 99):F1} ms   max {latencies.Max():F1} ms");
    Console.WriteLine($"  target p99 < 50 ms: {(Percentile(latencies, 99) < 50 ? "PASS" : "FAIL")}");
    return 0;
}

static async Task<List<HttpClient>> SignInAsync(Uri site, string group, int learners)
{
    var clients = new List<HttpClient>();
    for (var i = 0; i < learners; i++)
    {
        var client = new HttpClient(new PlainCookies { InnerHandler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false } }) { BaseAddress = site };
        var login = await client.GetStringAsync("/konto/logga-in");
        var signIn = await client.PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Email(group, i), ["Input.Password"] = Password, ["__RequestVerificationToken"] = Token(login),
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in failed for {Email(group, i)}: {(int)signIn.StatusCode}");
        }
        clients.Add(client);
    }
    return clients;
}

// Every learner gets an attempt ready, then all of them submit at the same moment; returns each submit's time in ms.
static async Task<double[]> SubmitRoundAsync(List<HttpClient> group, string module)
{
    var forms = await Task.WhenAll(group.Select(client => PrepareAttemptAsync(client, module)));
    var ready = forms.Where(f => f is not null).Select(f => f!.Value).ToList();
    if (ready.Count == 0)
    {
        return [];
    }
    using var start = new SemaphoreSlim(0);
    var submits = ready.Select(async form =>
    {
        await start.WaitAsync();
        var watch = Stopwatch.StartNew();
        var response = await form.Client.PostAsync($"/moduler/{module}/prov?handler=Submit", new FormUrlEncodedContent(form.Fields));
        watch.Stop();
        return response.StatusCode == HttpStatusCode.Redirect ? watch.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"submit answered {(int)response.StatusCode}");
    }).ToList();
    start.Release(ready.Count);
    return await Task.WhenAll(submits);
}

// Reads every section (the quiz opens only then), starts an attempt and fills in the first choice of every question.
static async Task<(HttpClient Client, Dictionary<string, string> Fields)?> PrepareAttemptAsync(HttpClient client, string module)
{
    for (var n = 1; ; n++)
    {
        var section = await client.GetAsync($"/moduler/{module}/{n}");
        if (section.StatusCode == HttpStatusCode.NotFound)
        {
            break;
        }
    }
    var page = await client.GetAsync($"/moduler/{module}/prov");
    if (page.StatusCode != HttpStatusCode.OK)
    {
        return null;
    }
    var quiz = await page.Content.ReadAsStringAsync();
    if (!quiz.Contains("name=\"attempt\"", StringComparison.Ordinal))
    {
        if (!quiz.Contains("Starta provet", StringComparison.Ordinal))
        {
            return null; // passed already or out of attempts
        }
        await client.PostAsync($"/moduler/{module}/prov?handler=Start", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(quiz) }));
        quiz = await client.GetStringAsync($"/moduler/{module}/prov");
    }
    var fields = new Dictionary<string, string>
    {
        ["attempt"] = Regex.Match(quiz, "name=\"attempt\" value=\"([0-9a-f]+)\"").Groups[1].Value,
        ["__RequestVerificationToken"] = Token(quiz),
    };
    foreach (Match choice in Regex.Matches(quiz, "name=\"(q[0-9]+)\" value=\"([^\"]+)\""))
    {
        fields.TryAdd(choice.Groups[1].Value, choice.Groups[2].Value);
    }
    return (client, fields);
}

static string Token(string html) =>
    WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);

static double Percentile(IReadOnlyCollection<double> values, double percentile)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

/// <summary>
/// Keeps cookies the way a browser would over HTTPS: the session cookie is Secure outside Development, and
/// .NET's cookie container would not send it to this loopback http address.
/// </summary>
sealed class PlainCookies : DelegatingHandler
{
    private readonly Dictionary<string, string> cookies = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (cookies)
        {
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            lock (cookies)
            {
                foreach (var pair in setCookies.Select(c => c.Split(';')[0].Split('=', 2)))
                {
                    cookies[pair[0]] = pair[1];
                }
            }
        }
        return response;
    }
}
