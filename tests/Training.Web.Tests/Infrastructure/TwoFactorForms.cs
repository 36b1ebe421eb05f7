using System.Text.RegularExpressions;

namespace Training.Web.Tests.Infrastructure;

/// <summary>Two-factor sign-in through the real pages: set-up with a code computed from the key the page shows, and the code step.</summary>
public static partial class TwoFactorForms
{
    public const string SetUpPage = "/konto/tvastegsverifiering";

    public sealed record SetUp(string Key, IReadOnlyList<string> RecoveryCodes);

    /// <summary>The shared key as the set-up page shows it (groups of four), without the spaces.</summary>
    public static string KeyOn(string html) =>
        SharedKey().Match(html) is { Success: true } match ? match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal)
        : throw new InvalidOperationException("Sidan visar ingen delad nyckel.");

    public static IReadOnlyList<string> RecoveryCodesOn(string html) => RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Opens the set-up page as the signed-in <paramref name="client"/>, confirms with a valid code and returns the key and recovery codes.</summary>
    public static async Task<SetUp> SetUpAsync(HttpClient client)
    {
        var page = await client.GetAsync(new Uri(SetUpPage, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var key = KeyOn(html);
        var enabled = await client.PostAsync(new Uri(SetUpPage + "?handler=Enable", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = Totp.Code(key),
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(html),
        }));
        var result = await enabled.Content.ReadAsStringAsync();
        Assert.True(enabled.StatusCode == HttpStatusCode.OK, $"Påslagningen gav {(int)enabled.StatusCode}: {string.Join("; ", Forms.Errors(result))}");
        var codes = RecoveryCodesOn(result);
        Assert.True(codes.Count == 10, $"Väntade 10 återställningskoder, sidan visade {codes.Count}: {string.Join("; ", Forms.Errors(result))}");
        return new SetUp(key, codes);
    }

    /// <summary>The password step for someone with two-factor sign-in: it must lead to the code step, whose address is returned.</summary>
    public static async Task<string> PasswordStepAsync(HttpClient client, string email, string? returnUrl = null)
    {
        var url = "/konto/logga-in" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var response = await Forms.PostAsync(client, url, new() { ["Input.Email"] = email, ["Input.Password"] = TrainingSite.Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Lösenordssteget för {email} gav {(int)response.StatusCode}: {string.Join("; ", Forms.Errors(await response.Content.ReadAsStringAsync()))}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/konto/logga-in/kod", location, StringComparison.Ordinal);
        return location;
    }

    public static Task<HttpResponseMessage> CodeStepAsync(HttpClient client, string codeStep, string code) =>
        Forms.PostAsync(client, codeStep, new() { ["Input.Code"] = code });

    /// <summary>Password and a valid code: a client signed in with two factors.</summary>
    public static async Task<HttpClient> SignInAsync(TrainingSite site, string email, string key)
    {
        var client = site.NewClient();
        var response = await CodeStepAsync(client, await PasswordStepAsync(client, email), Totp.Code(key));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Kodsteget gav {(int)response.StatusCode}: {string.Join("; ", Forms.Errors(await response.Content.ReadAsStringAsync()))}");
        return client;
    }

    [GeneratedRegex("<code id=\"delad-nyckel\">([A-Z2-7 ]+)</code>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
