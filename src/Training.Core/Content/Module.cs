using Training.Core.Gift;

namespace Training.Core.Content;

/// <summary>A block of GIFT text: a <c>```gift</c> or <c>```gift check</c> block in index.md, or a whole <c>*.gift</c> file.</summary>
/// <param name="Text">The GIFT text.</param>
/// <param name="Path">The file it stands in (display path).</param>
/// <param name="FirstLine">The file line of the text's first line.</param>
/// <param name="Check">True for an ungraded knowledge check.</param>
public sealed record GiftSource(string Text, string Path, int FirstLine, bool Check);

/// <summary>A section's heading and where it starts.</summary>
/// <param name="Title">The level-2 heading's text.</param>
/// <param name="Line">The heading's file line.</param>
public sealed record SectionOutline(string Title, int Line);

/// <summary>A module as read from its folder: front matter, hash, section outline and GIFT sources. Not yet rendered.</summary>
public sealed class ModuleSource
{
    /// <summary>The stable id.</summary>
    public required string Id { get; init; }

    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>The version from the front matter.</summary>
    public required ModuleVersionNumber Version { get; init; }

    /// <summary>Hex SHA-256 over the module's files (<see cref="Content.ContentHash"/>).</summary>
    public required string ContentHash { get; init; }

    /// <summary>The whole front matter.</summary>
    public required ModuleFrontMatter FrontMatter { get; init; }

    /// <summary>The module folder on disk; null for a module loaded from stored files.</summary>
    public string? Folder { get; init; }

    /// <summary>Every file of the module by relative path ('/' separated), as its bytes: what a stored version keeps.</summary>
    public required IReadOnlyDictionary<string, byte[]> Files { get; init; }

    /// <summary>index.md as the author would name it (for messages).</summary>
    public required string IndexPath { get; init; }

    /// <summary>The text of index.md.</summary>
    public required string IndexText { get; init; }

    /// <summary>The sections in order.</summary>
    public required IReadOnlyList<SectionOutline> Sections { get; init; }

    /// <summary>Every GIFT block and file of the module, in file order.</summary>
    public required IReadOnlyList<GiftSource> GiftSources { get; init; }

    /// <summary>Every parsed question in file order: knowledge checks (<see cref="GiftQuestion.Check"/>) and the graded pool.</summary>
    public required IReadOnlyList<GiftQuestion> Questions { get; init; }

    /// <summary>The graded pool the quiz draws from.</summary>
    public IEnumerable<GiftQuestion> GradedQuestions => Questions.Where(q => !q.Check);

    /// <summary>The text files of the module by relative path (index.md, *.gift, …): the stored source of a version.</summary>
    public required IReadOnlyDictionary<string, string> SourceFiles { get; init; }
}

/// <summary>How a part of a section is shown.</summary>
public enum PartKind
{
    /// <summary>Rendered, sanitised HTML.</summary>
    Html,

    /// <summary>A knowledge check, rendered per learner: <see cref="SectionPart.Content"/> is its GIFT text.</summary>
    Check,
}

/// <summary>One part of a section: HTML, or the GIFT text of a knowledge check.</summary>
/// <param name="Kind">Which kind.</param>
/// <param name="Content">The HTML, or the GIFT text.</param>
/// <param name="Line">The file line the part starts on.</param>
public sealed record SectionPart(PartKind Kind, string Content, int Line);

/// <summary>A rendered section: one page for the learner.</summary>
/// <param name="Title">The heading.</param>
/// <param name="Line">The heading's file line.</param>
/// <param name="Parts">The parts in order.</param>
public sealed record RenderedSection(string Title, int Line, IReadOnlyList<SectionPart> Parts);

/// <summary>A module rendered once for a stored version.</summary>
/// <param name="IntroHtml">What stands before the first section (shown on the overview), sanitised.</param>
/// <param name="Sections">The sections.</param>
public sealed record RenderedModule(string IntroHtml, IReadOnlyList<RenderedSection> Sections);

/// <summary>A learning path.</summary>
/// <param name="Id">The track's id.</param>
/// <param name="Title">The title.</param>
/// <param name="Description">Who it is for.</param>
/// <param name="ModuleIds">Module ids in order.</param>
/// <param name="Order">Where the track stands among the tracks (lowest first); null comes after every number.</param>
public sealed record Track(string Id, string Title, string Description, IReadOnlyList<string> ModuleIds, int? Order = null)
{
    /// <summary>The module that follows <paramref name="moduleId"/> in the track; null when it is the last or not in the track.</summary>
    public string? ModuleAfter(string moduleId)
    {
        for (var i = 0; i + 1 < ModuleIds.Count; i++)
        {
            if (ModuleIds[i] == moduleId)
            {
                return ModuleIds[i + 1];
            }
        }
        return null;
    }
}

/// <summary>Everything read from a content folder: the usable modules and tracks, and every problem found.</summary>
/// <param name="Modules">Modules without blocking problems, ordered by id.</param>
/// <param name="Tracks">Tracks without problems, in their order (then by id).</param>
/// <param name="Problems">Every problem, errors and warnings, in path and line order.</param>
/// <param name="Agencies">The agencies of agencies.yml (empty when the file is missing).</param>
public sealed record ContentSet(
    IReadOnlyList<ModuleSource> Modules, IReadOnlyList<Track> Tracks, IReadOnlyList<ContentProblem> Problems,
    IReadOnlyList<Agencies.AgencySeed> Agencies)
{
    /// <summary>True when any problem is an error.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
