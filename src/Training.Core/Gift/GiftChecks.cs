using Training.Core.Content;

namespace Training.Core.Gift;

/// <summary>Checks a module's graded question pool and its knowledge checks as a whole (the parser checks each question on its own).</summary>
public static class GiftChecks
{
    /// <summary>
    /// The problems in a module's graded pool, each at the question's <see cref="GiftQuestion.Path"/> and
    /// <see cref="GiftQuestion.Line"/>: a question that cannot give full credit (single and short answer: no answer
    /// worth 100 %; multiple answer: the positive weights do not add up to 100 %; numerical: no range worth 100 %;
    /// true/false and matching always can), a question with neither <c>[id:…]</c> nor title, and a question with the
    /// same <see cref="GiftQuestion.Key"/> as an earlier one (reported at the later one).
    /// </summary>
    public static IReadOnlyList<ContentProblem> CheckPool(IReadOnlyList<GiftQuestion> graded)
    {
        ArgumentNullException.ThrowIfNull(graded);
        var problems = new List<ContentProblem>();
        var seen = new Dictionary<string, GiftQuestion>(StringComparer.Ordinal);
        foreach (var question in graded)
        {
            if (!CanGiveFullCredit(question))
            {
                problems.Add(new ContentProblem(question.Path, question.Line, "Frågan saknar ett rätt svar som ger full poäng (100 %)."));
            }
            if (string.IsNullOrWhiteSpace(question.Key))
            {
                problems.Add(new ContentProblem(question.Path, question.Line,
                    "Den graderade frågan saknar både id (// [id:…]) och titel (::titel::); den behövs för att följa frågan mellan versioner."));
            }
            else if (seen.TryGetValue(question.Key, out var first))
            {
                problems.Add(new ContentProblem(question.Path, question.Line,
                    $"Frågan har samma id eller titel ”{question.Key}” som frågan på {first.Path}:{first.Line}."));
            }
            else
            {
                seen.Add(question.Key, question);
            }
        }
        return problems;
    }

    /// <summary>
    /// The problems in a module's knowledge checks, given block by block (one <c>```gift check</c> fence each), at each
    /// question's <see cref="GiftQuestion.Path"/> and <see cref="GiftQuestion.Line"/>. The site tells a block's answers
    /// apart by <see cref="GiftQuestion.Key"/> and records "answered" per key and module version, so a question with
    /// neither <c>[id:…]</c> nor title and a key used twice in one block are errors; a key that an earlier block
    /// already used is a warning, since the two questions' answers are then recorded as one.
    /// </summary>
    public static IReadOnlyList<ContentProblem> CheckKnowledgeChecks(IEnumerable<IReadOnlyList<GiftQuestion>> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var problems = new List<ContentProblem>();
        var inModule = new Dictionary<string, GiftQuestion>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            var inBlock = new Dictionary<string, GiftQuestion>(StringComparer.Ordinal);
            foreach (var question in block)
            {
                if (string.IsNullOrWhiteSpace(question.Key))
                {
                    problems.Add(new ContentProblem(question.Path, question.Line,
                        "Kunskapskontrollens fråga saknar både id (// [id:…]) och titel (::titel::); den behövs för att känna igen svaret."));
                }
                else if (inBlock.TryGetValue(question.Key, out var first))
                {
                    problems.Add(new ContentProblem(question.Path, question.Line,
                        $"Kunskapskontrollens fråga har samma id eller titel ”{question.Key}” som frågan på {first.Path}:{first.Line}; frågorna i en kontroll måste gå att skilja åt."));
                }
                else
                {
                    inBlock.Add(question.Key, question);
                    if (!inModule.TryAdd(question.Key, question))
                    {
                        var earlier = inModule[question.Key];
                        problems.Add(new ContentProblem(question.Path, question.Line,
                            $"Kunskapskontrollens fråga har samma id eller titel ”{question.Key}” som frågan på {earlier.Path}:{earlier.Line}; att de besvarats sparas då som ett.",
                            ProblemSeverity.Warning));
                    }
                }
            }
        }
        return problems;
    }

    private const double Tolerance = 0.001;

    private static bool CanGiveFullCredit(GiftQuestion question) => question.Type switch
    {
        QuestionType.TrueFalse or QuestionType.Matching => true,
        QuestionType.Multiple => Math.Abs(question.Answers.Where(a => a.Fraction > 0).Sum(a => a.Fraction) - 1) <= Tolerance,
        QuestionType.Numerical => question.Ranges.Any(r => r.Fraction >= 1 - Tolerance),
        _ => question.Answers.Any(a => a.Fraction >= 1 - Tolerance),
    };
}
