using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Training.Core.Gift;
using Training.Core.Quiz;

namespace Training.Web.Learning;

/// <summary>How a question's controls are named in a form, and how a posted form becomes a response to grade.</summary>
public static partial class QuestionForm
{
    /// <summary>The field name of question <paramref name="index"/>; matching adds <c>-{left index}</c>.</summary>
    public static string Field(int index) => $"q{index}";

    public static QuestionResponse? Read(IFormCollection form, int index, PublicQuestion question)
    {
        var field = Field(index);
        return question.Type switch
        {
            QuestionType.Single or QuestionType.TrueFalse or QuestionType.Multiple =>
                form[field].Where(v => !string.IsNullOrEmpty(v)).ToList() is { Count: > 0 } chosen ? QuestionResponse.Choose(chosen.Select(v => v!)) : null,
            QuestionType.Short or QuestionType.Numerical =>
                string.IsNullOrWhiteSpace(form[field]) ? null : QuestionResponse.Typed(form[field].ToString()),
            QuestionType.Matching => QuestionResponse.Match(Enumerable.Range(0, question.Lefts.Count)
                .Where(left => !string.IsNullOrEmpty(form[$"{field}-{left}"]))
                .ToDictionary(left => left, left => form[$"{field}-{left}"].ToString())),
            _ => null,
        };
    }

    // Question texts come from stored content, so each is rendered and sanitised once and then reused: the
    // sanitiser is far too slow to run on every page view.
    private static readonly ConcurrentDictionary<(string, TextFormat), string> Rendered = new();
    private static readonly ConcurrentDictionary<(string, TextFormat), string> RenderedInline = new();

    /// <summary>The text of a question, option or feedback as safe HTML (GIFT texts may be Markdown or sanitised HTML).</summary>
    public static string Html(string text, TextFormat format) =>
        Rendered.GetOrAdd((text, format), key => GiftHtml.TextToHtml(key.Item1, key.Item2));

    /// <summary>The same, fit for a legend or a label: paragraphs become line breaks.</summary>
    public static string InlineHtml(string text, TextFormat format) =>
        RenderedInline.GetOrAdd((text, format), key => Inline(Html(key.Item1, key.Item2)));

    /// <summary>
    /// A missing-word question's sentence as safe inline HTML, cut where the blank goes: the sentence is rendered whole
    /// (so Markdown spanning the blank still reads right) with a marker in the blank's place.
    /// </summary>
    public static (string Before, string After) SentenceHtml(string text, string after, TextFormat format) =>
        Sentences.GetOrAdd((text, after, format), key =>
        {
            var (before, rest, textFormat) = key;
            var separator = rest.Length > 0 && char.IsLetterOrDigit(rest[0]) ? " " : "";
            var html = InlineHtml($"{before} {BlankMarker}{separator}{rest}", textFormat);
            var cut = html.IndexOf(BlankMarker, StringComparison.Ordinal);
            // The blank must fall between tags: inside one (an attribute) the controls would break the markup, so
            // then each side is rendered on its own.
            return cut >= 0 && html.LastIndexOf('<', cut) <= html.LastIndexOf('>', cut)
                ? (html[..cut], html[(cut + BlankMarker.Length)..])
                : (InlineHtml(before, textFormat), InlineHtml(rest, textFormat));
        });

    /// <summary>The sentence with the blank as a visible gap, for a legend or a result page.</summary>
    public static string SentenceWithGapHtml(string text, string after, TextFormat format, string gap)
    {
        var (before, rest) = SentenceHtml(text, after, format);
        return $"{before}{System.Net.WebUtility.HtmlEncode(gap)}{rest}";
    }

    /// <summary>A text as plain text, for an <c>option</c> of a select, which cannot hold markup.</summary>
    public static string PlainText(string text, TextFormat format) =>
        System.Net.WebUtility.HtmlDecode(Tag().Replace(InlineHtml(text, format).Replace("<br>", " ", StringComparison.Ordinal), "")).Trim();

    // Letters only, so that Markdown, the sanitiser and HTML encoding all leave it as it is.
    private const string BlankMarker = "GIFTBLANKq7x";

    private static readonly ConcurrentDictionary<(string, string, TextFormat), (string, string)> Sentences = new();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>
    /// Feedback as safe HTML, without a verdict word it begins with ("Rätt." "Fel:"): the page states the verdict
    /// itself, once. Empty when the feedback was nothing but the verdict.
    /// </summary>
    public static string FeedbackHtml(string text, TextFormat format) =>
        WithoutVerdict(text) is { Length: > 0 } rest ? Html(rest, format) : "";

    /// <summary>The text without a leading verdict ("Rätt.", "Fel:", "Inte riktigt!"), its next letter made a capital.</summary>
    public static string WithoutVerdict(string text)
    {
        var match = LeadingVerdict().Match(text);
        if (!match.Success)
        {
            return text;
        }
        var rest = text[match.Length..];
        return rest.Length > 0 && char.IsLower(rest[0]) ? char.ToUpper(rest[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) + rest[1..] : rest;
    }

    [GeneratedRegex(@"^\s*(rätt|fel|korrekt|riktigt|inte rätt|inte riktigt|felaktigt)\s*[.:!,;–—-]\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingVerdict();

    private static string Inline(string rendered)
    {
        var html = rendered.Trim();
        if (html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal))
        {
            html = html[3..^4].Replace("</p>\n<p>", "<br>", StringComparison.Ordinal).Replace("</p><p>", "<br>", StringComparison.Ordinal);
        }
        return html;
    }
}
