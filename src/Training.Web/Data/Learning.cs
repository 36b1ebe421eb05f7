namespace Training.Web.Data;

/// <summary>A learner read a section of a stored module version: its page was shown (written once, on the first visit).</summary>
public class SectionVisit
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public int ModuleVersionId { get; set; }
    public int Section { get; set; }
    public DateTime VisitedAt { get; set; }
}

/// <summary>
/// A learner answered a knowledge check. Knowledge checks are not graded for the record; the last answer is kept so
/// that a revisited section shows it with its feedback.
/// </summary>
public class CheckAnswer
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public int ModuleVersionId { get; set; }
    public required string CheckKey { get; set; }
    public DateTime AnsweredAt { get; set; }

    /// <summary>The learner's last answer (a <see cref="Core.Quiz.QuestionResponse"/> as JSON); null for answers kept before it was stored.</summary>
    public string? ResponseJson { get; set; }
}

/// <summary>
/// One go at a module's graded quiz. The drawn questions are stored with their answer key as they were, so a
/// reload shows the same attempt and a later content change cannot alter it.
/// </summary>
public class QuizAttempt
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public int ModuleVersionId { get; set; }
    public ModuleVersion ModuleVersion { get; set; } = null!;
    public required string DrawnJson { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? ResponsesJson { get; set; }
    public string? ResultJson { get; set; }
    public int? ScorePercent { get; set; }
    public bool? Passed { get; set; }
}

public static class CompletionSources
{
    public const string Quiz = "quiz";
    public const string Confirmation = "confirmation";
    public const string Manual = "manual";
    public const string Import = "import";
}

/// <summary>
/// The competence record: append-only. Nothing updates or deletes a completion (the database refuses it); a
/// correction is a new record that names the one it supersedes.
/// </summary>
public class Completion
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    /// <summary>The person's agency at the moment of completion.</summary>
    public int AgencyId { get; set; }
    public required string ModuleId { get; set; }
    public int ModuleVersionId { get; set; }
    public ModuleVersion ModuleVersion { get; set; } = null!;
    public required string Version { get; set; }
    public required string ContentHash { get; set; }
    public DateTime CompletedAt { get; set; }
    public int? ScorePercent { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public required string Source { get; set; }
    /// <summary>Unique: one attempt can give at most one completion, whatever is submitted twice.</summary>
    public string? AttemptId { get; set; }
    public long? SupersedesId { get; set; }

    /// <summary>The certificate's verification code (<see cref="Core.Competence.VerificationCode"/>), made with the completion.</summary>
    public string? VerificationCode { get; set; }

    /// <summary>Who recorded a manual or imported completion (a user id); null for what the learner did on the site.</summary>
    public string? RecordedById { get; set; }

    /// <summary>The evidence for a manual or imported completion (e.g. "Klassrumskurs, Polishögskolan"), as written by who recorded it.</summary>
    public string? Note { get; set; }
}
