using System.Globalization;
using System.Text.RegularExpressions;
using Training.Core.Content;

namespace Training.Core.Gift;

/// <summary>
/// Reads GIFT, Moodle's plain-text question format, the way Moodle's importer reads it, but strictly: whatever
/// the platform does not support is an error naming the line where the question starts, never a silent skip.
/// </summary>
/// <remarks>
/// <para>Questions are separated by blank lines. Lines whose first non-blank characters are <c>//</c> are comments,
/// also inside an answer block; <c>[id:…]</c> and <c>[tag:…]</c> in them give the question its id and tags
/// (each on one line; write <c>\]</c> for a <c>]</c> inside one; two different ids are an error, where Moodle takes the first). A question's line is its first line that is not a comment.
/// A <c>$CATEGORY:</c> line sets the category of the questions after it; unlike Moodle, a question may follow it
/// in the same paragraph.</para>
/// <para>The type follows Moodle's rules, in this order: an answer block starting with <c>#</c> is numerical; one
/// holding a <c>~</c> is multiple choice; one holding <c>=</c> and <c>-&gt;</c> is matching; exactly
/// <c>T</c>, <c>TRUE</c>, <c>F</c> or <c>FALSE</c> (upper case, as in Moodle) before any <c>#</c> is true/false;
/// anything else is short answer (where, as in Moodle, a single answer may be written without <c>=</c>).</para>
/// <para>Multiple choice is <see cref="QuestionType.Single"/> when at least one answer is written with <c>=</c>
/// (Moodle's "one answer only"); each <c>=</c> answer gives full credit, so several <c>=</c> answers mean that any of
/// them is right, and <c>~%n%</c> answers give partial (or negative) credit. Without any <c>=</c> it is
/// <see cref="QuestionType.Multiple"/> (check boxes): the positive weights must add up to 100 %, as Moodle's
/// documentation requires. A weight after <c>=</c> in multiple choice, text before the first answer, and fewer than
/// two answers are errors (Moodle would read them as answer text or a zero-credit answer).</para>
/// <para>As in Moodle, every text (question, answer, left item, feedback, general feedback) may have its own
/// <c>[html]</c>, <c>[moodle]</c>, <c>[plain]</c> or <c>[markdown]</c> prefix; a text without one is in the question
/// text's format. Text after the answer block makes a missing-word question: the block is a blank in the sentence
/// (<see cref="GiftQuestion.TextAfter"/>), also when only punctuation follows.</para>
/// <para>Rejected: essay (<c>{}</c>), descriptions (no answer block), more than one block, unbalanced braces,
/// matching with fewer than two real pairs or with <c>#</c> feedback, weights outside -100..100 % (0..100 % for short
/// answer and numerical), numbers that are not numbers, and an empty question text or answer.</para>
/// </remarks>
public static partial class GiftParser
{
    private static readonly string[] TrueFalseWords = ["T", "TRUE", "F", "FALSE"];

    /// <summary>Reads every question in a GIFT text.</summary>
    /// <param name="text">A whole .gift file or the inside of a <c>```gift</c> block.</param>
    /// <param name="path">The file, for messages and <see cref="GiftQuestion.Path"/>.</param>
    /// <param name="firstLine">The file line number of the text's first line (blocks inside index.md start mid-file).</param>
    /// <param name="check">True for a <c>```gift check</c> block: every question is an ungraded knowledge check.</param>
    /// <returns>The questions it could read and one problem for each question it could not; a bad question does not stop the next.</returns>
    public static GiftParseResult Parse(string text, string path, int firstLine = 1, bool check = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var questions = new List<GiftQuestion>();
        var errors = new List<ContentProblem>();
        string? category = null;

        var i = 0;
        while (i < lines.Length)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < lines.Length && !string.IsNullOrWhiteSpace(lines[i]))
            {
                i++;
            }

