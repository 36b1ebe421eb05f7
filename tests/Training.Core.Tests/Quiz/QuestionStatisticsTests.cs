using Training.Core.Quiz;

namespace Training.Core.Tests.Quiz;

public class QuestionStatisticsTests
{
    private static QuestionOutcome Q(string key, double points) => new(key, points, [], []);

    private static QuestionOutcome Choice(string key, double points, string chosen) => new(key, points, ["Ja", "Nej"], [chosen]);

    /// <summary>
    /// Four attempts of four questions:
    /// <code>
    ///        q1  q2   q3  q4  total
    ///   A1   1   1Ja  1   1   4
    ///   A2   1   1Ja  0   1   3
    ///   A3   0   1Ja  0   1   2
    ///   A4   0   0Nej 0   1   1
    /// </code>
    /// q1: x = 1,1,0,0 (mean 0.5); rest of attempt = 3,2,2,1 (mean 2); deviations ±0.5 and 1,0,0,-1;
    ///     covariance sum = 0.5+0+0+0.5 = 1; Σdx² = 1; Σdr² = 2; r = 1/√2 = 0.7071.
    /// q2: x = 1,1,1,0 (mean 0.75); rest = 3,2,1,1 (mean 1.75); dx = .25,.25,.25,-.75; dr = 1.25,.25,-.75,-.75;
    ///     cov = .3125+.0625-.1875+.5625 = .75; Σdx² = .75; Σdr² = 1.5625+.0625+.5625+.5625 = 2.75;
    ///     r = .75/√(.75·2.75) = .75/1.4361 = 0.5222. Ja chosen 3 of 4 (75 %), Nej 1 of 4 (25 %).
    /// q3: x = 1,0,0,0 (mean 0.25); rest = 3,3,2,1 (mean 2.25); dx = .75,-.25,-.25,-.25; dr = .75,.75,-.25,-1.25;
    ///     cov = .5625-.1875+.0625+.3125 = .75; Σdx² = .75; Σdr² = 2.75; r = 0.5222.
    /// q4: everyone right: facility 1 (&gt; 95 %, flagged), no variance so no discrimination.
    /// </summary>
    [Fact]
    public void FacilityDiscriminationAndShares_MatchTheHandComputedValues()
    {
        List<IReadOnlyList<QuestionOutcome>> attempts =
        [
            [Q("q1", 1), Choice("q2", 1, "Ja"), Q("q3", 1), Q("q4", 1)],
            [Q("q1", 1), Choice("q2", 1, "Ja"), Q("q3", 0), Q("q4", 1)],
            [Q("q1", 0), Choice("q2", 1, "Ja"), Q("q3", 0), Q("q4", 1)],
            [Q("q1", 0), Choice("q2", 0, "Nej"), Q("q3", 0), Q("q4", 1)],
        ];

        var stats = QuestionStatistics.Compute(attempts).ToDictionary(s => s.Key);

        Assert.Equal((4, 0.5, 0.7071), (stats["q1"].Attempts, stats["q1"].Facility, Math.Round(stats["q1"].Discrimination!.Value, 4)));
        Assert.Equal((0.75, 0.5222), (stats["q2"].Facility, Math.Round(stats["q2"].Discrimination!.Value, 4)));
        Assert.Equal([("Ja", 3, 0.75), ("Nej", 1, 0.25)], stats["q2"].Answers.Select(a => (a.Text, a.Count, a.Share)));
        Assert.Equal((0.25, 0.5222), (stats["q3"].Facility, Math.Round(stats["q3"].Discrimination!.Value, 4)));
        Assert.Equal((1.0, (double?)null), (stats["q4"].Facility, stats["q4"].Discrimination));
        Assert.Equal([QuestionConcern.NearlyAllRight], stats["q4"].Concerns);
        Assert.Empty(stats["q1"].Concerns);
        Assert.Empty(stats["q3"].Concerns); // 25 % is not below 20 %
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    public void PoorDiscrimination_IsFlaggedFromThirtyAttempts(int count, bool flagged)
    {
        // "svag" is right exactly when "annan" is wrong: r = -1; facility 0.5 for both.
        var attempts = Enumerable.Range(0, count)
            .Select(i => (IReadOnlyList<QuestionOutcome>)[Q("svag", i % 2), Q("annan", 1 - (i % 2))])
            .ToList();

        var svag = QuestionStatistics.Compute(attempts).Single(s => s.Key == "svag");

        Assert.Equal(-1, Math.Round(svag.Discrimination!.Value, 6));
        Assert.Equal(flagged, svag.Concerns.Contains(QuestionConcern.PoorDiscrimination));
    }

    [Fact]
    public void NearlyEveryoneWrong_IsFlagged_BelowTwentyPercent()
    {
        var attempts = Enumerable.Range(0, 10).Select(i => (IReadOnlyList<QuestionOutcome>)[Q("svar", i == 0 ? 1 : 0)]).ToList();

        var stat = QuestionStatistics.Compute(attempts).Single();

        Assert.Equal(0.1, stat.Facility, 6);
        Assert.Equal([QuestionConcern.NearlyAllWrong], stat.Concerns);
    }
}
