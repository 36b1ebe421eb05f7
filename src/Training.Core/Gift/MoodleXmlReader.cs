using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Training.Core.Content;

namespace Training.Core.Gift;

/// <summary>An image that a Moodle XML question carries inside it (<c>&lt;file encoding="base64"&gt;</c>).</summary>
/// <param name="Name">The normalised file name (letters, digits, <c>.</c>, <c>-</c> and <c>_</c>; its extension fits its bytes).</param>
/// <param name="Bytes">The image.</param>
public sealed record EmbeddedFile(string Name, byte[] Bytes);

/// <summary>What <see cref="MoodleXmlReader.Read"/> found.</summary>
/// <param name="Questions">The questions it could read, in file order.</param>
/// <param name="Errors">
/// One problem per question it could not read (at the line of its <c>&lt;question&gt;</c>, naming its position and
/// name), a warning for each skipped description and for what is read differently than in Moodle.
/// </param>
/// <param name="Files">The images the read questions carry, each name once.</param>
public sealed record MoodleXmlResult(IReadOnlyList<GiftQuestion> Questions, IReadOnlyList<ContentProblem> Errors, IReadOnlyList<EmbeddedFile> Files);

/// <summary>
/// Reads Moodle XML (<c>&lt;quiz&gt;&lt;question type="…"&gt;</c>, Moodle's question bank export) into the same questions
/// as GIFT: multichoice (single and multiple), truefalse, shortanswer, matching and numerical, with names, ids
/// (<c>idnumber</c>), tags, categories, per-answer feedback, general feedback, each text's format and embedded images.
/// </summary>
/// <remarks>
/// Every other type (essay, calculated, drag-and-drop, cloze…) is an error naming the question's position and name,
/// never a silent skip; a description is skipped with a warning. The XML is read with DTDs prohibited and no resolver:
/// a document with <c>&lt;!DOCTYPE</c> is refused before any entity could be read. Moodle's combined feedback
/// (correct/partially correct/incorrect), hints, penalties and default marks have no place in a GIFT question and are
/// not read.
/// </remarks>
public static partial class MoodleXmlReader
{
    private const string PluginFile = "@@PLUGINFILE@@/";

    /// <summary>Reads a Moodle XML file.</summary>
    /// <param name="xml">The file's bytes or text as a stream.</param>
    /// <param name="path">The file, for messages and <see cref="GiftQuestion.Path"/>.</param>
    /// <param name="fileUrl">
    /// Where an embedded image will be served, given its normalised name: each <c>@@PLUGINFILE@@/name</c> in the texts
    /// becomes this URL. Null leaves the references as they are (for inspecting a file).
    /// </param>
    public static MoodleXmlResult Read(Stream xml, string path, Func<string, string>? fileUrl = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(xml, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return Failed(path, e.LineNumber, "Filen innehåller en DTD (<!DOCTYPE …>); den läses inte av säkerhetsskäl (Moodle skriver ingen). Ta bort den.");
        }
        catch (XmlException e)
        {
            return Failed(path, e.LineNumber, $"Filen är inte giltig XML: {e.Message}");
        }
        if (document.Root is not { Name.LocalName: "quiz" } quiz)
        {
            return Failed(path, 1, "Filen är ingen Moodle XML-fil: rotelementet ska vara <quiz>.");
        }

        var questions = new List<GiftQuestion>();
        var problems = new List<ContentProblem>();
        var files = new Dictionary<string, EmbeddedFile>(StringComparer.Ordinal);
        string? category = null;
        var position = 0;
        foreach (var element in quiz.Elements("question"))
        {
            position++;
            var line = ((IXmlLineInfo)element).LineNumber;
            var type = (string?)element.Attribute("type") ?? "";
            var name = Text(element.Element("name"));
            var where = name.Length > 0 ? $"Fråga {position} (”{name}”)" : $"Fråga {position}";
            try
            {
                if (type == "category")
                {
                    var categoryPath = Text(element.Element("category"));
                    category = categoryPath.Length == 0 ? null : categoryPath;
                    continue;
                }
                if (type == "description")
                {
                    problems.Add(new ContentProblem(path, line, $"{where}: en beskrivning (type=\"description\") är ingen fråga och hoppas över.", ProblemSeverity.Warning));
                    continue;
                }
                var own = ReadFiles(element);
                var question = ReadQuestion(element, type, problems, path, line, where);
                var urls = fileUrl is null ? null : own.ToDictionary(f => f.Key, f => fileUrl(f.Value.Name), StringComparer.Ordinal);
                question = Rewrite(question, text => ReplacePluginFiles(text, own, urls, where));
                foreach (var file in own.Values)
                {
                    if (files.TryGetValue(file.Name, out var earlier) && !earlier.Bytes.AsSpan().SequenceEqual(file.Bytes))
                    {
                        throw new MoodleXmlException($"bilden ”{file.Name}” finns redan med annat innehåll i en tidigare fråga; byt namn på den ena.");
                    }
                    files[file.Name] = file;
                }
                questions.Add(question with { Category = category, Path = path, Line = line });
            }
            catch (MoodleXmlException e)
            {
                problems.Add(new ContentProblem(path, line, $"{where}: {e.Message}"));
            }
        }
        return new MoodleXmlResult(questions, problems, [.. files.Values]);
    }

