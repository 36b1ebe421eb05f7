using System.Text.RegularExpressions;

namespace Training.Web.Tests.Infrastructure;

/// <summary>Helpers to submit a page's real form with its antiforgery token (the client's cookie container carries the cookie).</summary>
public static partial class Forms
{
    public static string AntiforgeryToken(string html) =>
        TokenField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("Sidan har inget antiforgery-fält.");

    /// <summary>GETs the page, then POSTs its form with the given fields and the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(new Uri(formPage ?? url, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        fields["__RequestVerificationToken"] = AntiforgeryToken(html);
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>As <see cref="PostAsync(HttpClient, string, Dictionary{string, string}, string?)"/>, for forms that send a name more than once (checkboxes).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var page = await client.GetAsync(new Uri(formPage ?? url, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        return await client.PostAsync(new Uri(url, UriKind.Relative),
            new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", AntiforgeryToken(html))]));
    }

    /// <summary>GETs the page, then POSTs its form as multipart with a file, the given fields and the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(
        HttpClient client, string url, string fileField, string fileName, byte[] content, Dictionary<string, string>? fields = null)
    {
        var page = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(AntiforgeryToken(html)), "__RequestVerificationToken");
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, fileField, fileName);
        return await client.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    /// <summary>The error messages a form page shows (summary and fields), for assertions and failure messages.</summary>
    public static IReadOnlyList<string> Errors(string html)
    {
        var summary = SummaryBlock().Match(html).Groups[1].Value;
        return SummaryItem().Matches(summary).Select(m => m.Groups[1].Value)
            .Concat(FieldError().Matches(html).Select(m => m.Groups[1].Value))
            .Select(e => WebUtility.HtmlDecode(Regex.Replace(e, "<[^>]+>", "")).Trim())
            .Where(e => e.Length > 0)
            .ToList();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<div class=\"error-summary validation-summary-errors\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex SummaryBlock();

    [GeneratedRegex("<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex SummaryItem();

    [GeneratedRegex("<span[^>]*class=\"field-error field-validation-error\"[^>]*>(.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex FieldError();
}
