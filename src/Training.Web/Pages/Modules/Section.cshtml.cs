using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Core.Content;
using Training.Web.Content;

namespace Training.Web.Pages.Modules;

public class SectionModel(ContentCatalogue catalogue) : PageModel
{
    public CatalogueModule Module { get; private set; } = null!;

    public RenderedSection Section { get; private set; } = null!;

    /// <summary>The section's 1-based number, as in the URL.</summary>
    public int Number { get; private set; }

    // Read straight from the route (already matched and constrained): model binding was a tenth of this hot page.
    public IActionResult OnGet()
    {
        var id = (string)RouteData.Values["id"]!;
        var n = int.Parse((string)RouteData.Values["n"]!, System.Globalization.CultureInfo.InvariantCulture);
        if (catalogue.Find(id) is not { } module || n < 1 || n > module.SectionCount)
        {
            return NotFound();
        }
        Module = module;
        Number = n;
        Section = module.Rendered.Sections[n - 1];
        return Page();
    }
}
