namespace Training.Core.Quiz;

/// <summary>How one question went in one submitted attempt.</summary>
/// <param name="Key">The question's identity in its module (its GIFT id, else its title): statistics follow it across versions.</param>
/// <param name="Points">The points earned, from 0 to 1.</param>
/// <param name="Offered">Choice questions: every answer offered, by its text; empty for other types.</param>
/// <param name="Chosen">Choice questions: the answers the learner chose, by text; empty for other types.</param>
public sealed record QuestionOutcome(string Key, double Points, IReadOnlyList<string> Offered, IReadOnlyList<string> Chosen);

/// <summary>Why a question deserves a look.</summary>
public enum QuestionConcern
{
    /// <summary>More than 95 % of the marks are earned: nearly everyone gets it right.</summary>
    NearlyAllRight,

    /// <summary>Less than 20 % of the marks are earned: nearly everyone gets it wrong.</summary>
    NearlyAllWrong,

    /// <summary>A discrimination index below 0.2 from at least 30 attempts: it does not tell who knows the module.</summary>
    PoorDiscrimination,
}

/// <summary>The share of attempts that chose one answer of a choice question.</summary>
/// <param name="Text">The answer's text.</param>
/// <param name="Count">How many attempts chose it.</param>
/// <param name="Share">Count / attempts of the question, from 0 to 1.</param>
public sealed record AnswerShare(string Text, int Count, double Share);

/// <summary>One question's statistics.</summary>
/// <param name="Key">The question's identity in its module.</param>
/// <param name="Attempts">How many submitted attempts drew it.</param>
/// <param name="Facility">The facility index: the mean points on it, from 0 to 1.</param>
/// <param name="Discrimination">
/// The discrimination index: the correlation, from -1 to 1, between the points on this question and the points on the
/// rest of the same attempt; null when either does not vary (or fewer than two attempts).
/// </param>
/// <param name="Answers">Choice questions: each answer offered and the share choosing it, in the order first offered.</param>
/// <param name="Concerns">Why the question deserves a look; empty when none.</param>
public sealed record QuestionStatistic(
    string Key, int Attempts, double Facility, double? Discrimination, IReadOnlyList<AnswerShare> Answers, IReadOnlyList<QuestionConcern> Concerns);

/// <summary>
/// Question statistics as Moodle's statistics report computes them, over submitted attempts (each a list of the
/// questions it drew): facility is the mean score; discrimination is Pearson's correlation between the question's score
/// and the score on the rest of the attempt (the attempt's total less this question), which Moodle shows as a percentage
/// and we keep from -1 to 1.
/// </summary>
public static class QuestionStatistics
{
    /// <summary>Above this facility nearly everyone gets the question right.</summary>
    public const double EasyAbove = 0.95;

    /// <summary>Below this facility nearly everyone gets the question wrong.</summary>
    public const double HardBelow = 0.20;

    /// <summary>Below this discrimination a question tells too little (once <see cref="MinAttemptsForDiscrimination"/> attempts are in).</summary>
    public const double PoorDiscriminationBelow = 0.2;

    /// <summary>How many attempts a discrimination index needs before it is judged.</summary>
    public const int MinAttemptsForDiscrimination = 30;

    /// <summary>Each question's statistics, in the order the questions are first met.</summary>
    public static IReadOnlyList<QuestionStatistic> Compute(IEnumerable<IReadOnlyList<QuestionOutcome>> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var byQuestion = new Dictionary<string, List<(QuestionOutcome Outcome, double RestOfAttempt)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var attempt in attempts)
        {
            var total = attempt.Sum(q => q.Points);
            foreach (var outcome in attempt)
            {
                if (!byQuestion.TryGetValue(outcome.Key, out var list))
                {
                    byQuestion[outcome.Key] = list = [];
                    order.Add(outcome.Key);
                }
                list.Add((outcome, total - outcome.Points));
            }
        }
        return [.. order.Select(key => Of(key, byQuestion[key]))];
    }

    private static QuestionStatistic Of(string key, List<(QuestionOutcome Outcome, double RestOfAttempt)> rows)
    {
        var n = rows.Count;
        var facility = rows.Average(r => r.Outcome.Points);
        var discrimination = Correlation([.. rows.Select(r => r.Outcome.Points)], [.. rows.Select(r => r.RestOfAttempt)]);
        var offered = rows.SelectMany(r => r.Outcome.Offered).Distinct(StringComparer.Ordinal).ToList();
        var answers = offered
            .Select(text => rows.Count(r => r.Outcome.Chosen.Contains(text, StringComparer.Ordinal)))
            .Zip(offered, (count, text) => new AnswerShare(text, count, (double)count / n))
            .ToList();
        var flags = new List<QuestionConcern>();
        if (facility > EasyAbove)
        {
            flags.Add(QuestionConcern.NearlyAllRight);
        }
        if (facility < HardBelow)
        {
            flags.Add(QuestionConcern.NearlyAllWrong);
        }
        if (n >= MinAttemptsForDiscrimination && discrimination is < PoorDiscriminationBelow)
        {
            flags.Add(QuestionConcern.PoorDiscrimination);
        }
        return new QuestionStatistic(key, n, facility, discrimination, answers, flags);
    }

    /// <summary>Pearson's r of two equally long series; null when there are fewer than two values or either does not vary.</summary>
    public static double? Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count < 2 || x.Count != y.Count)
        {
            return null;
        }
        var meanX = x.Average();
        var meanY = y.Average();
        double covariance = 0, varianceX = 0, varianceY = 0;
        for (var i = 0; i < x.Count; i++)
        {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            varianceX += (x[i] - meanX) * (x[i] - meanX);
            varianceY += (y[i] - meanY) * (y[i] - meanY);
        }
        return varianceX < 1e-12 || varianceY < 1e-12 ? null : covariance / Math.Sqrt(varianceX * varianceY);
    }
}