            var comments = new List<string>();
            var body = new List<(string Text, int Line)>();
            for (var j = start; j < i; j++)
            {
                if (lines[j].TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    comments.Add(lines[j]);
                }
                else
                {
                    body.Add((lines[j], firstLine + j));
                }
            }
            if (body.Count > 0 && body[0].Text.TrimStart().StartsWith(CategoryPrefix, StringComparison.Ordinal))
            {
                var name = GiftEscapes.Decode(GiftEscapes.Encode(body[0].Text.TrimStart()[CategoryPrefix.Length..])).Trim();
                category = name.Length == 0 ? null : name;
                body.RemoveAt(0);
            }
            if (body.Count == 0)
            {
                continue;
            }

            var line = body[0].Line;
            try
            {
                var question = ReadQuestion(string.Join('\n', body.Select(b => b.Text)).Trim(), comments);
                questions.Add(question with { Path = path, Line = line, Check = check, Category = category });
            }
            catch (GiftSyntaxException e)
            {
                errors.Add(new ContentProblem(path, line, e.Message));
            }
        }
        return new GiftParseResult(questions, errors);
    }

    internal const string CategoryPrefix = "$CATEGORY:";

    private static GiftQuestion ReadQuestion(string source, List<string> comments)
    {
        if (GiftEscapes.HasPlaceholderClash(source))
        {
            throw new GiftSyntaxException("Frågan innehåller tecken från Unicodes privata område (U+E000–U+E007), som inte stöds.");
        }
        var (id, tags) = ReadIdAndTags(comments);
        var text = GiftEscapes.Encode(source);

        string? title = null;
        if (text.StartsWith("::", StringComparison.Ordinal))
        {
            var end = text.IndexOf("::", 2, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new GiftSyntaxException("Titeln saknar avslutande '::'.");
            }
            title = GiftEscapes.Decode(text[2..end]).Trim();
            title = title.Length == 0 ? null : title;
            text = text[(end + 2)..].Trim();
        }

        var open = text.IndexOf('{', StringComparison.Ordinal);
        var close = text.IndexOf('}', StringComparison.Ordinal);
        if (open < 0 && close < 0)
        {
            throw new GiftSyntaxException("Frågan saknar svarsblock { … }; beskrivningar utan svar stöds inte.");
        }
        if (open >= 0 && close < 0)
        {
            throw new GiftSyntaxException("Klamrarna är inte balanserade: '{' saknar en avslutande '}'.");
        }
        if (open < 0 || close < open)
        {
            throw new GiftSyntaxException("Klamrarna är inte balanserade: '}' saknar en inledande '{' (skriv \\} för tecknet).");
        }
        var inner = text[(open + 1)..close];
        if (inner.Contains('{', StringComparison.Ordinal))
        {
            throw new GiftSyntaxException("Klamrarna är inte balanserade: ett svarsblock får inte innehålla '{' (skriv \\{ för tecknet).");
        }
        var after = text[(close + 1)..];
        if (after.Contains('{', StringComparison.Ordinal))
        {
            throw new GiftSyntaxException("Frågan har mer än ett svarsblock; bara ett stöds.");
        }
        if (after.Contains('}', StringComparison.Ordinal))
        {
            throw new GiftSyntaxException("Klamrarna är inte balanserade: '}' saknar en inledande '{' (skriv \\} för tecknet).");
        }
        // Moodle reads text after the block as a missing-word question: the block is a blank in the sentence (even
        // when only punctuation follows, which stays as text after the blank).
        var textAfter = GiftEscapes.Decode(after).Trim();

        var (format, questionText) = ReadFormat(text[..open]);
        if (questionText.Length == 0 && textAfter.Length == 0)
        {
            throw new GiftSyntaxException("Frågetext saknas.");
        }

        var answers = inner.Trim();
        FormattedPart? generalFeedback = null;
        var separator = answers.LastIndexOf("####", StringComparison.Ordinal);
        if (separator >= 0)
        {
            generalFeedback = Feedback(answers[(separator + 4)..], format);
            answers = answers[..separator].Trim();
        }

        var question = new GiftQuestion
        {
            Id = id,
            Title = title,
            Type = QuestionType.Single,
            Text = questionText,
            TextAfter = textAfter.Length == 0 ? null : textAfter,
            Format = format,
            GeneralFeedback = generalFeedback?.Text,
            GeneralFeedbackFormat = generalFeedback?.Format,
            Tags = tags,
        };
        if (answers.Length == 0)
        {
            throw new GiftSyntaxException("Essäfrågor stöds inte i den här versionen.");
        }
        if (answers[0] == '#')
        {
            return ReadNumerical(question, answers[1..]);
        }
        if (answers.Contains('~', StringComparison.Ordinal))
        {
            return ReadChoice(question, answers);
        }
        if (answers.Contains('=', StringComparison.Ordinal) && answers.Contains("->", StringComparison.Ordinal))
        {
            return ReadMatching(question, answers);
        }
        if (TrueFalseWords.Contains(answers.Split('#', 2)[0].Trim(), StringComparer.Ordinal))
        {
            return ReadTrueFalse(question, answers);
        }
        return ReadShort(question, answers);
    }

    private static GiftQuestion ReadChoice(GiftQuestion question, string block)
    {
        var (leading, segments) = Split(block, "~=");
        if (!string.IsNullOrWhiteSpace(leading))
        {
            throw new GiftSyntaxException($"Text före första svaret stöds inte: ”{GiftEscapes.Decode(leading.Trim())}” (börja varje svar med = eller ~).");
        }
        if (segments.Count < 2)
        {
            throw new GiftSyntaxException("En flervalsfråga behöver minst två svarsalternativ.");
        }

        var answers = new List<GiftAnswer>();
        foreach (var (marker, segment) in segments)
        {
            var body = segment.Trim();
            double fraction;
            if (marker == '=')
            {
                if (Weight().IsMatch(body))
                {
                    throw new GiftSyntaxException("Ett svar med = ger alltid full poäng och kan inte ha vikt; skriv ~%50%svar för delpoäng.");
                }
                fraction = 1;
            }
            else
            {
                fraction = ReadWeight(ref body, allowNegative: true) ?? 0;
            }
            answers.Add(Answer(body, fraction, question.Format));
        }

        var single = segments.Any(s => s.Marker == '=');
        if (!single)
        {
            var total = answers.Where(a => a.Fraction > 0).Sum(a => a.Fraction);
            if (Math.Abs(total - 1) > 0.001)
            {
                throw new GiftSyntaxException(
                    $"De positiva vikterna i en flersvarsfråga ska tillsammans bli 100 % (nu {Percent(total)} %); har frågan ett enda rätt svar, skriv det med =.");
            }
        }
        return question with { Type = single ? QuestionType.Single : QuestionType.Multiple, Answers = answers };
    }

    private static GiftQuestion ReadMatching(GiftQuestion question, string block)
    {
        var (leading, segments) = Split(block, "=");
        if (!string.IsNullOrWhiteSpace(leading))
        {
            throw new GiftSyntaxException($"Text före första paret stöds inte: ”{GiftEscapes.Decode(leading.Trim())}” (börja varje par med =).");
        }

        var pairs = new List<GiftPair>();
        foreach (var (_, segment) in segments)
        {
            if (segment.Contains('#', StringComparison.Ordinal))
            {
                throw new GiftSyntaxException("Återkoppling per svar (#) stöds inte i matchningsfrågor; skriv \\# för tecknet.");
            }
            var arrow = segment.IndexOf("->", StringComparison.Ordinal);
            if (arrow < 0)
            {
                throw new GiftSyntaxException($"Paret ”{GiftEscapes.Decode(segment.Trim())}” i matchningsfrågan saknar '->'.");
            }
            var left = Part(segment[..arrow], question.Format);
            var right = GiftEscapes.Decode(segment[(arrow + 2)..]).Trim();
            if (right.Length == 0)
            {
                throw new GiftSyntaxException("Ett par i matchningsfrågan saknar svar efter '->'.");
            }
            pairs.Add(new GiftPair(left.Text, right, left.Format));
        }
        if (pairs.Count(p => p.Left.Length > 0) < 2)
        {
            throw new GiftSyntaxException("En matchningsfråga behöver minst två par (=vänster -> höger).");
        }
        return question with { Type = QuestionType.Matching, Pairs = pairs };
    }

    private static GiftQuestion ReadTrueFalse(GiftQuestion question, string block)
    {
        // {T#a#b}: a is shown for the wrong answer, b for the right one.
        var parts = block.Split('#', 3);
        var isTrue = parts[0].Trim() is "T" or "TRUE";
        var wrong = parts.Length > 1 ? Feedback(parts[1], question.Format) : null;
        var right = parts.Length > 2 ? Feedback(parts[2], question.Format) : null;
        var (forTrue, forFalse) = isTrue ? (right, wrong) : (wrong, right);
        GiftAnswer[] answers =
        [
            new("true", isTrue ? 1 : 0, forTrue?.Text, FeedbackFormat: forTrue?.Format),
            new("false", isTrue ? 0 : 1, forFalse?.Text, FeedbackFormat: forFalse?.Format),
        ];
        return question with { Type = QuestionType.TrueFalse, Answers = answers };
    }

    private static GiftQuestion ReadShort(GiftQuestion question, string block)
    {
        var (leading, segments) = Split(block, "=");
        if (!string.IsNullOrWhiteSpace(leading))
        {
            segments.Insert(0, ('=', leading));
        }
        var answers = new List<GiftAnswer>();
        foreach (var (_, segment) in segments)
        {
            var body = segment.Trim();
            var fraction = ReadWeight(ref body, allowNegative: false) ?? 1;
            answers.Add(Answer(body, fraction, question.Format));
        }
        return question with { Type = QuestionType.Short, Answers = answers };
    }

    private static GiftQuestion ReadNumerical(GiftQuestion question, string block)
    {
        FormattedPart? wrongFeedback = null;
        var tilde = block.IndexOf('~', StringComparison.Ordinal);
        if (tilde >= 0)
        {
            var rest = block[(tilde + 1)..].Trim();
            if (!rest.StartsWith('#') || rest.Contains('=', StringComparison.Ordinal) || rest.Contains('~', StringComparison.Ordinal))
            {
                throw new GiftSyntaxException("Återkoppling för fel svar i en numerisk fråga skrivs ~#text och står sist i svarsblocket.");
            }
            wrongFeedback = Feedback(rest[1..], question.Format);
            block = block[..tilde];
        }

        var (leading, segments) = Split(block, "=");
        if (!string.IsNullOrWhiteSpace(leading))
        {
            segments.Insert(0, ('=', leading));
        }
        if (segments.Count == 0)
        {
            throw new GiftSyntaxException("En numerisk fråga behöver minst ett svar, t.ex. {#42} eller {#1..5}.");
        }

        var ranges = new List<GiftRange>();
        foreach (var (_, segment) in segments)
        {
            var body = segment.Trim();
            var fraction = ReadWeight(ref body, allowNegative: false) ?? 1;
            var hash = body.IndexOf('#', StringComparison.Ordinal);
            var value = (hash < 0 ? body : body[..hash]).Trim();
            var feedback = hash < 0 ? null : Feedback(body[(hash + 1)..], question.Format);
            ranges.Add(ReadRange(value, fraction, feedback?.Text) with { FeedbackFormat = feedback?.Format });
        }
        return question with
        {
            Type = QuestionType.Numerical,
            Ranges = ranges,
            WrongFeedback = wrongFeedback?.Text,
            WrongFeedbackFormat = wrongFeedback?.Format,
        };
    }

    private static GiftRange ReadRange(string value, double fraction, string? feedback)
    {
        var dots = value.IndexOf("..", StringComparison.Ordinal);
        if (dots > 0)
        {
            var min = Number(value[..dots]);
            var max = Number(value[(dots + 2)..]);
            if (min > max)
            {
                throw new GiftSyntaxException($"Intervallet {GiftEscapes.Decode(value)} är bakvänt: den undre gränsen är större än den övre.");
            }
            return new GiftRange(min, max, fraction, feedback);
        }
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var center = Number(value[..colon]);
            var tolerance = Number(value[(colon + 1)..]);
            if (tolerance < 0)
            {
                throw new GiftSyntaxException($"Toleransen i {GiftEscapes.Decode(value)} får inte vara negativ.");
            }
            var (min, max) = Around(value[..colon], center, value[(colon + 1)..], tolerance);
            return new GiftRange(min, max, fraction, feedback);
        }
        var exact = Number(value);
        return new GiftRange(exact, exact, fraction, feedback);
    }

    /// <summary>
    /// value ± tolerance, computed in decimal when both are decimals as written, so that <c>0.2:0.1</c> is exactly
    /// 0.1..0.3 (in binary floating point the upper bound would be 0.30000000000000004).
    /// </summary>
    internal static (double Min, double Max) Around(string centerText, double center, string toleranceText, double tolerance)
    {
        if (decimal.TryParse(GiftEscapes.Decode(centerText).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var c)
            && decimal.TryParse(GiftEscapes.Decode(toleranceText).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
            && c - t >= decimal.MinValue / 2 && c + t <= decimal.MaxValue / 2)
        {
            return ((double)(c - t), (double)(c + t));
        }
        return (center - tolerance, center + tolerance);
    }

    private static double Number(string encoded)
    {
        var text = GiftEscapes.Decode(encoded).Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw new GiftSyntaxException($"”{text}” är inget tal (skriv t.ex. 1.5, med punkt som decimaltecken).");
        }
        return number;
    }

    /// <summary>Reads a leading <c>%n%</c> weight off an answer and returns it as a fraction; null when there is none.</summary>
    private static double? ReadWeight(ref string body, bool allowNegative)
    {
        var match = Weight().Match(body);
        if (!match.Success)
        {
            return null;
        }
        var written = match.Groups[1].Value;
        if (!decimal.TryParse(written, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || percent > 100
            || percent < (allowNegative ? -100 : 0))
        {
            throw new GiftSyntaxException(allowNegative
                ? $"Ogiltig vikt %{written}%: den ska vara mellan -100 och 100 procent."
                : $"Ogiltig vikt %{written}%: den ska vara mellan 0 och 100 procent.");
        }
        body = body[match.Length..];
        return (double)(percent / 100m);
    }

    [GeneratedRegex(@"^%(-?\d+(?:\.\d+)?)%")]
    private static partial Regex Weight();

    [GeneratedRegex(@"\[id:((?:\\\]|[^\]\p{Cc}])+)\]")]
    private static partial Regex IdTag();

    [GeneratedRegex(@"\[tag:((?:\\\]|[^\]\p{Cc}])+)\]")]
    private static partial Regex TagTag();

    private static (string? Id, IReadOnlyList<string> Tags) ReadIdAndTags(List<string> comments)
    {
        var all = string.Join('\n', comments);
        var ids = IdTag().Matches(all).Select(m => Unbracket(m.Groups[1].Value)).Where(s => s.Length > 0).Distinct().ToList();
        if (ids.Count > 1)
        {
            throw new GiftSyntaxException($"Frågan har mer än ett id: {string.Join(", ", ids)}.");
        }
        var tags = TagTag().Matches(all).Select(m => Unbracket(m.Groups[1].Value)).Where(s => s.Length > 0).ToList();
        return (ids.Count == 1 ? ids[0] : null, tags);
    }

    private static string Unbracket(string value) => value.Replace("\\]", "]", StringComparison.Ordinal).Trim();

    /// <summary>Splits an answer block at each unescaped marker character: the text before the first marker, then each marker with its text.</summary>
    private static (string Leading, List<(char Marker, string Text)> Segments) Split(string block, string markers)
    {
        var segments = new List<(char Marker, string Text)>();
        var leading = "";
        var start = 0;
        char? marker = null;
        for (var i = 0; i <= block.Length; i++)
        {
            if (i < block.Length && !markers.Contains(block[i], StringComparison.Ordinal))
            {
                continue;
            }
            var piece = block[start..i];
            if (marker is { } m)
            {
                segments.Add((m, piece));
            }
            else
            {
                leading = piece;
            }
            if (i < block.Length)
            {
                marker = block[i];
                start = i + 1;
            }
        }
        return (leading, segments);
    }

    private static GiftAnswer Answer(string body, double fraction, TextFormat questionFormat)
    {
        var hash = body.IndexOf('#', StringComparison.Ordinal);
        var text = Part(hash < 0 ? body : body[..hash], questionFormat);
        if (text.Text.Length == 0)
        {
            throw new GiftSyntaxException("Ett svarsalternativ är tomt.");
        }
        var feedback = hash < 0 ? null : Feedback(body[(hash + 1)..], questionFormat);
        return new GiftAnswer(text.Text, fraction, feedback?.Text, text.Format, feedback?.Format);
    }

    private static FormattedPart? Feedback(string encoded, TextFormat questionFormat)
    {
        var part = Part(encoded, questionFormat);
        return part.Text.Length == 0 ? null : part;
    }

    /// <summary>
    /// An answer, pair or feedback text: decoded and trimmed, with its own format when its prefix names another format
    /// than the question's (Moodle reads each text's prefix on its own; an unprefixed text takes the question's format).
    /// </summary>
    private static FormattedPart Part(string encoded, TextFormat questionFormat)
    {
        var (own, text) = SplitFormat(encoded);
        return new FormattedPart(text, own == questionFormat ? null : own);
    }

    private sealed record FormattedPart(string Text, TextFormat? Format);

    private static (TextFormat Format, string Text) ReadFormat(string encoded)
    {
        var (format, text) = SplitFormat(encoded);
        return (format ?? TextFormat.Moodle, text);
    }

    private static (TextFormat? Format, string Text) SplitFormat(string encoded)
    {
        var text = encoded.Trim();
        if (text.StartsWith('['))
        {
            var end = text.IndexOf(']', StringComparison.Ordinal);
            if (end > 0 && ParseFormatName(text[1..end]) is { } format)
            {
                return (format, GiftEscapes.Decode(text[(end + 1)..]).Trim());
            }
        }
        return (null, GiftEscapes.Decode(text).Trim());
    }

    internal static TextFormat? ParseFormatName(string name) => name switch
    {
        "moodle" => TextFormat.Moodle,
        "html" => TextFormat.Html,
        "plain" => TextFormat.Plain,
        "markdown" => TextFormat.Markdown,
        _ => null,
    };

    internal static string FormatName(TextFormat format) => format switch
    {
        TextFormat.Html => "html",
        TextFormat.Plain => "plain",
        TextFormat.Markdown => "markdown",
        _ => "moodle",
    };

    internal static string Percent(double fraction) =>
        ((decimal)fraction * 100m).ToString("0.###############", CultureInfo.InvariantCulture);
}

/// <summary>A question that GIFT cannot read; caught per question and turned into a <see cref="ContentProblem"/>.</summary>
internal sealed class GiftSyntaxException : Exception
{
    public GiftSyntaxException()
    {
    }

    public GiftSyntaxException(string message)
        : base(message)
    {
    }

    public GiftSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
