namespace Training.Web.Data;

/// <summary>
/// The rule for searching names, addresses and labels: both the stored text and what was typed are folded to lower
/// case, Swedish letters included (neither SQLite's LIKE nor PostgreSQL's lower() under the C locale folds Å to å).
/// In a query <see cref="Fold"/> runs in the database as <c>training_fold</c>: on SQLite this very method, registered on
/// every connection (<see cref="Sqlite.SqlitePragmas"/>); on PostgreSQL a SQL function made by its first migration
/// (lower() after the capitals of Swedish and Nordic names are mapped by hand, whatever the database's locale).
/// </summary>
public static class SearchText
{
    public const string SqlFunction = "training_fold";

    public static string? Fold(string? text) => text?.ToLowerInvariant();

    /// <summary>A LIKE pattern (escaped with a backslash) that finds <paramref name="search"/>, trimmed and folded, anywhere in a folded text.</summary>
    public static string ContainsPattern(string search) =>
        "%" + Fold(search.Trim())!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