    private static MoodleXmlResult Failed(string path, int line, string message) =>
        new([], [new ContentProblem(path, Math.Max(line, 1), message)], []);

    private static GiftQuestion ReadQuestion(XElement element, string type, List<ContentProblem> problems, string path, int line, string where)
    {
        var (text, format) = Formatted(element.Element("questiontext"), TextFormat.Moodle);
        if (text.Length == 0)
        {
            throw new MoodleXmlException("frågetext saknas.");
        }
        var general = OptionalFormatted(element.Element("generalfeedback"), format);
        var tags = element.Element("tags")?.Elements("tag").Select(Text).Where(t => t.Length > 0).ToList() ?? [];
        // Moodle keeps a missing-word question's blank as _____ in its text (as its GIFT import writes it).
        string? textAfter = null;
        if (type is "multichoice" or "truefalse" or "shortanswer" or "numerical" && Blanks().Matches(text) is { Count: 1 } blanks)
        {
            textAfter = text[(blanks[0].Index + blanks[0].Length)..].Trim();
            text = text[..blanks[0].Index].Trim();
        }
        var question = new GiftQuestion
        {
            Id = Value(element.Element("idnumber")) is { Length: > 0 } id ? id : null,
            Title = Text(element.Element("name")) is { Length: > 0 } title ? title : null,
            Type = QuestionType.Single,
            Text = text,
            TextAfter = textAfter,
            Format = format,
            GeneralFeedback = general?.Text,
            GeneralFeedbackFormat = Own(general?.Format, format),
            Tags = tags,
        };
        switch (type)
        {
            case "multichoice":
                return ReadMultichoice(element, question);
            case "truefalse":
                return ReadTrueFalse(element, question);
            case "shortanswer":
                if (Value(element.Element("usecase")) == "1")
                {
                    problems.Add(new ContentProblem(path, line,
                        $"{where}: svaren jämförs utan hänsyn till skiftläge (Moodle-frågan skiljer på stora och små bokstäver).", ProblemSeverity.Warning));
                }
                var answers = Answers(element, format, allowNegative: false);
                if (answers.Count == 0)
                {
                    throw new MoodleXmlException("en kortsvarsfråga behöver minst ett svar.");
                }
                return question with { Type = QuestionType.Short, Answers = answers };
            case "matching":
                return ReadMatching(element, question);
            case "numerical":
                return ReadNumerical(element, question);
            default:
                throw new MoodleXmlException(type.Length == 0
                    ? "frågan saknar type=\"…\"."
                    : $"frågetypen ”{type}” stöds inte (bara multichoice, truefalse, shortanswer, matching och numerical).");
        }
    }

