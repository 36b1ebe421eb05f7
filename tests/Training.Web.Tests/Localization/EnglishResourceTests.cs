using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Training.Web.Accounts;
using Training.Web.Data;

namespace Training.Web.Tests.Localization;

/// <summary>
/// The Swedish text is the localization key, so a string without an entry in SharedResource.en.resx silently stays
/// Swedish on the English site. These tests read the source of Training.Web for every key the localizers are asked
/// for — <c>T["…"]</c> in views and components, <c>t["…"]</c> in page models, <c>ErrorMessage = "…"</c> on
/// DataAnnotations — and check each against the English resource.
/// </summary>
public partial class EnglishResourceTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();
    private static readonly string WebProject = Path.Combine(RepositoryRoot, "src", "Training.Web");
    private static readonly string EnglishResx = Path.Combine(WebProject, "Resources", "SharedResource.en.resx");
    private static readonly string[] SkippedFolders = ["bin", "obj", "Migrations", "node_modules"];

    [Fact]
    public void EveryLocalizerKey_HasAnEnglishValue()
    {
        var keys = ScanKeys();
        var english = ReadResx().GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

        Assert.True(keys.Count > 0, $"No localizer keys found under {WebProject}: the scan is broken.");
        var missing = keys
            .Where(k => !english.TryGetValue(k.Key, out var value) || string.IsNullOrWhiteSpace(value))
            .OrderBy(k => k.Value[0], StringComparer.Ordinal)
            .Select(k => $"  {Show(k.Key)}   ({k.Value[0]})")
            .ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} of {keys.Count} localizer keys have no English value in {Relative(EnglishResx)}:\n{string.Join('\n', missing)}");
    }

    [Fact]
    public void EveryPlaceholderInAKey_AppearsInItsEnglishValue()
    {
        var keys = ScanKeys();
        var english = ReadResx().GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

        var wrong = new List<string>();
        foreach (var (key, places) in keys)
        {
            if (!english.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
            {
                continue; // reported by EveryLocalizerKey_HasAnEnglishValue
            }
            var inKey = Placeholders(key);
            var inValue = Placeholders(value);
            var lost = inKey.Except(inValue).ToList();
            var added = inValue.Except(inKey).ToList();
            if (lost.Count > 0)
            {
                wrong.Add($"  {Show(key)} → {Show(value)}: missing {string.Join(", ", lost.Select(n => $"{{{n}}}"))}   ({places[0]})");
            }
            if (added.Count > 0)
            {
                // An index the Swedish call does not pass makes string.Format throw on the English site.
                wrong.Add($"  {Show(key)} → {Show(value)}: extra {string.Join(", ", added.Select(n => $"{{{n}}}"))}   ({places[0]})");
            }
        }
        Assert.True(wrong.Count == 0, $"Placeholders differ between key and English value:\n{string.Join('\n', wrong)}");
    }

    [Fact]
    public void TheEnglishResource_HasNoDuplicateKeys()
    {
        var duplicates = ReadResx()
            .GroupBy(e => e.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"  {Show(g.Key)} ×{g.Count()}")
            .ToList();
        Assert.True(duplicates.Count == 0, $"Duplicate keys in {Relative(EnglishResx)}:\n{string.Join('\n', duplicates)}");
    }

    /// <summary>Role names reach the localizer through <see cref="Policies.RoleName"/>, not as literals, so the scan cannot see them.</summary>
    [Fact]
    public void EveryRoleName_HasAnEnglishValue()
    {
        var english = ReadResx().GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

        var missing = Roles.All.Select(Policies.RoleName)
            .Where(name => !english.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            .ToList();
        Assert.True(missing.Count == 0, $"Role names without English value: {string.Join(", ", missing)}");
    }

    /// <summary>The audit log's action names reach the localizer through <see cref="Audit.AuditActions.Describe"/>, not as literals.</summary>
    [Fact]
    public void EveryAuditActionName_HasAnEnglishValue()
    {
        var english = ReadResx().GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

        var missing = Audit.AuditActions.All.Select(Audit.AuditActions.Describe)
            .Where(name => !english.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            .ToList();
        Assert.True(missing.Count == 0, $"Audit action names without English value: {string.Join(", ", missing)}");
    }

    /// <summary>The import's reasons are Training.Core's Swedish templates, shown through the localizer as keys the scan cannot see.</summary>
    [Fact]
    public void EveryImportReason_HasAnEnglishValue_WithTheSamePlaceholders()
    {
        var english = ReadResx().GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

        var wrong = Training.Core.Employees.ImportReasons.All
            .Where(r => !english.TryGetValue(r, out var value) || string.IsNullOrWhiteSpace(value) || !Placeholders(r).SetEquals(Placeholders(value)))
            .ToList();
        Assert.True(wrong.Count == 0, $"Import reasons without a matching English value: {string.Join(" | ", wrong)}");
    }

    /// <summary>The completions import's reasons and the names of how a completion was made reach the localizer as keys the scan cannot see.</summary>
    [Fact]
    public void EveryCompletionReasonAndSourceName_HasAnEnglishValue_WithTheSamePlaceholders()
    {
        var english = ReadResx().GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        string[] sources = [CompletionSources.Quiz, CompletionSources.Confirmation, CompletionSources.Manual, CompletionSources.Import];

        var wrong = Training.Core.Competence.CompletionReasons.All.Concat(sources.Select(Training.Web.Learning.Completions.SourceName))
            .Where(r => !english.TryGetValue(r, out var value) || string.IsNullOrWhiteSpace(value) || !Placeholders(r).SetEquals(Placeholders(value)))
            .ToList();
        Assert.True(wrong.Count == 0, $"Completion reasons or source names without a matching English value: {string.Join(" | ", wrong)}");
    }

    [Theory]
    [InlineData("@T[\"Moduler\"]", ".cshtml", "Moduler")]
    [InlineData("@T[\"Avsnitt {0} av {1}\", a, b]", ".cshtml", "Avsnitt {0} av {1}")]
    [InlineData("t[\"Rad ett\\n\\n{0}\\n\\\"citat\\\" \\\\ slut\", x]", ".cs", "Rad ett\n\n{0}\n\"citat\" \\ slut")]
    [InlineData("[Required(ErrorMessage = \"Skriv ditt lösenord.\")]", ".cs", "Skriv ditt lösenord.")]
    [InlineData("[StringLength(254, ErrorMessage = \"För lång.\")]", ".cs", "För lång.")]
    public void TheScan_FindsLocalizerKeys(string source, string extension, string expected)
    {
        var localized = extension == ".cs" ? "IStringLocalizer<SharedResource> t;\n" + source : source;

        Assert.Equal([expected], KeysIn(localized, extension, []).Select(k => k.Key));
    }

    [Theory]
    [InlineData("ViewData[\"Title\"] = x; TempData[\"Meddelande\"] = y;", ".cshtml")]
    [InlineData("Model.T[\"inte\"]; ct[\"inte\"]; T[$\"inte {x}\"]; T[name]", ".cshtml")]
    [InlineData("@* @T[\"bortkommenterad\"] *@", ".cshtml")]
    [InlineData("var t = new Dictionary<string, int>(); t[\"inte\"] = 1;", ".cs")]
    [InlineData("IStringLocalizer<SharedResource> t;\n// t[\"kommentar\"]", ".cs")]
    [InlineData("new Problem { ErrorMessage = \"inte en annotation\" }", ".cs")]
    public void TheScan_IgnoresStringsThatAreNotLocalizerKeys(string source, string extension) =>
        Assert.Empty(KeysIn(source, extension, []));

    private sealed record Entry(string Name, string Value);

    private static List<Entry> ReadResx()
    {
        var document = XDocument.Load(EnglishResx, LoadOptions.PreserveWhitespace);
        return document.Root!.Elements("data")
            .Select(d => new Entry((string?)d.Attribute("name") ?? "", (string?)d.Element("value") ?? ""))
            .ToList();
    }

    /// <summary>Every key used under src/Training.Web, with the places (file:line) it is used.</summary>
    private static Dictionary<string, List<string>> ScanKeys()
    {
        var files = Directory.EnumerateFiles(WebProject, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)
                || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !Path.GetRelativePath(WebProject, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
                .Any(part => SkippedFolders.Contains(part, StringComparer.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();

        // Localizers injected once for every view (_ViewImports.cshtml) or every component (_Imports.razor).
        var inheritedNames = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            [".cshtml"] = DeclaredNames(files.Where(f => Path.GetFileName(f) == "_ViewImports.cshtml")),
            [".razor"] = DeclaredNames(files.Where(f => Path.GetFileName(f) == "_Imports.razor")),
            [".cs"] = [],
        };

        var keys = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var extension = Path.GetExtension(file);
            foreach (var (key, line) in KeysIn(File.ReadAllText(file), extension, inheritedNames[extension]))
            {
                var place = $"{Relative(file)}:{line}";
                if (keys.TryGetValue(key, out var places))
                {
                    places.Add(place);
                }
                else
                {
                    keys[key] = [place];
                }
            }
        }
        return keys;
    }

    /// <summary>The keys in one file's text, with their line numbers.</summary>
    private static IEnumerable<(string Key, int Line)> KeysIn(string text, string extension, IEnumerable<string> inheritedNames)
    {
        text = WithoutComments(text, extension);
        var names = new HashSet<string>(inheritedNames, StringComparer.Ordinal);
        names.UnionWith(DeclaredNames(text));
        if (extension is ".cshtml" or ".razor")
        {
            names.Add("T");
        }
        else if (text.Contains("IStringLocalizer", StringComparison.Ordinal))
        {
            names.Add("t");
        }

        foreach (Match m in IndexerCall().Matches(text))
        {
            if (names.Contains(m.Groups["name"].Value))
            {
                yield return (Unescape(m.Groups["text"].Value), LineOf(text, m.Index));
            }
        }
        foreach (Match m in ErrorMessageArgument().Matches(text))
        {
            yield return (Unescape(m.Groups["text"].Value), LineOf(text, m.Index));
        }
    }

    private static HashSet<string> DeclaredNames(IEnumerable<string> files) =>
        files.SelectMany(f => DeclaredNames(File.ReadAllText(f))).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> DeclaredNames(string text) =>
        LocalizerDeclaration().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Drops Razor comments and whole-line // comments (line count kept). End-of-line // comments stay, since
    /// "//" also occurs inside strings such as URLs.
    /// </summary>
    private static string WithoutComments(string text, string extension)
    {
        if (extension is ".cshtml" or ".razor")
        {
            text = RazorComment().Replace(text, m => new string('\n', m.Value.Count(c => c == '\n')));
        }
        return LineComment().Replace(text, "");
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>The value of a C# regular string literal's body.</summary>
    private static string Unescape(string body)
    {
        var s = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 == body.Length)
            {
                s.Append(body[i]);
                continue;
            }
            var c = body[++i];
            switch (c)
            {
                case 'n': s.Append('\n'); break;
                case 'r': s.Append('\r'); break;
                case 't': s.Append('\t'); break;
                case '0': s.Append('\0'); break;
                case 'a': s.Append('\a'); break;
                case 'b': s.Append('\b'); break;
                case 'f': s.Append('\f'); break;
                case 'v': s.Append('\v'); break;
                case 'e': s.Append('\u001b'); break;
                case 'u' or 'U' or 'x':
                    var max = c == 'u' ? 4 : c == 'U' ? 8 : 4;
                    var digits = 0;
                    while (digits < max && i + 1 + digits < body.Length && Uri.IsHexDigit(body[i + 1 + digits]))
                    {
                        digits++;
                    }
                    var code = int.Parse(body.AsSpan(i + 1, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    s.Append(char.ConvertFromUtf32(code));
                    i += digits;
                    break;
                default: s.Append(c); break; // \" \' \\
            }
        }
        return s.ToString();
    }

    /// <summary>The argument indexes of a composite format string, ignoring escaped braces.</summary>
    private static SortedSet<int> Placeholders(string format) =>
        new(FormatItem().Matches(format.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));

    private static string Show(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/');

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Training.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Training.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary><c>name["regular string literal"</c>, not preceded by a member access or another identifier.</summary>
    [GeneratedRegex("""(?<![\w.])(?<name>[A-Za-z_]\w*)\s*\[\s*"(?<text>(?:[^"\\\r\n]|\\.)*)"(?=\s*[,\]])""")]
    private static partial Regex IndexerCall();

    /// <summary>A named <c>ErrorMessage</c> argument of an attribute (after "(" or ","; an object initializer's "{" is not one).</summary>
    [GeneratedRegex("""[(,]\s*ErrorMessage\s*=\s*"(?<text>(?:[^"\\\r\n]|\\.)*)"(?=\s*[,)])""")]
    private static partial Regex ErrorMessageArgument();

    [GeneratedRegex("""I(?:String|Html)Localizer<(?:[\w.]*\.)?SharedResource>\??\s+(?<name>[A-Za-z_]\w*)""")]
    private static partial Regex LocalizerDeclaration();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"^[ \t]*//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\{(\d+)(?:,\s*-?\d+)?(?::[^}]*)?\}")]
    private static partial Regex FormatItem();
}
