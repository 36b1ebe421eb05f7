using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Training.Web.Tests.Entrance;

/// <summary>
/// The README's entrance, as a newcomer takes it: a clean copy of the repository (its files, no build output, no
/// database), <c>dotnet run --project src/Training.Web</c> on another port, a demo account's printed password, and then
/// reading a module, answering a knowledge check and opening the quiz over real HTTP.
/// </summary>
[Collection(EntranceCollection.Name)]
public sealed partial class EntranceTests(CleanCopy copy) : IAsyncLifetime
{
    private const string Module = "vad-ar-manniskohandel";

    private readonly List<string> output = [];
    private Process? site;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (site is { HasExited: false })
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
        site?.Dispose();
    }

    [Fact]
    public async Task ContentInspect_AsTheReadmeWritesIt_PrintsOnlyJson()
    {
        site = Start(copy.Path, "run", "--project", "src/Training.Web", "--no-launch-profile", "--",
            "content", "inspect", "content/modules/samverkan/index.md", "--json");
        using var finished = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await site.WaitForExitAsync(finished.Token);
        site.WaitForExit(); // the output's last lines

        Assert.True(site.ExitCode == 0, Output());
        using var json = System.Text.Json.JsonDocument.Parse(StandardOutput());
        Assert.Equal("samverkan", json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task TheReadmesStartCommand_FromACleanCopy_LetsADemoLearnerReadAnswerAndOpenTheQuiz()
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        site = Start(copy.Path, "run", "--project", "src/Training.Web", "--", "--urls", baseAddress.ToString());

        var password = await PrintedPasswordAsync("learner@polisen.example", TimeSpan.FromMinutes(8));
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };
        await WaitForHealthAsync(client);

        var signIn = await Forms.PostAsync(client, "/konto/logga-in", new() { ["Input.Email"] = "learner@polisen.example", ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var overview = await client.GetStringAsync(new Uri($"/moduler/{Module}", UriKind.Relative));
        var sections = SectionLink().Matches(overview).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        Assert.NotEmpty(sections);
        string? withCheck = null;
        foreach (var n in sections)
        {
            var page = await client.GetAsync(new Uri($"/moduler/{Module}/{n}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            withCheck ??= html.Contains("class=\"knowledge-check\"", StringComparison.Ordinal) ? html : null;
        }

        Assert.NotNull(withCheck);
        var answered = await AnswerFirstCheckAsync(client, withCheck);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("class=\"feedback", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var quiz = await client.GetAsync(new Uri($"/moduler/{Module}/prov", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, quiz.StatusCode);
        Assert.Contains("handler=Start", await quiz.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(site.HasExited, "Webbplatsen avslutades:\n" + Output());
    }

    /// <summary>Answers the page's first knowledge check without JavaScript: the first option of every question.</summary>
    private static async Task<HttpResponseMessage> AnswerFirstCheckAsync(HttpClient client, string html)
    {
        var form = CheckForm().Match(html);
        Assert.True(form.Success, "Ingen kunskapskontroll med formulär på sidan.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in Input().Matches(form.Groups["body"].Value))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            var type = Attribute(tag, "type") ?? "text";
            if (name is null || (type is "radio" or "checkbox" && fields.Any(f => f.Key == name)))
            {
                continue;
            }
            fields.Add(new(name, Attribute(tag, "value") ?? (type == "text" ? "1" : "")));
        }
        var action = System.Net.WebUtility.HtmlDecode(form.Groups["action"].Value).Split('#')[0];
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"""\s{name}="([^"]*)" """.TrimEnd()) is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private Process Start(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // As a newcomer's shell has it: the launch profile decides the environment, not the test host's settings.
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS" })
        {
            start.Environment.Remove(name);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Record(e.Data, standardOutput: true);
        process.ErrorDataReceived += (_, e) => Record(e.Data, standardOutput: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private readonly List<string> standardOutput = [];

    private void Record(string? line, bool standardOutput)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Add(line);
                if (standardOutput)
                {
                    this.standardOutput.Add(line);
                }
            }
        }
    }

    private string StandardOutput()
    {
        lock (output)
        {
            return string.Join('\n', standardOutput);
        }
    }

    private string Output()
    {
        lock (output)
        {
            return string.Join('\n', output.TakeLast(60));
        }
    }

    /// <summary>Waits for the Development start to print the demo accounts, and returns the password printed for <paramref name="email"/>.</summary>
    private async Task<string> PrintedPasswordAsync(string email, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (output)
            {
                var line = output.FirstOrDefault(l => l.TrimStart().StartsWith(email + " ", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
                }
            }
            Assert.False(site!.HasExited, $"dotnet run avslutades med {(site.HasExited ? site.ExitCode : 0)}:\n{Output()}");
            Assert.DoesNotContain("Uppstarten misslyckades", Output(), StringComparison.Ordinal);
            await Task.Delay(250);
        }
        Assert.Fail($"Inget lösenord för {email} skrevs ut inom {timeout.TotalMinutes} minuter:\n{Output()}");
        return "";
    }

    private async Task WaitForHealthAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "/health svarade inte 200 inom två minuter:\n" + Output());
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("href=\"/moduler/" + Module + "/(\\d+)\"")]
    private static partial Regex SectionLink();

    [GeneratedRegex("""<section class="knowledge-check"[\s\S]*?<form method="post" action="(?<action>[^"]+)"[\s\S]*?>(?<body>[\s\S]*?)</form>""")]
    private static partial Regex CheckForm();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Input();
}

/// <summary>One clean copy of the repository for the entrance tests: the first <c>dotnet run</c> builds it, the next reuses that.</summary>
public sealed class CleanCopy : IDisposable
{
    private readonly TempFolder folder = new();

    public CleanCopy() => CopyRepository(RepositoryPaths.Root, folder.Path);

    public string Path => folder.Path;

    public void Dispose() => folder.Dispose();

    /// <summary>The repository's files as a clone would have them (tracked, and new ones git does not ignore): no bin, obj or data.</summary>
    private static void CopyRepository(string from, string to)
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["-C", from, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var files = git.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        foreach (var file in files.Where(f => File.Exists(System.IO.Path.Combine(from, f))))
        {
            var target = System.IO.Path.Combine(to, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(System.IO.Path.Combine(from, file), target);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EntranceCollection : ICollectionFixture<CleanCopy>
{
    public const string Name = "entrance";
}
