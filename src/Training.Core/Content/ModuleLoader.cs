using System.Text;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using YamlDotNet.Core;
using Training.Core.Gift;
using YamlDotNet.RepresentationModel;

namespace Training.Core.Content;

/// <summary>Reads one module folder (<c>modules/&lt;id&gt;/index.md</c> and its <c>*.gift</c> files) and reports every problem it finds.</summary>
public static class ModuleLoader
{
    private static readonly HashSet<string> FrontMatterKeys =
    [
        "id", "title", "version", "summary", "language", "estimated_minutes", "valid_for_months", "sources",
        "quiz", "quiz.pass_mark", "quiz.questions", "quiz.max_attempts", "quiz.cooldown_hours",
    ];

    /// <summary>
    /// Loads a module. <paramref name="displayFolder"/> names the folder in messages (as the author typed it).
    /// The module is null when a problem makes it unusable (front matter, quiz, a file that cannot be read or a link
    /// that dangles, loops or leaves the folder); broken links in the text are reported but leave the module usable.
    /// </summary>
    public static (ModuleSource? Module, IReadOnlyList<ContentProblem> Problems) Load(string folder, string displayFolder)
    {
        var (files, listProblems) = ModuleFolder.List(folder, displayFolder);
        if (listProblems.Count > 0)
        {
            return (null, [.. listProblems.Select(Skipped)]);
        }
        Dictionary<string, byte[]> bytes;
        try
        {
            bytes = files.ToDictionary(f => f, f => ModuleFolder.ReadBytes(folder, f), StringComparer.Ordinal);
        }
        catch (ModuleFileException e)
        {
            return (null, [Skipped(new ContentProblem(JoinDisplay(displayFolder, e.RelativePath), 0, e.Reason))]);
        }
        var (module, problems) = Load(bytes, displayFolder);
        return (module is null ? null : new ModuleSource
        {
            Id = module.Id, Title = module.Title, Version = module.Version, ContentHash = module.ContentHash, FrontMatter = module.FrontMatter,
            Folder = folder, IndexPath = module.IndexPath, IndexText = module.IndexText, Sections = module.Sections, GiftSources = module.GiftSources,
            Questions = module.Questions, SourceFiles = module.SourceFiles, Files = module.Files,
        }, problems);
    }

    private static ContentProblem Skipped(ContentProblem problem) => problem with { Message = problem.Message + " Modulen hoppas över." };

    /// <summary>
    /// Loads a module from its files held in memory (relative path → bytes): a stored version, or a draft in the editor.
    /// The same rules as for a folder; <see cref="ModuleSource.Folder"/> is null.
    /// </summary>
    public static (ModuleSource? Module, IReadOnlyList<ContentProblem> Problems) Load(IReadOnlyDictionary<string, byte[]> fileBytes, string displayFolder)
    {
        ArgumentNullException.ThrowIfNull(fileBytes);
        var files = fileBytes.Keys.Order(StringComparer.Ordinal).ToList();
        var problems = new List<ContentProblem>();
        var indexPath = JoinDisplay(displayFolder, "index.md");
        if (!fileBytes.ContainsKey("index.md"))
        {
            problems.Add(new ContentProblem(indexPath, 1, "index.md saknas i modulmappen."));
            return (null, problems);
        }

        var text = DecodeText(fileBytes["index.md"]);
        var document = MarkdownRenderer.Parse(text);
        var (frontMatter, lineOf) = ReadFrontMatter(document, indexPath, problems);
        var blocking = problems.Count > 0;

        var sections = new List<SectionOutline>();
        var gift = new List<GiftSource>();
        foreach (var block in document)
        {
            switch (block)
            {
                case HeadingBlock { Level: 2 } heading:
                    var title = MarkdownText.Of(heading);
                    if (title.Length == 0)
                    {
                        problems.Add(new ContentProblem(indexPath, heading.Line + 1, "avsnittsrubriken är tom."));
                        blocking = true;
                    }
                    sections.Add(new SectionOutline(title, heading.Line + 1));
                    break;
                case HeadingBlock { Level: 1 } heading:
                    problems.Add(new ContentProblem(indexPath, heading.Line + 1,
                        "använd inte # rubrik i texten: modulens titel kommer från front matter och avsnitt börjar med ##.", ProblemSeverity.Warning));
                    break;
                case FencedCodeBlock fenced when GiftFence.Kind(fenced) is { } check:
                    if (check && sections.Count == 0)
                    {
                        problems.Add(new ContentProblem(indexPath, fenced.Line + 1, "en kunskapskontroll måste stå i ett avsnitt (efter en ## rubrik)."));
                    }
                    gift.Add(new GiftSource(GiftFence.Text(fenced), indexPath, fenced.Line + 2, check));
                    break;
            }
        }
        if (sections.Count == 0)
        {
            problems.Add(new ContentProblem(indexPath, 1, "modulen har inga avsnitt: varje avsnitt börjar med en ## rubrik."));
            blocking = true;
        }
        foreach (var duplicate in sections.GroupBy(s => s.Title).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            problems.Add(new ContentProblem(indexPath, duplicate.Line, $"avsnittet '{duplicate.Title}' finns redan i modulen.", ProblemSeverity.Warning));
        }

        CheckLinks(document, files, indexPath, problems);

        var sourceFiles = new Dictionary<string, string>(StringComparer.Ordinal) { ["index.md"] = text };
        foreach (var relative in files.Where(f => f.EndsWith(".gift", StringComparison.OrdinalIgnoreCase)))
        {
            var giftText = DecodeText(fileBytes[relative]);
            sourceFiles[relative] = giftText;
            gift.Add(new GiftSource(giftText, JoinDisplay(displayFolder, relative), 1, Check: false));
        }

        var questions = ReadQuestions(gift, frontMatter, indexPath, lineOf("quiz.questions"), problems, ref blocking);
        problems.AddRange(ContentHtmlChecks.CheckMarkdown(text, indexPath));
        problems.AddRange(ContentHtmlChecks.CheckGift(questions));

        if (blocking || frontMatter is null || !ModuleVersionNumber.TryParse(frontMatter.Version, out var version))
        {
            return (null, problems);
        }
        var module = new ModuleSource
        {
            Id = frontMatter.Id!,
            Title = frontMatter.Title!,
            Version = version,
            ContentHash = ContentHash.Compute(fileBytes),
            FrontMatter = frontMatter,
            IndexPath = indexPath,
            IndexText = text,
            Sections = sections,
            GiftSources = gift,
            Questions = questions,
            SourceFiles = sourceFiles,
            Files = fileBytes,
        };
        return (module, problems);
    }