    private static GiftQuestion ReadMultichoice(XElement element, GiftQuestion question)
    {
        var answers = Answers(element, question.Format, allowNegative: true);
        if (answers.Count < 2)
        {
            throw new MoodleXmlException("en flervalsfråga behöver minst två svarsalternativ.");
        }
        var single = Value(element.Element("single")) is "true" or "1";
        if (single)
        {
            if (!answers.Any(a => a.Fraction >= 1))
            {
                throw new MoodleXmlException("en flervalsfråga med ett svar behöver ett svar som ger 100 %.");
            }
            return question with { Type = QuestionType.Single, Answers = answers };
        }
        var total = answers.Where(a => a.Fraction > 0).Sum(a => a.Fraction);
        if (Math.Abs(total - 1) > 0.001)
        {
            throw new MoodleXmlException($"de positiva vikterna i en flersvarsfråga ska tillsammans bli 100 % (nu {GiftParser.Percent(total)} %).");
        }
        return question with { Type = QuestionType.Multiple, Answers = answers };
    }

    private static GiftQuestion ReadTrueFalse(XElement element, GiftQuestion question)
    {
        var answers = Answers(element, question.Format, allowNegative: false);
        var forTrue = answers.FirstOrDefault(a => a.Text.Equals("true", StringComparison.OrdinalIgnoreCase));
        var forFalse = answers.FirstOrDefault(a => a.Text.Equals("false", StringComparison.OrdinalIgnoreCase));
        if (answers.Count != 2 || forTrue is null || forFalse is null || forTrue.Fraction + forFalse.Fraction != 1 || forTrue.Fraction is not (0 or 1))
        {
            throw new MoodleXmlException("en sant/falskt-fråga ska ha svaren true och false, det ena med 100 % och det andra med 0 %.");
        }
        return question with
        {
            Type = QuestionType.TrueFalse,
            Answers = [forTrue with { Text = "true", Format = null }, forFalse with { Text = "false", Format = null }],
        };
    }

    private static GiftQuestion ReadMatching(XElement element, GiftQuestion question)
    {
        var pairs = new List<GiftPair>();
        foreach (var sub in element.Elements("subquestion"))
        {
            var (left, leftFormat) = Formatted(sub, question.Format);
            var right = Text(sub.Element("answer"));
            if (right.Length == 0)
            {
                throw new MoodleXmlException("ett par i matchningsfrågan saknar svar.");
            }
            if (left.Contains("->", StringComparison.Ordinal))
            {
                throw new MoodleXmlException($"vänsterledet ”{left}” innehåller '->', som GIFT inte kan skriva.");
            }
            pairs.Add(new GiftPair(left, right, left.Length == 0 ? null : Own(leftFormat, question.Format)));
        }
        if (pairs.Count(p => p.Left.Length > 0) < 2)
        {
            throw new MoodleXmlException("en matchningsfråga behöver minst två par.");
        }
        return question with { Type = QuestionType.Matching, Pairs = pairs };
    }

    private static GiftQuestion ReadNumerical(XElement element, GiftQuestion question)
    {
        if (element.Element("units")?.Elements("unit").Any() == true)
        {
            throw new MoodleXmlException("enheter i numeriska frågor stöds inte.");
        }
        var ranges = new List<GiftRange>();
        FormattedText? wrong = null;
        foreach (var answer in element.Elements("answer"))
        {
            var fraction = Fraction(answer, allowNegative: false);
            var feedback = OptionalFormatted(answer.Element("feedback"), question.Format);
            var value = Text(answer);
            if (value == "*")
            {
                // Moodle's "any other answer": what GIFT writes as ~#feedback.
                wrong = feedback;
                continue;
            }
            var number = Number(value);
            var tolerance = Value(answer.Element("tolerance")) is { Length: > 0 } t ? Number(t) : 0;
            if (tolerance < 0)
            {
                throw new MoodleXmlException($"toleransen {tolerance.ToString(CultureInfo.InvariantCulture)} får inte vara negativ.");
            }
            var (min, max) = GiftParser.Around(value, number, Value(answer.Element("tolerance")) is { Length: > 0 } written ? written : "0", tolerance);
            ranges.Add(new GiftRange(min, max, fraction, feedback?.Text, Own(feedback?.Format, question.Format)));
        }
        if (ranges.Count == 0)
        {
            throw new MoodleXmlException("en numerisk fråga behöver minst ett svar.");
        }
        return question with
        {
            Type = QuestionType.Numerical,
            Ranges = ranges,
            WrongFeedback = wrong?.Text,
            WrongFeedbackFormat = Own(wrong?.Format, question.Format),
        };
    }

