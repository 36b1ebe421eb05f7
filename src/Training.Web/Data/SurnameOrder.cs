namespace Training.Web.Data;

/// <summary>
/// People are listed by surname. A name is stored as one field, "Förnamn Efternamn", so the surname is its last word;
/// the key is that word, a space and the rest ("Anna Maria Örn" → "}rn anna maria"). The database computes it
/// (<c>User.SortName</c>, a generated column with an index), so every writer (registration, import, seed, admin,
/// a bulk insert) keeps it right without remembering to, and 40 000 people sort in SQL through the index.
/// </summary>
public static class SurnameOrder
{
    private const string Trimmed = "trim(\"Name\")";

    private static readonly string Before = $"rtrim({Trimmed}, replace({Trimmed}, ' ', ''))";

    private static readonly (string From, string To)[] Letters =
    [
        ("å", "{"), ("Å", "{"), ("ä", "|"), ("Ä", "|"), ("æ", "|"), ("Æ", "|"), ("ö", "}"), ("Ö", "}"), ("ø", "}"), ("Ø", "}"),
        ("é", "e"), ("É", "e"), ("è", "e"), ("È", "e"), ("ü", "y"), ("Ü", "y"),
    ];

    private static string SwedishFold(string sql) =>
        Letters.Aggregate(sql, (inner, letter) => $"replace({inner}, '{letter.From}', '{letter.To}')");

    /// <summary>
    /// SQLite's expression for the key. <c>rtrim(n, replace(n, ' ', ''))</c> strips every trailing character that is
    /// not a space, which leaves the name up to its last space: the words before the surname. SQLite compares text
    /// byte by byte and lower() folds ASCII only, so the Swedish letters are mapped to what sorts after z in the
    /// right order (å, ä, ö → {, |, }), and the few foreign letters of Swedish names to the letter they sort with.
    /// </summary>
    public static string SqliteExpression { get; } = SwedishFold($"lower(rtrim(substr({Trimmed}, length({Before}) + 1) || ' ' || rtrim({Before})))");

    /// <summary>
    /// PostgreSQL's expression for the same key (a stored generated column, compared in the C collation so that
    /// {, | and } sort after z as on SQLite): the last word is what follows the last space, the rest what precedes it.
    /// </summary>
    public static string PostgresExpression { get; } =
        SwedishFold($"lower(rtrim(regexp_replace({Trimmed}, '^.* ', '') || ' ' || rtrim(regexp_replace({Trimmed}, '[^ ]*$', ''))))");

    /// <summary>Surname first, then the rest of the name; people with the same name keep a stable order.</summary>
    public static IOrderedQueryable<User> InSurnameOrder(this IQueryable<User> users) =>
        users.OrderBy(u => u.SortName).ThenBy(u => u.Id);
}
