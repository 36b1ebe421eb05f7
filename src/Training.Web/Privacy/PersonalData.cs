using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Training.Web.Audit;
using Training.Web.Data;

namespace Training.Web.Privacy;

/// <summary>
/// Everything the site holds about one person, for them to download (the right of access, GDPR art. 15). Secrets are
/// left out: no password hash, security stamp, session key or ticket, token value, nor the answer key of a quiz.
/// </summary>
public static class PersonalData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The person's data as indented JSON (UTF-8); null when there is no such person.</summary>
    public static async Task<byte[]?> ExportAsync(TrainingDbContext db, string userId, DateTime now, CancellationToken cancellationToken = default)
    {
        var person = await db.Users.AsNoTracking().Include(u => u.Agency).Include(u => u.Unit).Include(u => u.JobRole)
            .FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (person is null)
        {
            return null;
        }
        var roles = await (from r in db.UserRoles join role in db.Roles on r.RoleId equals role.Id where r.UserId == userId select role.Name)
            .ToListAsync(cancellationToken);
        var managedUnits = await db.ManagerUnits.Where(m => m.UserId == userId).Select(m => m.Unit.Name).ToListAsync(cancellationToken);
        var visits = await db.SectionVisits.AsNoTracking().Where(v => v.UserId == userId)
            .Join(db.ModuleVersions, v => v.ModuleVersionId, m => m.Id, (v, m) => new { module = m.ModuleId, version = m.Version, section = v.Section, visitedAt = v.VisitedAt })
            .OrderBy(v => v.visitedAt).ToListAsync(cancellationToken);
        var checks = (await db.CheckAnswers.AsNoTracking().Where(a => a.UserId == userId)
                .Join(db.ModuleVersions, a => a.ModuleVersionId, m => m.Id, (a, m) => new { m.ModuleId, m.Version, a.CheckKey, a.AnsweredAt, a.ResponseJson })
                .OrderBy(a => a.AnsweredAt).ToListAsync(cancellationToken))
            .Select(a => new { module = a.ModuleId, version = a.Version, check = a.CheckKey, answeredAt = a.AnsweredAt, answer = Parsed(a.ResponseJson) });
        // The drawn questions carry the answer key: never in the download, not even for a submitted attempt.
        var attempts = (await db.QuizAttempts.AsNoTracking().Where(a => a.UserId == userId)
                .Select(a => new { a.Id, a.ModuleVersion.ModuleId, a.ModuleVersion.Version, a.StartedAt, a.SubmittedAt, a.ScorePercent, a.Passed, a.ResponsesJson })
                .OrderBy(a => a.StartedAt).ToListAsync(cancellationToken))
            .Select(a => new { id = a.Id, module = a.ModuleId, version = a.Version, startedAt = a.StartedAt, submittedAt = a.SubmittedAt, scorePercent = a.ScorePercent, passed = a.Passed, answers = Parsed(a.ResponsesJson) });
        var completions = (await db.Completions.AsNoTracking().Where(c => c.UserId == userId)
                .Select(c => new { c.Id, c.ModuleId, Title = c.ModuleVersion.Title, c.Version, c.ContentHash, c.CompletedAt, c.ScorePercent, c.ExpiresAt, c.Source, c.AttemptId, c.SupersedesId, c.VerificationCode, c.Note, c.AgencyId })
                .OrderBy(c => c.CompletedAt).ToListAsync(cancellationToken))
            .Select(c => new
            {
                id = c.Id, module = c.ModuleId, title = c.Title, version = c.Version, contentHash = c.ContentHash, completedAt = c.CompletedAt,
                scorePercent = c.ScorePercent, expiresAt = c.ExpiresAt, source = c.Source, attemptId = c.AttemptId, supersedes = c.SupersedesId,
                note = c.Note, agencyId = c.AgencyId,
                certificate = c.VerificationCode is { } code ? new { verificationCode = code, verificationUrl = "/intyg/" + code } : null,
            });
        var reminders = await db.ReminderDeliveries.AsNoTracking().Where(r => r.UserId == userId)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new { kind = r.Kind, module = r.ModuleId, createdAt = r.CreatedAt, sentAt = r.SentAt })
            .ToListAsync(cancellationToken);
        var sessions = await db.AuthSessions.AsNoTracking().Where(s => s.UserId == userId)
            .OrderBy(s => s.CreatedAt).Select(s => new { createdAt = s.CreatedAt, expiresAt = s.ExpiresAt }).ToListAsync(cancellationToken);
        var logins = await db.UserLogins.AsNoTracking().Where(l => l.UserId == userId)
            .Select(l => new { provider = l.LoginProvider, name = l.ProviderDisplayName }).ToListAsync(cancellationToken);
        var tokens = await db.UserTokens.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new { provider = t.LoginProvider, name = t.Name }).ToListAsync(cancellationToken);
        var email = person.Email;
        var audit = (await db.AuditEntries.AsNoTracking()
                .Where(e => e.SubjectId == userId || e.ActorId == userId || (email != null && e.SubjectLabel == email))
                .OrderBy(e => e.At).ToListAsync(cancellationToken))
            .Select(e => new
            {
                at = e.At, action = e.Action, description = AuditActions.Describe(e.Action),
                actedBy = e.ActorId == userId ? "du" : e.ActorLabel, subject = e.SubjectLabel, details = e.Details,
            });

        var data = new
        {
            exportedAt = now,
            about = "Alla uppgifter som Training har om dig. Lösenord, säkerhetsnycklar och facit till prov lämnas aldrig ut.",
            account = new
            {
                id = person.Id, name = person.Name, email = person.Email, emailConfirmed = person.EmailConfirmed, userName = person.UserName,
                phoneNumber = person.PhoneNumber, employeeNumber = person.EmployeeNumber, startDate = person.StartDate,
                joinedAgencyOn = person.JoinedAgencyOn, isActive = person.IsActive, deactivatedAt = person.DeactivatedAt, createdAt = person.CreatedAt,
                twoFactorEnabled = person.TwoFactorEnabled, lockoutEnd = person.LockoutEnd, failedSignIns = person.AccessFailedCount,
                mustChangePassword = person.MustChangePassword, hasPassword = person.PasswordHash is not null,
            },
            agency = new { code = person.Agency.Code, name = person.Agency.Name, retentionMonths = person.Agency.RetentionMonths },
            unit = person.Unit?.Name,
            jobRole = person.JobRole is { } jobRole ? new { code = jobRole.Code, name = jobRole.Name } : null,
            roles,
            managedUnits,
            sectionsRead = visits,
            knowledgeCheckAnswers = checks,
            quizAttempts = attempts,
            completions,
            reminders,
            sessions,
            externalLogins = logins,
            storedTokens = tokens,
            auditEntries = audit,
        };
        return JsonSerializer.SerializeToUtf8Bytes(data, Json);
    }

    private static JsonElement? Parsed(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
