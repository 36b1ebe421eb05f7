namespace Training.Web.Audit;

/// <summary>
/// One line of the audit log: who did what, when and to whom. Append-only: the database refuses UPDATE and
/// DELETE, with one exception: anonymisation may replace a label that named a person with the anonymous label
/// (<see cref="Privacy.Anonymisation.Label"/>). Names and addresses are copied as they were, so the line still reads
/// right after a person changes.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }
    /// <summary>The person who acted; null for an anonymous attempt or the command line.</summary>
    public string? ActorId { get; set; }
    /// <summary>The actor as shown: their email, or "kommandoraden".</summary>
    public required string ActorLabel { get; set; }
    /// <summary>The agency the entry belongs to (the subject's, else the actor's); HR sees its own agency's entries.</summary>
    public int? AgencyId { get; set; }
    /// <summary>The person or thing acted on: a user id, an agency code.</summary>
    public string? SubjectId { get; set; }
    public string? SubjectLabel { get; set; }
    /// <summary>What changed, in a sentence (roles added, counts of an import).</summary>
    public string? Details { get; set; }
}
