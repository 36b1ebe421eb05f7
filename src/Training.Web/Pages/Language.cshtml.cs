using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Training.Web.Pages;

/// <summary>
/// Switches the UI language with a cookie and goes back to the page the person was on. A plain link (GET) on
/// purpose: a language preference is no state worth a forged-request defence, and pages stay free of tokens.
/// </summary>
public class LanguageModel : PageModel
{
    public IActionResult OnGet([FromQuery(Name = "kultur")] string? culture, [FromQuery(Name = "tillbaka")] string? returnUrl)
    {
        var chosen = culture == TrainingApp.English.Name ? TrainingApp.English : TrainingApp.Swedish;
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, IsEssential = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
