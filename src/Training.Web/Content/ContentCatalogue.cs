using Training.Core.Competence;
using Training.Core.Content;
using Training.Core.Gift;
using Training.Core.Quiz;

namespace Training.Web.Content;

/// <summary>
/// A module as the site serves it: the stored version it is, with everything stored with it (front matter, questions
/// parsed once, rendering made once). Built from the database, never from content/.
/// </summary>
public sealed record CatalogueModule(
    int VersionId, string Id, string Title, ModuleVersionNumber Version, string ContentHash, ModuleFrontMatter FrontMatter,
    IReadOnlyList<GiftQuestion> Questions, RenderedModule Rendered)
{
    public int SectionCount => Rendered.Sections.Count;

    /// <summary>The language the module's text is written in (front matter <c>language</c>, Swedish unless it says otherwise).</summary>
    public string Language => FrontMatter.Language ?? "sv";

    /// <summary>
    /// The questions as the learner is shown them: with their links to the module's files pinned to this version, so that
    /// an attempt or a check on 1.x keeps 1.x's images. <see cref="Questions"/> keeps them as written.
    /// </summary>
    private IReadOnlyList<GiftQuestion> Served { get; } =
        [.. Questions.Select(q => q.MapTexts((text, format) => ModuleFiles.PinLinks(text, format, Id, ContentHash)))];

    /// <summary>The graded pool the quiz draws from, as served; empty for a module that is confirmed as read instead.</summary>
    public IReadOnlyList<GiftQuestion> Pool => field ??= [.. Served.Where(q => !q.Check)];

    public QuizSettings Quiz => FrontMatter.Quiz ?? new QuizSettings();

    public bool HasQuiz => Pool.Count > 0;

    /// <summary>When a version of this module's current major version was first stored (UTC): earlier majors' completions count for a grace period from here.</summary>
    public DateTime MajorSince { get; init; }

    /// <summary>This module as the competence rules see it.</summary>
    public CurrentModule Current => new(Id, Version, MajorSince);

    /// <summary>
    /// Each knowledge check part's questions, by (section index, part index), from the questions parsed when the version
    /// was stored, with the answers in one fixed order so that the page and its post agree.
    /// </summary>
    public IReadOnlyDictionary<(int Section, int Part), IReadOnlyList<DrawnQuestion>> Checks => field ??= ChecksOf(Rendered, Served);

    private static Dictionary<(int, int), IReadOnlyList<DrawnQuestion>> ChecksOf(RenderedModule rendered, IReadOnlyList<GiftQuestion> questions)
    {
        var parts = new List<(int Section, int Part, int Line)>();
        for (var s = 0; s < rendered.Sections.Count; s++)
        {
            for (var p = 0; p < rendered.Sections[s].Parts.Count; p++)
            {
                if (rendered.Sections[s].Parts[p].Kind == PartKind.Check)
                {
                    parts.Add((s, p, rendered.Sections[s].Parts[p].Line));
                }
            }
        }
        var checks = new Dictionary<(int, int), IReadOnlyList<DrawnQuestion>>();
        foreach (var (section, part, line) in parts)
        {
            var next = parts.Where(x => x.Line > line).Select(x => x.Line).DefaultIfEmpty(int.MaxValue).Min();
            var mine = questions.Where(q => q.Check && q.Line >= line && q.Line < next).ToList();
            checks[(section, part)] = mine.Count == 0 ? [] : QuizDraw.Draw(mine, null, new Random(0)).Questions;
        }
        return checks;
    }
}

/// <summary>The modules and tracks the site serves now; replaced whole after each content import.</summary>
public sealed class ContentCatalogue
{
    private sealed record Snapshot(IReadOnlyDictionary<string, CatalogueModule> ById, IReadOnlyList<CatalogueModule> Modules, IReadOnlyList<Track> Tracks);

    private volatile Snapshot current = new(new Dictionary<string, CatalogueModule>(), [], []);

    /// <summary>The ids of the modules that content/ held at the last import: the editor says when a module also lives there.</summary>
    public IReadOnlySet<string> InContentFolder { get; set; } = new HashSet<string>();

    public IReadOnlyList<CatalogueModule> Modules => current.Modules;

    public IReadOnlyList<Track> Tracks => current.Tracks;

    public CatalogueModule? Find(string id) => current.ById.GetValueOrDefault(id);

    /// <summary>The modules that belong to no track, for the catalogue's "other modules".</summary>
    public IEnumerable<CatalogueModule> ModulesOutsideTracks
    {
        get
        {
            var snapshot = current;
            var inTracks = snapshot.Tracks.SelectMany(t => t.ModuleIds).ToHashSet(StringComparer.Ordinal);
            return snapshot.Modules.Where(m => !inTracks.Contains(m.Id));
        }
    }

    /// <summary>The module after <paramref name="moduleId"/> in the first track (in the tracks' order) that holds it and has one after it.</summary>
    public (Track Track, CatalogueModule Module)? NextInTrack(string moduleId)
    {
        foreach (var track in current.Tracks)
        {
            if (track.ModuleAfter(moduleId) is { } next && Find(next) is { } module)
            {
                return (track, module);
            }
        }
        return null;
    }

    public IEnumerable<CatalogueModule> ModulesOf(Track track) =>
        track.ModuleIds.Select(Find).OfType<CatalogueModule>();

    public void Replace(IEnumerable<CatalogueModule> modules, IReadOnlyList<Track> tracks)
    {
        var ordered = modules.OrderBy(m => m.Title, StringComparer.Create(new System.Globalization.CultureInfo("sv-SE"), false)).ToList();
        current = new Snapshot(ordered.ToDictionary(m => m.Id, StringComparer.Ordinal), ordered, tracks);
    }
}
