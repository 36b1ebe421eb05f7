using Microsoft.AspNetCore.Diagnostics;
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

    /// <summary>
    /// Where the switch returns to: the page being shown, or, on an error page, the address that failed (the error
    /// page answers it under its own path, and /fel/404 in the other language is not what the person was reading).
    /// </summary>
    public static string BackTo(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is { } failed ? failed.OriginalPath + failed.OriginalQueryString
        : context.Features.Get<IExceptionHandlerPathFeature>() is { } crashed ? crashed.Path
        : context.Request.Path + context.Request.QueryString;
}
