namespace Training.Web.Data;

/// <summary>
/// An immutable published snapshot of a module, identified by (module id, version, content hash).
/// Attempts, completions and certificates point at one of these.
/// </summary>
public class ModuleVersion
{
    public int Id { get; set; }
    public required string ModuleId { get; set; }
    public required string Version { get; set; }
    public int VersionMajor { get; set; }
    public int VersionMinor { get; set; }
    public required string ContentHash { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public int? EstimatedMinutes { get; set; }
    public int? ValidForMonths { get; set; }

    /// <summary>The whole front matter as JSON (quiz settings, sources, …).</summary>
    public required string FrontMatterJson { get; set; }

    /// <summary>The module's text files (index.md, *.gift) as a JSON object of path → text.</summary>
    public required string SourceJson { get; set; }

    /// <summary>The rendered sections as JSON, produced once when this version was stored.</summary>
    public required string RenderedJson { get; set; }

    public DateTime StoredAt { get; set; }
}