    private static List<GiftAnswer> Answers(XElement element, TextFormat questionFormat, bool allowNegative)
    {
        var answers = new List<GiftAnswer>();
        foreach (var answer in element.Elements("answer"))
        {
            var (text, format) = Formatted(answer, questionFormat);
            if (text.Length == 0)
            {
                throw new MoodleXmlException("ett svarsalternativ är tomt.");
            }
            var feedback = OptionalFormatted(answer.Element("feedback"), questionFormat);
            answers.Add(new GiftAnswer(text, Fraction(answer, allowNegative), feedback?.Text, Own(format, questionFormat), Own(feedback?.Format, questionFormat)));
        }
        return answers;
    }

    private static double Fraction(XElement answer, bool allowNegative)
    {
        var written = (string?)answer.Attribute("fraction") ?? "0";
        if (!decimal.TryParse(written, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || percent > 100
            || percent < (allowNegative ? -100 : 0))
        {
            throw new MoodleXmlException(allowNegative
                ? $"ogiltig vikt fraction=\"{written}\": den ska vara mellan -100 och 100."
                : $"ogiltig vikt fraction=\"{written}\": den ska vara mellan 0 och 100.");
        }
        return (double)(percent / 100m);
    }

    private static double Number(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw new MoodleXmlException($"”{text}” är inget tal.");
        }
        return number;
    }

    private sealed record FormattedText(string Text, TextFormat Format);

    /// <summary>The <c>&lt;text&gt;</c> of an element and its <c>format</c> attribute (the given default when it has none).</summary>
    private static (string Text, TextFormat Format) Formatted(XElement? element, TextFormat fallback)
    {
        var written = (string?)element?.Attribute("format");
        var format = written switch
        {
            null or "" => fallback,
            "html" => TextFormat.Html,
            "moodle_auto_format" or "moodle" => TextFormat.Moodle,
            "plain_text" or "plain" => TextFormat.Plain,
            "markdown" => TextFormat.Markdown,
            _ => throw new MoodleXmlException($"textformatet ”{written}” stöds inte (html, moodle_auto_format, plain_text eller markdown)."),
        };
        return (Text(element), format);
    }

    private static FormattedText? OptionalFormatted(XElement? element, TextFormat fallback)
    {
        var (text, format) = Formatted(element, fallback);
        return text.Length == 0 ? null : new FormattedText(text, format);
    }

    private static TextFormat? Own(TextFormat? format, TextFormat questionFormat) => format == questionFormat ? null : format;

    private static string Text(XElement? element) => element?.Element("text")?.Value.Trim() ?? "";

    private static string Value(XElement? element) => element?.Value.Trim() ?? "";

