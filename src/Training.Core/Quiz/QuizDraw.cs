using Training.Core.Gift;

namespace Training.Core.Quiz;

/// <summary>Draws the questions of one quiz attempt from a module's graded pool.</summary>
public static class QuizDraw
{
    /// <summary>
    /// Draws <paramref name="count"/> questions at random, keeping their pool order (authors often order questions from
    /// basic to harder), and shuffles the answers of single and multiple choice and both sides of matching. True/false
    /// keeps <c>true</c>, <c>false</c>; short answer and numerical have no choices. The same seed gives the same draw.
    /// </summary>
    /// <param name="pool">The graded questions; each needs a <see cref="GiftQuestion.Key"/>, unique in the pool.</param>
    /// <param name="count">How many to draw (<see cref="Content.QuizSettings.Questions"/>); null, or more than the pool, draws the whole pool.</param>
    /// <param name="random">The source of randomness.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A question has no key, or two share one.</exception>
    public static DrawnQuiz Draw(IReadOnlyList<GiftQuestion> pool, int? count, Random random)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(random);
        if (count is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "At least one question must be drawn.");
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in pool)
        {
            if (question.Key is not { } key)
            {
                throw new ArgumentException($"The question at {question.Path}:{question.Line} has neither id nor title.", nameof(pool));
            }
            if (!keys.Add(key))
            {
                throw new ArgumentException($"Two questions in the pool have the key '{key}'.", nameof(pool));
            }
        }

        int[] order = [.. Enumerable.Range(0, pool.Count)];
        random.Shuffle(order);
        var drawn = order[..Math.Min(count ?? pool.Count, pool.Count)];
        Array.Sort(drawn);
        return new DrawnQuiz([.. drawn.Select(i => DrawQuestion(pool[i], random))]);
    }

    private static DrawnQuestion DrawQuestion(GiftQuestion question, Random random)
    {
        var drawn = new DrawnQuestion
        {
            Key = question.Key!,
            Type = question.Type,
            Text = question.Text,
            TextAfter = question.TextAfter,
            Format = question.Format,
            GeneralFeedback = question.GeneralFeedback,
            GeneralFeedbackFormat = question.GeneralFeedbackFormat,
        };
        switch (question.Type)
        {
            case QuestionType.Single or QuestionType.Multiple:
                return drawn with { Answers = WithIds(Shuffled(question.Answers, random)) };
            case QuestionType.TrueFalse or QuestionType.Short:
                return drawn with { Answers = WithIds(question.Answers) };
            case QuestionType.Matching:
                var rights = Shuffled(question.Pairs.Select(p => p.Right).Distinct(StringComparer.Ordinal).ToList(), random);
                var rightIds = rights.Select((text, i) => (text, id: $"r{i}")).ToDictionary(r => r.text, r => r.id, StringComparer.Ordinal);
                var items = Shuffled(question.Pairs.Where(p => p.Left.Length > 0).ToList(), random);
                return drawn with
                {
                    Items = [.. items.Select(p => new DrawnMatchItem(p.Left, rightIds[p.Right], p.LeftFormat))],
                    RightOptions = [.. rights.Select(text => new QuizOption(rightIds[text], text))],
                };
            case QuestionType.Numerical:
                return drawn with { Ranges = [.. question.Ranges], WrongFeedback = question.WrongFeedback, WrongFeedbackFormat = question.WrongFeedbackFormat };
            default:
                throw new ArgumentOutOfRangeException(nameof(question), question.Type, "Unknown question type.");
        }
    }

    private static T[] Shuffled<T>(IReadOnlyList<T> items, Random random)
    {
        T[] copy = [.. items];
        random.Shuffle(copy);
        return copy;
    }

    private static DrawnAnswer[] WithIds(IReadOnlyList<GiftAnswer> answers) =>
        [.. answers.Select((a, i) => new DrawnAnswer($"a{i}", a.Text, a.Fraction, a.Feedback, a.Format, a.FeedbackFormat))];
}
