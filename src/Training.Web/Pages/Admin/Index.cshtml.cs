using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Training.Web.Pages.Admin;

public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
