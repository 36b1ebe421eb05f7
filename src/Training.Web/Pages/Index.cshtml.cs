using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Training.Web.Pages;

public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
