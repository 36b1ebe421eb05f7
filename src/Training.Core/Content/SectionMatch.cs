namespace Training.Core.Content;

/// <summary>Which sections of a later version are the same as sections of an earlier one, for carrying reading progress over.</summary>
public static class SectionMatch
{
    /// <summary>
    /// The sections (1-based) of the version with <paramref name="toTitles"/> that count as read, given the sections
    /// <paramref name="read"/> of the version with <paramref name="fromTitles"/>. A section is the same when its title is
    /// the same (ignoring case and surrounding space), wherever it now stands; a section whose title is new is the one
    /// at the same place when that one's title is gone (a heading corrected). Sections added elsewhere stay unread.
    /// </summary>
    public static IReadOnlySet<int> Carry(IReadOnlyList<string> fromTitles, IReadOnlySet<int> read, IReadOnlyList<string> toTitles)
    {
        ArgumentNullException.ThrowIfNull(fromTitles);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(toTitles);
        static string Normal(string title) => title.Trim().ToUpperInvariant();
        var oldByTitle = fromTitles.Select((t, i) => (Title: Normal(t), Number: i + 1))
            .GroupBy(x => x.Title).ToDictionary(g => g.Key, g => g.First().Number, StringComparer.Ordinal);
        var newTitles = toTitles.Select(Normal).ToHashSet(StringComparer.Ordinal);
        var carried = new HashSet<int>();
        for (var i = 0; i < toTitles.Count; i++)
        {
            var number = i + 1;
            var title = Normal(toTitles[i]);
            var from = oldByTitle.TryGetValue(title, out var same) ? same
                : number <= fromTitles.Count && !newTitles.Contains(Normal(fromTitles[i])) ? number
                : 0;
            if (from > 0 && read.Contains(from))
            {
                carried.Add(number);
            }
        }
        return carried;
    }
}
