using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

/// <summary>
/// The learner mix (issue #17, item 7 f): simulated learners who sign in once, then module after module read its
/// sections, answer its knowledge checks, start and submit its quiz, thinking 5–15 s between requests. The number of
/// learners doubles each step (200, 400, 800, … from the first step given) until the 95th percentile of the requests
/// in a step passes 200 ms (or a request fails); the largest number held is the figure. A step first lets its new learners sign in (spread over the
/// step's first half) and then measures its second half, when every learner of the step is signed in and working.
/// </summary>
static class LearnerMix
{
    public const string Password = "belastning-med-lång-fras";
    private const double TargetP95Ms = 200;

    public static string Email(int i) => string.Create(CultureInfo.InvariantCulture, $"blandning{i:0000}@polisen.example");

    public static async Task<int> RunAsync(Uri site, int mostLearners, int stepSeconds, int budgetSeconds, int firstStep)
    {
        using var shared = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        var modules = await QuizModulesAsync(site, shared);
        if (modules.Count == 0)
        {
            Console.Error.WriteLine("no module with a quiz found");
            return 1;
        }
        var budget = Stopwatch.StartNew();
        var recorder = new Recorder();
        using var stop = new CancellationTokenSource();
        var learners = new List<Task>();
        var held = 0;
        string? why = null;
        for (var step = firstStep; ; step *= 2)
        {
            // A second of slack: the steps themselves take a little longer than their delays.
            if (budget.Elapsed.TotalSeconds + stepSeconds > budgetSeconds + 1)
            {
                why = $"time budget of {budgetSeconds} s used up";
                break;
            }
            if (step > mostLearners)
            {
                why = $"only {mostLearners} accounts prepared";
                break;
            }
            var ramp = TimeSpan.FromSeconds(stepSeconds / 2.0);
            for (var i = learners.Count; i < step; i++)
            {
                var joinAfter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ramp.TotalMilliseconds);
                learners.Add(LearnAsync(site, shared, i, modules, joinAfter, recorder, stop.Token));
            }
            await Task.Delay(ramp);
            var from = recorder.Now;
            await Task.Delay(TimeSpan.FromSeconds(stepSeconds) - ramp);
            var (count, p95, p99, failures) = recorder.Summary(from);
            var signIns = recorder.SignInP95(from - ramp.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{step} learners: {count} requests in the measured {stepSeconds - ramp.TotalSeconds:F0} s, p95 {p95:F1} ms, p99 {p99:F1} ms, {failures} failed; sign-ins during the ramp p95 {signIns:F0} ms"));
            if (failures > 0 || count == 0 || p95 > TargetP95Ms)
            {
                why = failures > 0 ? $"{failures} requests failed at {step}" : count == 0 ? $"no requests at {step}" : $"p95 {p95:F0} ms at {step}";
                break;
            }
            held = step;
        }
        await stop.CancelAsync();
        await Task.WhenAll(learners.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MIX held {held} stopped: {why}"));
        return 0;
    }

    private static async Task<List<string>> QuizModulesAsync(Uri site, HttpMessageHandler shared)
    {
        using var client = Client(site, shared);
        await SignInAsync(client, Email(0));
        var catalogue = await client.GetStringAsync(new Uri("/moduler", UriKind.Relative));
        var modules = new List<string>();
        foreach (var module in Regex.Matches(catalogue, "<h3><a href=\"/moduler/([a-z0-9-]+)\">").Select(m => m.Groups[1].Value).Distinct())
        {
            using var quiz = await client.GetAsync(new Uri($"/moduler/{module}/prov", UriKind.Relative));
            if (quiz.StatusCode != HttpStatusCode.NotFound)
            {
                modules.Add(module);
            }
        }
        return modules;
    }

    // Every learner's cookie handler sends through one connection pool, which outlives them (hence no dispose).
    private static HttpClient Client(Uri site, HttpMessageHandler shared) =>
        new(new PlainCookies { InnerHandler = shared }, disposeHandler: false) { BaseAddress = site };

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var login = await client.GetStringAsync(new Uri("/konto/logga-in", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = Token(login),
        });
        using var signIn = await client.PostAsync(new Uri("/konto/logga-in", UriKind.Relative), form);
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in failed for {email}: {(int)signIn.StatusCode}");
        }
    }

    private static async Task LearnAsync(Uri site, HttpMessageHandler shared, int index, List<string> modules, TimeSpan joinAfter, Recorder recorder, CancellationToken stop)
    {
        try
        {
            await Task.Delay(joinAfter, stop);
            using var client = Client(site, shared);
            var watch = Stopwatch.StartNew();
            await SignInAsync(client, Email(index));
            recorder.SignIn(watch.Elapsed.TotalMilliseconds);
            for (var m = index; !stop.IsCancellationRequested; m++)
            {
                var module = modules[m % modules.Count];
                for (var n = 1; ; n++)
                {
                    await ThinkAsync(stop);
                    var (status, section) = await TimedAsync(recorder, client, HttpMethod.Get, $"/moduler/{module}/{n}", null, stop);
                    if (status == HttpStatusCode.NotFound)
                    {
                        break;
                    }
                    if (CheckForm(section) is { } check)
                    {
                        await ThinkAsync(stop);
                        await TimedAsync(recorder, client, HttpMethod.Post, check.Action, check.Fields, stop);
                    }
                }
                await ThinkAsync(stop);
                var (_, quiz) = await TimedAsync(recorder, client, HttpMethod.Get, $"/moduler/{module}/prov", null, stop);
                if (!quiz.Contains("name=\"attempt\"", StringComparison.Ordinal) && quiz.Contains("Starta provet", StringComparison.Ordinal))
                {
                    await TimedAsync(recorder, client, HttpMethod.Post, $"/moduler/{module}/prov?handler=Start", new() { ["__RequestVerificationToken"] = Token(quiz) }, stop);
                    (_, quiz) = await TimedAsync(recorder, client, HttpMethod.Get, $"/moduler/{module}/prov", null, stop);
                }
                if (Regex.Match(quiz, "name=\"attempt\" value=\"([0-9a-f]+)\"") is { Success: true } attempt)
                {
                    var fields = new Dictionary<string, string> { ["attempt"] = attempt.Groups[1].Value, ["__RequestVerificationToken"] = Token(quiz) };
                    foreach (Match choice in Regex.Matches(quiz, "name=\"(q[0-9]+)\" value=\"([^\"]+)\""))
                    {
                        fields.TryAdd(choice.Groups[1].Value, choice.Groups[2].Value);
                    }
                    await ThinkAsync(stop);
                    await TimedAsync(recorder, client, HttpMethod.Post, $"/moduler/{module}/prov?handler=Submit", fields, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the run is over
        }
        catch (Exception error) when (error is HttpRequestException or InvalidOperationException)
        {
            recorder.Failed(error.Message);
        }
    }

    private static Task ThinkAsync(CancellationToken stop) => Task.Delay(TimeSpan.FromSeconds(5 + (Random.Shared.NextDouble() * 10)), stop);

    /// <summary>One request, timed until its answer has been read; a 4xx or 5xx answer counts as failed.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> TimedAsync(Recorder recorder, HttpClient client, HttpMethod method, string path, Dictionary<string, string>? form, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        var started = recorder.Now;
        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, stop);
        var body = await response.Content.ReadAsStringAsync(stop);
        recorder.Request(started, watch.Elapsed.TotalMilliseconds, (int)response.StatusCode >= 400 && response.StatusCode != HttpStatusCode.NotFound);
        return (response.StatusCode, body);
    }

    /// <summary>The section's first knowledge-check form: where it posts, with the first choice of every question.</summary>
    private static (string Action, Dictionary<string, string> Fields)? CheckForm(string section)
    {
        var form = Regex.Match(section, "<section class=\"knowledge-check\".*?<form method=\"post\" action=\"([^\"#]+)[^\"]*\"(.*?)</form>", RegexOptions.Singleline);
        if (!form.Success)
        {
            return null;
        }
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(form.Value) };
        foreach (Match choice in Regex.Matches(form.Groups[2].Value, "name=\"([^\"]+)\" value=\"([^\"]*)\""))
        {
            fields.TryAdd(choice.Groups[1].Value, WebUtility.HtmlDecode(choice.Groups[2].Value));
        }
        return (WebUtility.HtmlDecode(form.Groups[1].Value), fields);
    }

    private static string Token(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);

    /// <summary>Every learner's requests, with when each started (ms since the run began).</summary>
    private sealed class Recorder
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly List<(double Started, double Ms, bool Failed)> requests = [];
        private readonly List<(double At, double Ms)> signIns = [];
        private int lostLearners;

        public double Now => clock.Elapsed.TotalMilliseconds;

        public void Request(double started, double ms, bool failed)
        {
            lock (requests)
            {
                requests.Add((started, ms, failed));
            }
        }

        public void SignIn(double ms)
        {
            lock (signIns)
            {
                signIns.Add((Now, ms));
            }
        }

        public void Failed(string message)
        {
            Interlocked.Increment(ref lostLearners);
            Console.Error.WriteLine($"a learner stopped: {message}");
        }

        public (int Count, double P95, double P99, int Failures) Summary(double from)
        {
            List<(double Started, double Ms, bool Failed)> window;
            lock (requests)
            {
                window = requests.Where(r => r.Started >= from).ToList();
            }
            var times = window.Select(r => r.Ms).Order().ToList();
            return (times.Count, Percentile(times, 95), Percentile(times, 99), window.Count(r => r.Failed) + Interlocked.Exchange(ref lostLearners, 0));
        }

        public double SignInP95(double from)
        {
            lock (signIns)
            {
                return Percentile(signIns.Where(s => s.At >= from).Select(s => s.Ms).Order().ToList(), 95);
            }
        }

        private static double Percentile(List<double> sorted, double percentile) =>
            sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