    /// <summary>
    /// Parses every GIFT block and file, checks that each knowledge-check question has a key of its own, then checks the
    /// graded pool against the quiz settings: each question has a full-credit answer and a unique id, and the pool is at
    /// least as large as the number drawn.
    /// </summary>
    private static List<GiftQuestion> ReadQuestions(
        List<GiftSource> sources, ModuleFrontMatter? frontMatter, string indexPath, int quizLine, List<ContentProblem> problems, ref bool blocking)
    {
        var questions = new List<GiftQuestion>();
        var checks = new List<IReadOnlyList<GiftQuestion>>();
        foreach (var source in sources)
        {
            var parsed = GiftParser.Parse(source.Text, source.Path, source.FirstLine, source.Check);
            problems.AddRange(parsed.Errors);
            blocking |= parsed.Errors.Count > 0;
            questions.AddRange(parsed.Questions);
            if (source.Check)
            {
                checks.Add(parsed.Questions);
            }
        }
        var checkProblems = GiftChecks.CheckKnowledgeChecks(checks);
        problems.AddRange(checkProblems);
        blocking |= checkProblems.Any(p => p.Severity == ProblemSeverity.Error);

        var graded = questions.Where(q => !q.Check).ToList();
        var poolProblems = GiftChecks.CheckPool(graded);
        problems.AddRange(poolProblems);
        blocking |= poolProblems.Count > 0;

        if (frontMatter?.Quiz is { } quiz)
        {
            if (graded.Count == 0)
            {
                problems.Add(new ContentProblem(indexPath, quizLine, "modulen har inställningar för prov (quiz) men inga graderade frågor."));
                blocking = true;
            }
            else if (quiz.Questions > graded.Count)
            {
                problems.Add(new ContentProblem(indexPath, quizLine,
                    $"'quiz.questions' är {quiz.Questions}, men frågebanken har bara {graded.Count} frågor."));
                blocking = true;
            }
        }
        return questions;
    }

    /// <summary>Joins a display folder and a relative path with '/'.</summary>
    public static string JoinDisplay(string folder, string relative) =>
        folder.Length == 0 ? relative : folder.TrimEnd('/', '\\') + "/" + relative;

