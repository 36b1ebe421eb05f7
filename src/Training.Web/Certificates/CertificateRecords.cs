using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Training.Core.Competence;
using Training.Web.Accounts;
using Training.Web.Data;
using Training.Web.Infrastructure;

namespace Training.Web.Certificates;

/// <summary>A certificate as a download: what it says, and the module id its file is named after.</summary>
public sealed record CertificateDownload(CertificateFacts Facts, string ModuleId)
{
    /// <summary>The PDF, named <c>intyg-{module}-{date}.pdf</c>.</summary>
    public FileContentResult File() =>
        new(CertificatePdf.Render(Facts), "application/pdf") { FileDownloadName = $"intyg-{ModuleId}-{SwedishTime.Date(Facts.CompletedAt)}.pdf" };
}

/// <summary>What a public verification shows: the completed module and its dates, and whether it stands. Nothing about the person.</summary>
public sealed record CertificateVerification(string ModuleId, string ModuleTitle, string Version, DateTime CompletedAt, DateTime? ExpiresAt, CertificateValidity Validity);

/// <summary>The named queries and addresses of certificates.</summary>
public static class CertificateRecords
{
    /// <summary>Where the learner downloads their own certificate.</summary>
    public static string LearnerUrl(long completionId) => $"/mina-sidor/intyg/{completionId}";

    /// <summary>Where HR and admins download an employee's certificate (from the employee's page).</summary>
    public static string EmployeeUrl(string userId, long completionId) => $"/hr/medarbetare/{userId}/intyg/{completionId}";

    /// <summary>The public verification page's path for a code (grouped, so an address typed from paper reads easily).</summary>
    public static string VerificationPath(string code) => "/intyg/" + VerificationCode.Grouped(code);

    /// <summary>The certificate of <paramref name="userId"/>'s completion <paramref name="completionId"/>; null when it is not theirs or has no code.</summary>
    public static async Task<CertificateDownload?> FindAsync(TrainingDbContext db, EmailSender links, string userId, long completionId)
    {
        var row = await db.Completions.AsNoTracking()
            .Where(c => c.Id == completionId && c.UserId == userId && c.VerificationCode != null)
            .Select(c => new
            {
                c.ModuleId,
                c.Version,
                c.CompletedAt,
                c.ExpiresAt,
                Code = c.VerificationCode!,
                c.ModuleVersion.Title,
                Person = db.Users.Where(u => u.Id == c.UserId).Select(u => u.Name).FirstOrDefault(),
                // the agency the person belonged to when they completed it
                Agency = db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync();
        return row is null ? null : new CertificateDownload(
            new CertificateFacts(row.Person ?? "", row.Agency ?? "", row.Title, row.Version, row.CompletedAt, row.ExpiresAt, row.Code,
                links.Link(VerificationPath(row.Code))),
            row.ModuleId);
    }

    /// <summary>The verification of a stored code (as <see cref="VerificationCode.Normalise"/> gives it); null for an unknown code.</summary>
    public static async Task<CertificateVerification?> VerifyAsync(TrainingDbContext db, string code, DateTime now)
    {
        var row = await db.Completions.AsNoTracking()
            .Where(c => c.VerificationCode == code)
            .Select(c => new
            {
                c.ModuleId,
                c.ModuleVersion.Title,
                c.Version,
                c.CompletedAt,
                c.ExpiresAt,
                Superseded = db.Completions.Any(later => later.SupersedesId == c.Id),
            })
            .FirstOrDefaultAsync();
        return row is null ? null
            : new CertificateVerification(row.ModuleId, row.Title, row.Version, row.CompletedAt, row.ExpiresAt, CertificateRules.ValidityOf(row.Superseded, row.ExpiresAt, now));
    }
}

/// <summary>A link to download one employee's certificate, as <c>Hr/_CertificateLink.cshtml</c> shows it in a table of completions.</summary>
public sealed record CertificateLink(string UserId, long CompletionId, string ModuleTitle, DateTime CompletedAt)
{
    public string Url => CertificateRecords.EmployeeUrl(UserId, CompletionId);
}
