using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Training.Core.Gift;

/// <summary>
/// Writes questions as Moodle XML that Moodle's importer reads (and <see cref="MoodleXmlReader"/> reads back to equal
/// questions): types, fractions in percent, per-answer and general feedback, each text's format, ids, tags and categories.
/// </summary>
/// <remarks>
/// A missing-word question is written as Moodle stores one: the blank as <c>_____</c> in the question text. A question
/// without a title is named by its id (Moodle requires a name). A numerical range is written as its middle with a
/// tolerance of half its width. Images are not embedded: a text keeps its links to the module's files.
/// </remarks>
public static class MoodleXmlWriter
{
    /// <summary>The blank of a missing-word question in Moodle's question text.</summary>
    internal const string Blank = "_____";

    /// <summary>Writes the questions as one <c>&lt;quiz&gt;</c> document, UTF-8.</summary>
    public static string Write(IEnumerable<GiftQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var quiz = new XElement("quiz");
        string? category = null;
        foreach (var question in questions)
        {
            if (question.Category != category && question.Category is { } name)
            {
                quiz.Add(new XElement("question", new XAttribute("type", "category"),
                    new XElement("category", TextElement(name)),
                    new XElement("info", new XAttribute("format", "moodle_auto_format"), TextElement(""))));
            }
            category = question.Category;
            quiz.Add(Question(question));
        }
        var output = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = Encoding.UTF8 }))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), quiz).Save(writer);
        }
        return output.ToString();
    }

    private static XElement Question(GiftQuestion question)
    {
        var text = question.TextAfter is { } after
            ? $"{question.Text} {Blank}{(after.Length > 0 && char.IsLetterOrDigit(after[0]) ? " " : "")}{after}".TrimStart()
            : question.Text;
        var element = new XElement("question", new XAttribute("type", TypeName(question.Type)),
            new XElement("name", TextElement(question.Title ?? question.Id ?? Shortened(question.Text))),
            Formatted("questiontext", text, question.Format),
            Formatted("generalfeedback", question.GeneralFeedback ?? "", question.GeneralFeedbackFormat ?? question.Format),
            new XElement("defaultgrade", "1"),
            new XElement("penalty", "0.3333333"),
            new XElement("hidden", "0"),
            new XElement("idnumber", question.Id ?? ""));

        switch (question.Type)
        {
            case QuestionType.Single or QuestionType.Multiple:
                element.Add(
                    new XElement("single", question.Type == QuestionType.Single ? "true" : "false"),
                    new XElement("shuffleanswers", "true"),
                    new XElement("answernumbering", "abc"));
                element.Add(question.Answers.Select(a => Answer(a, question.Format)));
                break;
            case QuestionType.TrueFalse:
                element.Add(question.Answers.Select(a => Answer(a, question.Format)));
                break;
            case QuestionType.Short:
                element.Add(new XElement("usecase", "0"));
                element.Add(question.Answers.Select(a => Answer(a, question.Format)));
                break;
            case QuestionType.Matching:
                element.Add(new XElement("shuffleanswers", "true"));
                element.Add(question.Pairs.Select(p => new XElement("subquestion",
                    new XAttribute("format", FormatName(p.LeftFormat ?? question.Format)),
                    TextElement(p.Left),
                    new XElement("answer", TextElement(p.Right)))));
                break;
            case QuestionType.Numerical:
                foreach (var range in question.Ranges)
                {
                    var (value, tolerance) = Around(range);
                    element.Add(new XElement("answer",
                        new XAttribute("fraction", Percent(range.Fraction)),
                        new XAttribute("format", "moodle_auto_format"),
                        TextElement(value),
                        Formatted("feedback", range.Feedback ?? "", range.FeedbackFormat ?? question.Format),
                        new XElement("tolerance", tolerance)));
                }
                if (question.WrongFeedback is { } wrong)
                {
                    element.Add(new XElement("answer",
                        new XAttribute("fraction", "0"),
                        new XAttribute("format", "moodle_auto_format"),
                        TextElement("*"),
                        Formatted("feedback", wrong, question.WrongFeedbackFormat ?? question.Format),
                        new XElement("tolerance", "0")));
                }
                break;
        }
        if (question.Tags.Count > 0)
        {
            element.Add(new XElement("tags", question.Tags.Select(t => new XElement("tag", TextElement(t)))));
        }
        return element;
    }

    private static XElement Answer(GiftAnswer answer, TextFormat questionFormat) =>
        new("answer",
            new XAttribute("fraction", Percent(answer.Fraction)),
            new XAttribute("format", FormatName(answer.Format ?? questionFormat)),
            TextElement(answer.Text),
            Formatted("feedback", answer.Feedback ?? "", answer.FeedbackFormat ?? questionFormat));

    /// <summary>A range as Moodle's value and tolerance, computed in decimal so that 0.1..0.3 is 0.2 ± 0.1 exactly.</summary>
    private static (string Value, string Tolerance) Around(GiftRange range)
    {
        try
        {
            var min = (decimal)range.Min;
            var max = (decimal)range.Max;
            return (Decimal((min + max) / 2), Decimal((max - min) / 2));
        }
        catch (OverflowException)
        {
            return (Number((range.Min + range.Max) / 2), Number((range.Max - range.Min) / 2));
        }
    }

    private static string Decimal(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => GiftParser.Percent(fraction);

    private static XElement Formatted(string name, string text, TextFormat format) =>
        new(name, new XAttribute("format", FormatName(format)), TextElement(text));

    private static XElement TextElement(string text) => new("text", text);

    private static string Shortened(string text) => text.Length <= 60 ? text : text[..60] + "…";

    internal static string FormatName(TextFormat format) => format switch
    {
        TextFormat.Html => "html",
        TextFormat.Plain => "plain_text",
        TextFormat.Markdown => "markdown",
        _ => "moodle_auto_format",
    };

    private static string TypeName(QuestionType type) => type switch
    {
        QuestionType.Single or QuestionType.Multiple => "multichoice",
        QuestionType.TrueFalse => "truefalse",
        QuestionType.Short => "shortanswer",
        QuestionType.Matching => "matching",
        QuestionType.Numerical => "numerical",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
