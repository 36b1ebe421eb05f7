using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Training.Core.Competence;
using Training.Web.Certificates;

namespace Training.Web.Pages.Certificates;

/// <summary>Where someone holding a printed certificate types its code; a code that can be one goes on to its verification page.</summary>
[AllowAnonymous]
public class IndexModel(IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The code as typed (a GET form, so the check needs no session and no script).</summary>
    [FromQuery(Name = "kod")]
    public string? Typed { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (!Request.Query.ContainsKey("kod"))
        {
            return Page();
        }
        if (VerificationCode.Normalise(Typed) is { } code)
        {
            return Redirect(CertificateRecords.VerificationPath(code));
        }
        Error = string.IsNullOrWhiteSpace(Typed)
            ? t["Skriv verifieringskoden."]
            : t["Det är ingen verifieringskod. En kod har 16 tecken, siffror och bokstäver, till exempel 7K2M-QX9D-0ABC-DEFG."];
        return Page();
    }
}
