using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Training.Core.Competence;
using Training.Web.Accounts;
using Training.Web.Certificates;
using Training.Web.Content;
using Training.Web.Data;

namespace Training.Web.Pages.Certificates;

/// <summary>
/// The public check of a certificate: the module, version, dates and whether it stands, and nothing about the person.
/// An unknown or malformed code is the site's plain 404; the page is rate-limited per client address.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.VerificationRate)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class VerifyModel(TrainingDbContext db, ContentCatalogue catalogue, TimeProvider clock) : PageModel
{
    public CertificateVerification Certificate { get; private set; } = null!;

    public string Code { get; private set; } = "";

    /// <summary>The language of the module's text, for its title.</summary>
    public string ModuleLanguage { get; private set; } = "sv";

    public async Task<IActionResult> OnGetAsync(string code)
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        if (VerificationCode.Normalise(code) is not { } normalised
            || await CertificateRecords.VerifyAsync(db, normalised, clock.GetUtcNow().UtcDateTime) is not { } certificate)
        {
            return NotFound();
        }
        Certificate = certificate;
        Code = VerificationCode.Grouped(normalised);
        ModuleLanguage = catalogue.Find(certificate.ModuleId)?.Language ?? "sv";
        return Page();
    }
}