    /// <summary>The question's embedded images by the name its texts use, each checked: a plain name and image bytes.</summary>
    private static Dictionary<string, EmbeddedFile> ReadFiles(XElement question)
    {
        var files = new Dictionary<string, EmbeddedFile>(StringComparer.Ordinal);
        foreach (var file in question.Descendants("file"))
        {
            var written = ((string?)file.Attribute("path") ?? "/").Trim('/') is { Length: > 0 } folder
                ? $"{folder}/{(string?)file.Attribute("name")}"
                : (string?)file.Attribute("name") ?? "";
            if ((string?)file.Attribute("encoding") is { } encoding && encoding != "base64")
            {
                throw new MoodleXmlException($"bilden ”{written}” är inte base64-kodad.");
            }
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(file.Value.Trim());
            }
            catch (FormatException)
            {
                throw new MoodleXmlException($"bilden ”{written}” är inte giltig base64.");
            }
            var name = SafeName(written);
            if (ModuleFiles.ImageExtension(bytes) is not { } extension)
            {
                throw new MoodleXmlException($"filen ”{written}” är ingen PNG-, JPEG-, GIF- eller WebP-bild; bara sådana bilder kan följa med en fråga.");
            }
            if (!Path.GetExtension(name).Equals(extension, StringComparison.OrdinalIgnoreCase)
                && !(extension == ".jpg" && Path.GetExtension(name).Equals(".jpeg", StringComparison.OrdinalIgnoreCase)))
            {
                name = Path.GetFileNameWithoutExtension(name) + extension;
            }
            files[written] = new EmbeddedFile(name, bytes);
        }
        return files;
    }

    /// <summary>
    /// A file name fit for a module folder: no folders (a name with <c>..</c>, a slash or a backslash is refused, not
    /// repaired), Swedish letters made plain, spaces as <c>-</c>, nothing but letters, digits, <c>.</c>, <c>-</c>, <c>_</c>.
    /// </summary>
    internal static string SafeName(string written)
    {
        if (written.Contains("..", StringComparison.Ordinal) || written.Contains('/', StringComparison.Ordinal)
            || written.Contains('\\', StringComparison.Ordinal) || written.Contains(':', StringComparison.Ordinal))
        {
            throw new MoodleXmlException($"bildens namn ”{written}” pekar ut ur mappen eller in i en annan; bara ett filnamn går.");
        }
        var plain = new StringBuilder();
        foreach (var c in written.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            {
                plain.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c))
            {
                plain.Append('-');
            }
        }
        var name = plain.ToString().Trim('.', '-');
        if (name.Length == 0 || Path.GetFileNameWithoutExtension(name).Length == 0)
        {
            throw new MoodleXmlException($"bildens namn ”{written}” blir tomt som filnamn.");
        }
        return name;
    }

    private static string ReplacePluginFiles(string text, Dictionary<string, EmbeddedFile> files, Dictionary<string, string>? urls, string where)
    {
        if (!text.Contains(PluginFile, StringComparison.Ordinal))
        {
            return text;
        }
        return PluginFileReference().Replace(text, match =>
        {
            var written = Uri.UnescapeDataString(match.Groups[1].Value);
            if (!files.ContainsKey(written))
            {
                throw new MoodleXmlException($"texten pekar på bilden ”{written}”, som inte finns i frågan.");
            }
            return urls is null ? match.Value : urls[written];
        });
    }

    [GeneratedRegex("_{5,}")]
    private static partial Regex Blanks();

    [GeneratedRegex(@"@@PLUGINFILE@@/([^""'\s)<>]+)")]
    private static partial Regex PluginFileReference();

    /// <summary>The question with <paramref name="change"/> applied to every text in a format.</summary>
    internal static GiftQuestion Rewrite(GiftQuestion question, Func<string, string> change) => question with
    {
        Text = change(question.Text),
        TextAfter = question.TextAfter is { } after ? change(after) : null,
        Answers = [.. question.Answers.Select(a => a with { Text = change(a.Text), Feedback = a.Feedback is { } f ? change(f) : null })],
        Pairs = [.. question.Pairs.Select(p => p with { Left = change(p.Left) })],
        Ranges = [.. question.Ranges.Select(r => r with { Feedback = r.Feedback is { } f ? change(f) : null })],
        WrongFeedback = question.WrongFeedback is { } wrong ? change(wrong) : null,
        GeneralFeedback = question.GeneralFeedback is { } general ? change(general) : null,
    };
}

/// <summary>A Moodle XML question that cannot be read; caught per question and turned into a <see cref="ContentProblem"/>.</summary>
internal sealed class MoodleXmlException : Exception
{
    public MoodleXmlException()
    {
    }

    public MoodleXmlException(string message)
        : base(message)
    {
    }

    public MoodleXmlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
