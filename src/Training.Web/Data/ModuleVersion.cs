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

    /// <summary>Every question of this version (knowledge checks and the graded pool) as JSON, parsed once when it was stored; null for versions stored before it was kept.</summary>
    public string? QuestionsJson { get; set; }

    /// <summary>Where it came from: <see cref="VersionOrigins.Content"/> (files in content/) or <see cref="VersionOrigins.Editor"/>.</summary>
    public string Origin { get; set; } = VersionOrigins.Content;

    /// <summary>What changed, in the trainer's words (empty for a version read from content/).</summary>
    public string? ChangeNote { get; set; }

    /// <summary>Who published it in the editor; null for a version read from content/.</summary>
    public string? PublishedById { get; set; }

    /// <summary>The publisher's name and e-mail as they were when publishing.</summary>
    public string? PublishedByLabel { get; set; }

    /// <summary>The files of this version (index.md, *.gift, images, …); none for versions stored before files were kept and not found since.</summary>
    public List<ModuleVersionFile> Files { get; set; } = [];
}

public static class VersionOrigins
{
    public const string Content = "content";
    public const string Editor = "editor";
}

/// <summary>The bytes of a file, stored once however many versions and drafts hold it (keyed by their SHA-256).</summary>
public class StoredFile
{
    public required string Hash { get; set; }
    public required byte[] Bytes { get; set; }
}

/// <summary>One file of a stored version, at its path relative to the module folder.</summary>
public class ModuleVersionFile
{
    public int ModuleVersionId { get; set; }
    public required string Path { get; set; }
    public required string FileHash { get; set; }
    public int Length { get; set; }
}

/// <summary>
/// A module being written in the browser: index.md in a textarea, its other files beside it. Never served to learners.
/// <see cref="Revision"/> grows with each save, so a save based on an older revision is refused, not written over.
/// </summary>
public class ModuleDraft
{
    public required string ModuleId { get; set; }
    public required string IndexText { get; set; }
    public int Revision { get; set; }
    public int? BaseVersionId { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public string? UpdatedByLabel { get; set; }
    public List<ModuleDraftFile> Files { get; set; } = [];
}

/// <summary>A file of a draft other than index.md (images, *.gift).</summary>
public class ModuleDraftFile
{
    public required string ModuleId { get; set; }
    public required string Path { get; set; }
    public required string FileHash { get; set; }
    public int Length { get; set; }
}

/// <summary>A learning path as last read from content/tracks, so the site keeps its tracks when content/ is gone.</summary>
public class ContentTrack
{
    public required string Id { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public required string ModuleIdsJson { get; set; }
    public int? Order { get; set; }
    public int Position { get; set; }
}
