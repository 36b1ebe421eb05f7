using Training.Core.Content;

namespace Training.Web.Content;

/// <summary>A module as the site serves it: the stored version it is, and its rendering (made once for that version).</summary>
public sealed record CatalogueModule(int VersionId, ModuleSource Source, RenderedModule Rendered)
{
    public string Id => Source.Id;
    public string Title => Source.Title;
    public int SectionCount => Rendered.Sections.Count;
}

/// <summary>The modules and tracks the site serves now; replaced whole after each content import.</summary>
public sealed class ContentCatalogue
{
    private sealed record Snapshot(IReadOnlyDictionary<string, CatalogueModule> ById, IReadOnlyList<CatalogueModule> Modules, IReadOnlyList<Track> Tracks);

    private volatile Snapshot current = new(new Dictionary<string, CatalogueModule>(), [], []);

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

    public IEnumerable<CatalogueModule> ModulesOf(Track track) =>
        track.ModuleIds.Select(Find).OfType<CatalogueModule>();

    public void Replace(IEnumerable<CatalogueModule> modules, IReadOnlyList<Track> tracks)
    {
        var ordered = modules.OrderBy(m => m.Title, StringComparer.Create(new System.Globalization.CultureInfo("sv-SE"), false)).ToList();
        current = new Snapshot(ordered.ToDictionary(m => m.Id, StringComparer.Ordinal), ordered, tracks);
    }
}
