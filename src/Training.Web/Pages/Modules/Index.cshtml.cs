using Microsoft.AspNetCore.Mvc.RazorPages;
using Training.Web.Content;

namespace Training.Web.Pages.Modules;

public class IndexModel(ContentCatalogue catalogue) : PageModel
{
    public ContentCatalogue Catalogue => catalogue;

    public void OnGet()
    {
    }
}
