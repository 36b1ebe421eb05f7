using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Training.Web.Pages.Privacy;

/// <summary>/tillganglighet: the accessibility statement the law on accessible digital public services (2018:1937) requires.</summary>
public class AccessibilityModel(IConfiguration configuration) : PageModel
{
    /// <summary>Where to report a barrier (<c>Site:ContactEmail</c>); null when not set.</summary>
    public string? Contact { get; private set; }

    public void OnGet() => Contact = configuration["Site:ContactEmail"] is { Length: > 0 } contact ? contact : null;
}
