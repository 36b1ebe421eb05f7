using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Training.Web.Pages.Hr;

public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
