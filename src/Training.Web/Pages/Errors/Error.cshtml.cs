using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Training.Web.Pages.Errors;

/// <summary>The friendly page for 404s, other status codes and (in Production) unhandled errors; never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel(IStringLocalizer<SharedResource> t) : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is not null)
        {
            status = code.Value; // a direct visit to /fel/404 shows that page with its status
        }
        Response.StatusCode = status;
        (Heading, Explanation) = status switch
        {
            404 => (t["Sidan finns inte"], t["Vi hittar inte sidan du söker. Den kan ha flyttats, eller så är adressen felskriven."]),
            403 => (t["Du saknar behörighet"], t["Ditt konto har inte behörighet till den här sidan."]),
            400 => (t["Felaktig begäran"], t["Begäran kunde inte behandlas. Gå tillbaka och försök igen."]),
            429 => (t["För många försök"], t["Du har gjort för många försök på kort tid. Vänta en stund och försök igen."]),
            _ => (t["Något gick fel"], t["Ett oväntat fel inträffade. Försök igen om en stund."]),
        };
    }
}
