using Microsoft.AspNetCore.Diagnostics;
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

    // From the route only: a re-executed POST still carries its form, and a field named "code" must not set the status.
    public void OnGet([FromRoute] int? code) => Describe(code);

    public void OnPost([FromRoute] int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = StatusFor(code);
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

    /// <summary>
    /// The status of the error that brought the person here; a direct visit shows the page of a real error status
    /// (400–599) it names, and anything else is a page that does not exist.
    /// </summary>
    private int StatusFor(int? code)
    {
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted)
        {
            return reExecuted.OriginalStatusCode;
        }
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return Response.StatusCode is >= 400 and <= 599 ? Response.StatusCode : StatusCodes.Status500InternalServerError;
        }
        return code is >= 400 and <= 599 ? code.Value : StatusCodes.Status404NotFound;
    }
}
