using Microsoft.AspNetCore.Http;
using Training.Web.Data;

namespace Training.Web.Tests.Pages;

/// <summary>
/// Every value a GET page reads from its query string, sent extreme and malformed by HR and by an admin: whatever
/// the answer (the page, a redirect, 403, 404), it is never a server error.
/// </summary>
public class QueryValuesTests(StaffSite staff) : IClassFixture<StaffSite>
{
    /// <summary>Each GET page that reads the query (found by [FromQuery], SupportsGet and handler parameters), with its names.</summary>
    private static readonly (string Page, string[] Names)[] Pages =
    [
        ("/hr/medarbetare", ["sok", "myndighet", "sida"]),
        ("/hr/medarbetare/import", ["id"]),
        ("/admin/anvandare", ["sok", "myndighet", "sida"]),
        ("/admin/logg", ["fran", "till", "person", "handelse", "myndighet", "sida"]),
        ("/sprak", ["kultur", "tillbaka"]),
        ("/konto", ["meddelande"]),
        ("/konto/logga-in", ["returnUrl", "meddelande"]),
        ("/konto/logga-in/kod", ["returnUrl"]),
        ("/konto/logga-in/aterstallningskod", ["returnUrl"]),
        ("/konto/registrera", ["skickat"]),
        ("/konto/glomt-losenord", ["skickat"]),
        ("/konto/tvastegsverifiering", ["meddelande"]),
        ("/konto/aterstall-losenord", ["anvandare", "kod"]),
        ("/konto/inbjudan", ["anvandare", "kod"]),
        ("/konto/bekrafta", ["anvandare", "kod"]),
        ("/fel", ["code"]),
        ("/fel/404", ["code"]),
        // every page reads the handler's name from the query
        ("/", ["handler"]),
        ("/moduler", ["handler"]),
        ("/moduler/vad-ar-manniskohandel", ["handler"]),
        ("/moduler/vad-ar-manniskohandel/1", ["handler"]),
        ("/moduler/vad-ar-manniskohandel/prov", ["handler"]),
        ("/mina-sidor", ["handler"]),
        ("/hr", ["handler"]),
        ("/hr/medarbetare/{hr}", ["handler"]),
        ("/admin", ["handler"]),
        ("/admin/anvandare/{hr}", ["handler"]),
        ("/admin/myndigheter", ["handler"]),
        ("/admin/myndigheter/polisen", ["handler"]),
    ];

    private static readonly string[] Values =
    [
        "-1", "0", "2147483647", "2147483648", "-2147483649", "99999999999999999999999999", "1e308", "NaN",
        "9999-12-31", "0001-01-01", "2026-02-30", "10000-01-01", "abc", "", " ", new string('x', 5000),
        "åäö ÅÄÖ 😀 \u202e ﷽", "\u0000", "%", "_", "\\", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd",
        "//evil.example", "javascript:alert(1)",
    ];

    [Theory]
    [InlineData(Roles.Hr)]
    [InlineData(Roles.Admin)]
    public async Task ExtremeAndMalformedQueryValues_NeverGiveAServerError(string role)
    {
        var client = role == Roles.Admin ? staff.AsAdmin : staff.AsHr;
        var failures = new List<string>();

        foreach (var (page, names) in Pages)
        {
            foreach (var name in names)
            {
                foreach (var value in Values)
                {
                    var url = page.Replace("{hr}", staff.Hr.Id, StringComparison.Ordinal) + QueryString.Create(name, value);
                    var shown = url[..Math.Min(url.Length, 120)];
                    try
                    {
                        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{(int)response.StatusCode} {shown}");
                        }
                    }
                    catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                    {
                        failures.Add($"{e.GetType().Name} {shown}: {e.Message}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} svar med serverfel:\n" + string.Join("\n", failures));
    }
}