    /// <summary>Decodes a text file's bytes as <see cref="ReadText"/> reads them: UTF-8 with or without BOM, line endings as LF.</summary>
    public static string DecodeText(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var text = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3) : Encoding.UTF8.GetString(bytes);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }

    /// <summary>Reads a text file as UTF-8 (with or without BOM) with line endings normalised to LF.</summary>
    public static string ReadText(string file) =>
        File.ReadAllText(file, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>Reads and checks the front matter; also gives the file line of a (dotted) key, for later messages.</summary>
    private static (ModuleFrontMatter? Matter, Func<string, int> LineOf) ReadFrontMatter(
        MarkdownDocument document, string path, List<ContentProblem> problems)
    {
        if (document.Descendants<YamlFrontMatterBlock>().FirstOrDefault() is not { } block)
        {
            problems.Add(new ContentProblem(path, 1, "front matter saknas: filen ska börja med --- och id, title och version."));
            return (null, _ => 1);
        }
        var yaml = string.Join('\n', block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString()));
        var firstLine = block.Line + 1; // the line with the opening ---; YAML's line 1 is the one after it
        var (matter, doc) = Yaml.Read<ModuleFrontMatter>(yaml, path, firstLine, FrontMatterKeys, problems);
        int LineOf(string key) => doc.LineOf(key, key.Contains('.', StringComparison.Ordinal) ? doc.LineOf(key.Split('.')[0], firstLine) : firstLine);
        if (matter is null)
        {
            return (null, LineOf);
        }

        void Require(string? value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new ContentProblem(path, doc.LineOf(key, firstLine), $"front matter saknar '{key}'."));
            }
        }
        void Positive(int? value, string key)
        {
            if (value is <= 0)
            {
                problems.Add(new ContentProblem(path, doc.LineOf(key, firstLine), $"'{key}' måste vara större än 0."));
            }
        }

        Require(matter.Id, "id");
        Require(matter.Title, "title");
        Require(matter.Version, "version");
        if (matter.Id is { Length: > 0 } id && !ModuleIds.IsValid(id))
        {
            problems.Add(new ContentProblem(path, doc.LineOf("id", firstLine), $"id '{id}' får bara innehålla a–z, 0–9 och bindestreck."));
        }
        if (matter.Version is { Length: > 0 } version)
        {
            if (!ModuleVersionNumber.TryParse(version, out _))
            {
                problems.Add(new ContentProblem(path, doc.LineOf("version", firstLine), $"version '{version}' ska vara major.minor, till exempel \"1.2\"."));
            }
            else if (doc.Node("version") is YamlScalarNode { Style: ScalarStyle.Plain })
            {
                problems.Add(new ContentProblem(path, doc.LineOf("version", firstLine), $"version ska citeras (\"{version}\"): YAML läser annars 1.10 som 1.1."));
            }
        }
        if (matter.Language is { } language && language is not ("sv" or "en"))
        {
            problems.Add(new ContentProblem(path, doc.LineOf("language", firstLine), $"language '{language}' stöds inte (sv eller en)."));
        }
        Positive(matter.EstimatedMinutes, "estimated_minutes");
        Positive(matter.ValidForMonths, "valid_for_months");
        if (matter.Quiz is { } quiz)
        {
            if (quiz.PassMark is < 1 or > 100)
            {
                problems.Add(new ContentProblem(path, doc.LineOf("quiz.pass_mark", firstLine), "'quiz.pass_mark' måste vara mellan 1 och 100."));
            }
            Positive(quiz.Questions, "quiz.questions");
            Positive(quiz.MaxAttempts, "quiz.max_attempts");
            Positive(quiz.CooldownHours, "quiz.cooldown_hours");
        }
        if (matter.Sources is { } sources && sources.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(new ContentProblem(path, doc.LineOf("sources", firstLine), "'sources' innehåller en tom rad."));
        }
        return (matter, LineOf);
    }

    private static void CheckLinks(MarkdownDocument document, IReadOnlyList<string> files, string path, List<ContentProblem> problems)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is not { } url || !MarkdownRenderer.IsRelativeUrl(url))
            {
                continue;
            }
            var what = link.IsImage ? "bilden" : "länken";
            if (ModuleFiles.Resolve(url) is not { } resolved)
            {
                problems.Add(new ContentProblem(path, link.Line + 1, $"{what} '{url}' pekar utanför modulmappen."));
            }
            else if (!files.Contains(resolved.Path))
            {
                problems.Add(new ContentProblem(path, link.Line + 1, $"{what} '{url}' pekar på en fil som inte finns."));
            }
            else if (link.IsImage && !ModuleFiles.IsShownImage(resolved.Path))
            {
                problems.Add(new ContentProblem(path, link.Line + 1,
                    $"bilden '{url}' visas inte: bara png, jpeg, gif och webp visas som bilder (andra filer, svg också, kan bara laddas ned).",
                    ProblemSeverity.Warning));
            }
        }
    }
}

/// <summary>The rule for module and track ids: lowercase a–z, digits and single hyphens.</summary>
public static class ModuleIds
{
    /// <summary>True for a well-formed id.</summary>
    public static bool IsValid(string id) =>
        id.Length is > 0 and <= 80
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && id[0] != '-' && id[^1] != '-' && !id.Contains("--", StringComparison.Ordinal);
}

/// <summary>Recognises <c>```gift</c> and <c>```gift check</c> fences.</summary>
internal static class GiftFence
{
    /// <summary>null for another fence; false for graded questions; true for a knowledge check.</summary>
    public static bool? Kind(FencedCodeBlock fenced) =>
        !string.Equals(fenced.Info, "gift", StringComparison.OrdinalIgnoreCase) ? null
        : string.Equals(fenced.Arguments?.Trim(), "check", StringComparison.OrdinalIgnoreCase);

    public static string Text(FencedCodeBlock fenced) =>
        string.Join('\n', fenced.Lines.Lines.Take(fenced.Lines.Count).Select(l => l.ToString()));
}

/// <summary>Plain text of a heading's inlines.</summary>
internal static class MarkdownText
{
    public static string Of(LeafBlock block)
    {
        var text = new StringBuilder();
        if (block.Inline is { } inline)
        {
            foreach (var node in inline.Descendants())
            {
                switch (node)
                {
                    case LiteralInline literal:
                        text.Append(literal.Content.ToString());
                        break;
                    case CodeInline code:
                        text.Append(code.Content);
                        break;
                    case LineBreakInline:
                        text.Append(' ');
                        break;
                }
            }
        }
        return text.ToString().Trim();
    }
}
