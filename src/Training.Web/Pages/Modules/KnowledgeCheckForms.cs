using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Training.Web.Pages.Modules;

/// <summary>
/// The unanswered knowledge-check forms, rendered once per module version, check and UI culture and reused with the
/// request's antiforgery token put in: rendering them through partials on every view halved the section page's speed.
/// </summary>
public sealed class KnowledgeCheckForms
{
    /// <summary>Stands in for the token in the cached HTML: letters and underscores, which HTML encoding leaves as they are.</summary>
    private const string TokenPlaceholder = "ANTIFORGERY_TOKEN_PLACEHOLDER";

    private readonly ConcurrentDictionary<(int VersionId, int Section, int Part, string Culture), string> forms = new();

    public async Task<IHtmlContent> RenderAsync(IHtmlHelper html, int versionId, KnowledgeCheckModel check, string token)
    {
        var key = (versionId, check.Section, check.Part, CultureInfo.CurrentUICulture.Name);
        if (!forms.TryGetValue(key, out var cached))
        {
            var content = await html.PartialAsync("_KnowledgeCheck", check with { Results = null, Token = TokenPlaceholder });
            await using var writer = new StringWriter(CultureInfo.InvariantCulture);
            content.WriteTo(writer, HtmlEncoder.Default);
            cached = forms.GetOrAdd(key, writer.ToString());
        }
        return new HtmlString(cached.Replace(TokenPlaceholder, HtmlEncoder.Default.Encode(token), StringComparison.Ordinal));
    }
}
