using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Web.Content;

namespace Training.Web.Pages.Modules;

public class OverviewModel(ContentCatalogue catalogue) : PageModel
{
    public CatalogueModule Module { get; private set; } = null!;

    public IActionResult OnGet(string id)
    {
        if (catalogue.Find(id) is not { } module)
        {
            return NotFound();
        }
        Module = module;
        return Page();
    }
}
