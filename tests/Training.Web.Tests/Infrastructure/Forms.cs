using System.Text.RegularExpressions;

namespace Training.Web.Tests.Infrastructure;

/// <summary>Helpers to submit a page's real form with its antiforgery token (the client's cookie container carries the cookie).</summary>
public static partial class Forms
{
    public static string AntiforgeryToken(string html) =>
        TokenField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("Sidan har inget antiforgery-fält.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
