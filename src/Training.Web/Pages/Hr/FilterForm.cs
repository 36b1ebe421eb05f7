using Training.Web.Learning;

namespace Training.Web.Pages.Hr;

/// <summary>What the shared filter form (<c>_Filters</c>) needs: the scope, where it goes, and the element htmx swaps (none for a plain form).</summary>
public sealed record FilterForm(HrScope Scope, string Action, string? Target, bool WithStatus = true)
{
    /// <summary>Other values the form carries along (a search, a period).</summary>
    public IReadOnlyList<(string Name, string Value)> Hidden { get; init; } = [];
}
