using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Training.Core.Gift;
using Training.Core.Quiz;

namespace Training.Core.Tests.Quiz;

public class QuizDrawTests
{
    /// <summary>Web options that leave Swedish letters unescaped, so that a leaked text would be found.</summary>
    private static readonly JsonSerializerOptions Unescaped = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static IReadOnlyList<GiftQuestion> Numbered(int count) => QuizPool.Read(string.Join("\n\n",
        Enumerable.Range(0, count).Select(i => $"// [id:q{i}]\nFråga {i}? {{T}}")));

    [Fact]
    public void Draw_WithoutCount_DrawsTheWholePool_InPoolOrder()
    {
        var quiz = QuizDraw.Draw(Numbered(6), null, new Random(3));

        Assert.Equal(["q0", "q1", "q2", "q3", "q4", "q5"], quiz.Questions.Select(q => q.Key));
    }

    [Fact]
    public void Draw_CountAbovePool_DrawsTheWholePool()
    {
        var quiz = QuizDraw.Draw(Numbered(3), 8, new Random(3));

        Assert.Equal(["q0", "q1", "q2"], quiz.Questions.Select(q => q.Key));
    }

    [Fact]
    public void Draw_Count_DrawsThatManyDistinctQuestions_KeptInPoolOrder()
    {
        var pool = Numbered(10);

        var quiz = QuizDraw.Draw(pool, 4, new Random(7));

        var keys = quiz.Questions.Select(q => q.Key).ToList();
        Assert.Equal(4, keys.Distinct().Count());
        var positions = keys.Select(k => pool.ToList().FindIndex(q => q.Key == k)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Draw_Count_DrawsDifferentQuestionsOverAttempts()
    {
        var pool = Numbered(10);

        var draws = Enumerable.Range(0, 20)
            .Select(seed => string.Join(",", QuizDraw.Draw(pool, 3, new Random(seed)).Questions.Select(q => q.Key)))
            .Distinct()
            .Count();

        Assert.True(draws > 5, $"only {draws} different draws in 20");
    }

    [Fact]
    public void Draw_SameSeed_GivesTheSameAttempt()
    {
        var pool = QuizPool.Read();

        var first = QuizDraw.Draw(pool, 4, new Random(42)).ToJson();
        var second = QuizDraw.Draw(pool, 4, new Random(42)).ToJson();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Draw_ShufflesSingleChoiceAnswers_KeepingEveryAnswerWithItsFractionAndFeedback()
    {
        var original = QuizPool.Read().Single(q => q.Key == "single").Answers;

        var orders = new HashSet<string>();
        for (var seed = 0; seed < 20; seed++)
        {
            var drawn = QuizPool.Draw(seed).Question("single");
            Assert.Equal(
                original.Select(a => (a.Text, a.Fraction, a.Feedback)).OrderBy(a => a.Text, StringComparer.Ordinal),
                drawn.Answers.Select(a => (a.Text, a.Fraction, a.Feedback)).OrderBy(a => a.Text, StringComparer.Ordinal));
            Assert.Equal(["a0", "a1", "a2", "a3"], drawn.Answers.Select(a => a.Id));
            orders.Add(string.Join("|", drawn.Answers.Select(a => a.Text)));
        }

        Assert.True(orders.Count > 3, $"only {orders.Count} answer orders in 20 draws");
    }

    [Fact]
    public void Draw_ShufflesMultipleAnswerAnswers_KeepingEveryAnswer()
    {
        var orders = Enumerable.Range(0, 20)
            .Select(seed => QuizPool.Draw(seed).Question("multi").Answers)
            .Select(answers =>
            {
                Assert.Equal(["Olaga tvång", "Samtycke", "Vilseledande", "Ålder"], answers.Select(a => a.Text).Order(StringComparer.Ordinal));
                return string.Join("|", answers.Select(a => a.Text));
            })
            .Distinct()
            .Count();

        Assert.True(orders > 3);
    }

    [Fact]
    public void Draw_TrueFalse_KeepsTrueThenFalse()
    {
        for (var seed = 0; seed < 5; seed++)
        {
            var tf = QuizPool.Draw(seed).Question("tf");
            Assert.Equal([("a0", "true", 0.0), ("a1", "false", 1.0)], tf.Answers.Select(a => (a.Id, a.Text, a.Fraction)));
        }
    }

    [Fact]
    public void Draw_Matching_ShufflesItemsAndOffersEveryDistinctRightIncludingDistractors()
    {
        var orders = new HashSet<string>();
        for (var seed = 0; seed < 20; seed++)
        {
            var match = QuizPool.Draw(seed).Question("match");

            Assert.Equal(
                ["Grovt koppleri", "Koppleri", "Människoexploatering", "Människohandel"],
                match.Items.Select(i => i.Left).Order(StringComparer.Ordinal));
            Assert.Equal(
                ["4 kap. 1 a §", "4 kap. 1 b §", "6 kap. 11 §", "6 kap. 12 §"],
                match.RightOptions.Select(o => o.Text).Order(StringComparer.Ordinal));
            Assert.Equal(["r0", "r1", "r2", "r3"], match.RightOptions.Select(o => o.Id));
            Assert.Equal(match.RightId("6 kap. 12 §"), match.Items.Single(i => i.Left == "Koppleri").RightId);
            Assert.Equal(match.RightId("6 kap. 12 §"), match.Items.Single(i => i.Left == "Grovt koppleri").RightId);
            Assert.Equal(match.RightId("4 kap. 1 a §"), match.Items.Single(i => i.Left == "Människohandel").RightId);
            orders.Add(string.Join("|", match.Items.Select(i => i.Left)) + "/" + string.Join("|", match.RightOptions.Select(o => o.Text)));
        }

        Assert.True(orders.Count > 3);
    }

    [Fact]
    public void Draw_KeepsTextFormatAndTheAnswerKey()
    {
        var quiz = QuizDraw.Draw(QuizPool.Read("""
            // [id:md]
            [markdown]Vad är **rätt**? {=Ja ~Nej ####Allmänt.}

            // [id:num]
            Hur många? {#=2.5:0.5#Inom. ~#Fel.}
            """), null, new Random(1));

        var md = quiz.Question("md");
        Assert.Equal(TextFormat.Markdown, md.Format);
        Assert.Equal("Vad är **rätt**?", md.Text);
        Assert.Equal("Allmänt.", md.GeneralFeedback);
        var num = quiz.Question("num");
        Assert.Equal([new GiftRange(2, 3, 1, "Inom.")], num.Ranges);
        Assert.Equal("Fel.", num.WrongFeedback);
        Assert.Empty(num.Answers);
    }

    [Fact]
    public void Draw_QuestionWithoutKey_IsRejected()
    {
        var pool = QuizPool.Read("Utan id? {T}");

        Assert.Throws<ArgumentException>(() => QuizDraw.Draw(pool, null, new Random(1)));
    }

    [Fact]
    public void Draw_TwoQuestionsWithTheSameKey_AreRejected()
    {
        var pool = QuizPool.Read("::Samma::En? {T}\n\n::Samma::Två? {F}");

        Assert.Throws<ArgumentException>(() => QuizDraw.Draw(pool, null, new Random(1)));
    }

    [Fact]
    public void Draw_CountBelowOne_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QuizDraw.Draw(QuizPool.Read(), 0, new Random(1)));
    }

    [Fact]
    public void ToPublic_HasWhatThePageRenders()
    {
        var quiz = QuizPool.Draw(5);

        var view = quiz.ToPublic();

        Assert.Equal(quiz.Questions.Select(q => q.Key), view.Select(q => q.Key));
        var single = view.Single(q => q.Key == "single");
        Assert.Equal(QuestionType.Single, single.Type);
        Assert.Equal("Vad är straffskalan för människohandel?", single.Text);
        Assert.Equal(quiz.Question("single").Answers.Select(a => new QuizOption(a.Id, a.Text)), single.Options);
        Assert.Equal([new QuizOption("a0", "true"), new QuizOption("a1", "false")], view.Single(q => q.Key == "tf").Options);
        var match = view.Single(q => q.Key == "match");
        Assert.Equal(quiz.Question("match").Items.Select(i => i.Left), match.Lefts);
        Assert.Equal(quiz.Question("match").RightOptions, match.RightOptions);
        Assert.Empty(view.Single(q => q.Key == "short").Options);
        Assert.Empty(view.Single(q => q.Key == "num").Options);
    }

    [Fact]
    public void ToPublic_AsJson_HoldsNoFractionFeedbackOrRightAnswer()
    {
        var quiz = QuizPool.Draw(5);

        var json = JsonSerializer.Serialize(quiz.ToPublic(), Unescaped);

        Assert.Contains("Vad är straffskalan", json, StringComparison.Ordinal);
        Assert.Contains("Olaga tvång", json, StringComparison.Ordinal);
        Assert.Contains("6 kap. 11 §", json, StringComparison.Ordinal);
        Assert.DoesNotContain("fraction", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("feedback", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("-fb", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Allmänt", json, StringComparison.Ordinal);
        Assert.DoesNotContain("-single", json, StringComparison.Ordinal);
        Assert.DoesNotContain("-tf", json, StringComparison.Ordinal);
        Assert.DoesNotContain("-num", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Brottsbalken", json, StringComparison.Ordinal);
        Assert.DoesNotContain("BrB", json, StringComparison.Ordinal);
        Assert.DoesNotContain("rightId", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ranges", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("2.5", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"min\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void DrawnQuiz_RoundTripsThroughItsJson()
    {
        var quiz = QuizPool.Draw(9);

        var json = quiz.ToJson();
        var back = DrawnQuiz.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Contains("\"type\":\"TrueFalse\"", json, StringComparison.Ordinal);
        Assert.Equal(quiz.Questions.Select(q => q.Key), back.Questions.Select(q => q.Key));
        Assert.Equal(quiz.Question("single").Answers, back.Question("single").Answers);
        Assert.Equal(quiz.Question("match").Items, back.Question("match").Items);
        Assert.Equal(quiz.Question("match").RightOptions, back.Question("match").RightOptions);
        Assert.Equal(quiz.Question("num").Ranges, back.Question("num").Ranges);
        Assert.Equal("Fel-num.", back.Question("num").WrongFeedback);
        Assert.Equal("Allmänt-single.", back.Question("single").GeneralFeedback);
    }

    [Fact]
    public void DrawnQuiz_RoundTripsWithDefaultSerializerOptions()
    {
        var quiz = QuizPool.Draw(9);

        var json = JsonSerializer.Serialize(quiz);
        var back = JsonSerializer.Deserialize<DrawnQuiz>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(quiz.ToJson(), back.ToJson());
    }
}
