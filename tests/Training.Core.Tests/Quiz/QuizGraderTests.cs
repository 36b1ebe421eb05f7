using Training.Core.Gift;
using Training.Core.Quiz;

namespace Training.Core.Tests.Quiz;

public class QuizGraderTests
{
    private readonly DrawnQuiz _quiz = QuizPool.Draw(11);

    private QuestionResult Grade(string key, QuestionResponse? response) =>
        QuizGrader.GradeQuestion(_quiz.Question(key), response);

    private QuestionResult Choose(string key, params string[] texts) =>
        Grade(key, QuestionResponse.Choose(texts.Select(_quiz.Question(key).AnswerId)));

    [Fact]
    public void Single_RightAnswer_GivesOnePointWithItsFeedbackAndTheGeneralFeedback()
    {
        var result = Choose("single", "Fängelse i lägst två och högst tio år");

        Assert.Equal(1, result.Points);
        Assert.True(result.Right);
        Assert.True(result.Answered);
        Assert.Equal(["Rätt-single."], result.Feedback);
        Assert.Equal("Allmänt-single.", result.GeneralFeedback);
    }

    [Fact]
    public void Single_WeightedAnswer_GivesItsFraction()
    {
        var result = Choose("single", "Fängelse i högst fyra år");

        Assert.Equal(0.5, result.Points);
        Assert.False(result.Right);
        Assert.Equal(["Halvrätt-single."], result.Feedback);
    }

    [Fact]
    public void Single_NegativeAnswer_IsFlooredAtZero()
    {
        var result = Choose("single", "Böter");

        Assert.Equal(0, result.Points);
        Assert.Equal(["Fel-single."], result.Feedback);
    }

    [Fact]
    public void Single_WrongAnswerWithoutFeedback_ShowsOnlyTheGeneralFeedback()
    {
        var result = Choose("single", "Fängelse i högst ett år");

        Assert.Equal(0, result.Points);
        Assert.Empty(result.Feedback);
        Assert.Equal("Allmänt-single.", result.GeneralFeedback);
    }

    [Fact]
    public void Single_TwoChosenIds_CountAsNoAnswer()
    {
        var result = Choose("single", "Fängelse i lägst två och högst tio år", "Böter");

        Assert.Equal(0, result.Points);
        Assert.False(result.Answered);
    }

    [Fact]
    public void Single_UnknownId_CountsAsNoAnswer()
    {
        var result = Grade("single", QuestionResponse.Choose("a9"));

        Assert.Equal(0, result.Points);
        Assert.False(result.Answered);
    }

    [Fact]
    public void Multiple_AllRightAnswers_GiveOnePoint_WithEachChosenFeedbackInShownOrder()
    {
        var result = Choose("multi", "Vilseledande", "Olaga tvång");

        Assert.Equal(1, result.Points);
        Assert.True(result.Right);
        var shown = _quiz.Question("multi").Answers.Where(a => a.Text is "Vilseledande" or "Olaga tvång").Select(a => a.Feedback);
        Assert.Equal(shown, result.Feedback);
    }

    [Fact]
    public void Multiple_OneOfTwoRight_GivesHalf()
    {
        Assert.Equal(0.5, Choose("multi", "Olaga tvång").Points);
    }

    [Fact]
    public void Multiple_NegativeWeights_AreSubtracted()
    {
        Assert.Equal(0.5, Choose("multi", "Olaga tvång", "Vilseledande", "Samtycke").Points, 9);
    }

    [Fact]
    public void Multiple_SumBelowZero_IsFlooredAtZero()
    {
        var result = Choose("multi", "Olaga tvång", "Samtycke", "Ålder");

        Assert.Equal(0, result.Points);
        Assert.Equal(3, result.Feedback.Count);
    }

    [Fact]
    public void Multiple_SameIdTwice_CountsOnce()
    {
        var id = _quiz.Question("multi").AnswerId("Olaga tvång");

        Assert.Equal(0.5, Grade("multi", QuestionResponse.Choose(id, id)).Points);
    }

    [Fact]
    public void Multiple_SumAboveOne_IsCappedAtOne()
    {
        // The parser lets positive weights add up to 100 % ± 0.1 %, so a sum just above 1 can occur.
        var question = new DrawnQuestion
        {
            Key = "m",
            Type = QuestionType.Multiple,
            Text = "?",
            Answers = [new("a0", "x", 0.6, null), new("a1", "y", 0.6, null)],
        };

        var result = QuizGrader.GradeQuestion(question, QuestionResponse.Choose("a0", "a1"));

        Assert.Equal(1, result.Points);
        Assert.True(result.Right);
    }

    [Fact]
    public void Multiple_ThirdsThatAddUpToAlmostOne_AreRight()
    {
        var quiz = QuizDraw.Draw(QuizPool.Read("""
            // [id:t]
            Välj? {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}
            """), null, new Random(1));
        var q = quiz.Question("t");

        var result = QuizGrader.GradeQuestion(q, QuestionResponse.Choose(q.AnswerId("a"), q.AnswerId("b"), q.AnswerId("c")));

        Assert.Equal(1, result.Points);
        Assert.True(result.Right);
    }

    [Fact]
    public void TrueFalse_RightChoice_GivesOnePointAndTheRightFeedback()
    {
        var result = Choose("tf", "false");

        Assert.Equal(1, result.Points);
        Assert.Equal(["Rätt-tf."], result.Feedback);
    }

    [Fact]
    public void TrueFalse_WrongChoice_GivesNothingAndTheWrongFeedback()
    {
        var result = Choose("tf", "true");

        Assert.Equal(0, result.Points);
        Assert.Equal(["Fel-tf."], result.Feedback);
    }

    [Theory]
    [InlineData("Brottsbalken")]
    [InlineData("brottsbalken")]
    [InlineData("  BROTTSBALKEN \t")]
    public void Short_IgnoresCaseAndSurroundingSpace(string typed)
    {
        var result = Grade("short", QuestionResponse.Typed(typed));

        Assert.Equal(1, result.Points);
        Assert.Equal(["Lagen-fb."], result.Feedback);
    }

    [Fact]
    public void Short_CollapsesRunsOfSpaceInsideTheAnswer()
    {
        var quiz = QuizDraw.Draw(QuizPool.Read("// [id:s]\nVilken balk? {=Brotts balken}"), null, new Random(1));

        Assert.Equal(1, QuizGrader.GradeQuestion(quiz.Question("s"), QuestionResponse.Typed("brotts \n  BALKEN")).Points);
        Assert.Equal(0, QuizGrader.GradeQuestion(quiz.Question("s"), QuestionResponse.Typed("brottsbalken")).Points);
    }

    [Theory]
    [InlineData("BrB 4 kap. 1 a §", 0.5, "Förkortning-fb.")]
    [InlineData("brb", 0.5, "Förkortning-fb.")]
    [InlineData("Miljöbalken", 0.25, "Någon-balk-fb.")]
    public void Short_StarMatchesAnyRunOfCharacters(string typed, double points, string feedback)
    {
        var result = Grade("short", QuestionResponse.Typed(typed));

        Assert.Equal(points, result.Points);
        Assert.Equal([feedback], result.Feedback);
    }

    [Theory]
    [InlineData("människohandel")]
    [InlineData("Människo-handel")]
    [InlineData("människo  och barnhandel")]
    public void Short_StarInTheMiddle_MatchesAnyRun(string typed)
    {
        Assert.Equal(1, Grade("short", QuestionResponse.Typed(typed)).Points);
    }

    [Fact]
    public void Short_StarIsLiteralInTheLearnersText()
    {
        Assert.Equal(0, Grade("short", QuestionResponse.Typed("*")).Points);
    }

    [Fact]
    public void Short_SeveralMatches_TakeTheBestFraction()
    {
        // "Brottsbalken" matches both "Brottsbalken" (100 %) and "*balken" (25 %).
        var result = Grade("short", QuestionResponse.Typed("brottsbalken"));

        Assert.Equal(1, result.Points);
        Assert.Equal(["Lagen-fb."], result.Feedback);
    }

    [Fact]
    public void Short_NoMatch_GivesNothingButCountsAsAnswered()
    {
        var result = Grade("short", QuestionResponse.Typed("Regeringsformen"));

        Assert.Equal(0, result.Points);
        Assert.True(result.Answered);
        Assert.Empty(result.Feedback);
    }

    [Fact]
    public void Short_ComposedAndDecomposedLettersAreTheSame()
    {
        var quiz = QuizDraw.Draw(QuizPool.Read("// [id:s]\nVilket? {=Åklagare}"), null, new Random(1));

        Assert.Equal(1, QuizGrader.GradeQuestion(quiz.Question("s"), QuestionResponse.Typed("A\u030Aklagare")).Points);
    }

    [Fact]
    public void Matching_AllRight_GivesOnePoint()
    {
        var q = _quiz.Question("match");
        var all = q.Items.Select((item, index) => (index, item.RightId)).ToDictionary();

        var result = QuizGrader.GradeQuestion(q, QuestionResponse.Match(all));

        Assert.Equal(1, result.Points);
        Assert.True(result.Right);
    }

    [Fact]
    public void Matching_GivesTheShareOfRightItems_DistractorsAreNotItems()
    {
        var q = _quiz.Question("match");
        var matches = new Dictionary<int, string>
        {
            [q.LeftIndex("Människohandel")] = q.RightId("4 kap. 1 a §"),
            [q.LeftIndex("Koppleri")] = q.RightId("6 kap. 12 §"),
            [q.LeftIndex("Grovt koppleri")] = q.RightId("6 kap. 11 §"),
        };

        var result = QuizGrader.GradeQuestion(q, QuestionResponse.Match(matches));

        Assert.Equal(0.5, result.Points);
        Assert.False(result.Right);
        Assert.Empty(result.Feedback);
    }

    [Fact]
    public void Matching_UnknownIndexesAndIds_GiveNothing()
    {
        var q = _quiz.Question("match");

        var result = QuizGrader.GradeQuestion(q, QuestionResponse.Match(new Dictionary<int, string> { [7] = "r0", [0] = "x" }));

        Assert.Equal(0, result.Points);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("2,5")]
    [InlineData(" 2,5 ")]
    [InlineData("+2.7")]
    [InlineData("3")]
    public void Numerical_InTheRange_GivesItsFractionAndFeedback(string typed)
    {
        var result = Grade("num", QuestionResponse.Typed(typed));

        Assert.Equal(1, result.Points);
        Assert.Equal(["Inom-num."], result.Feedback);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2,0")]
    [InlineData("3.0")]
    public void Numerical_RangeBoundsAreIncluded(string typed)
    {
        Assert.Equal(1, Grade("num", QuestionResponse.Typed(typed)).Points);
    }

    [Fact]
    public void Numerical_ToleranceBoundIsIncludedDespiteFloatingPoint()
    {
        // 0.3 - 0.1 is 0.19999999999999998 in double.
        var quiz = QuizDraw.Draw(QuizPool.Read("// [id:n]\nHur mycket? {#0.3:0.1}"), null, new Random(1));

        Assert.Equal(1, QuizGrader.GradeQuestion(quiz.Question("n"), QuestionResponse.Typed("0,2")).Points);
        Assert.Equal(0, QuizGrader.GradeQuestion(quiz.Question("n"), QuestionResponse.Typed("0,199")).Points);
    }

    [Fact]
    public void Numerical_PartialRange_GivesItsFraction()
    {
        var result = Grade("num", QuestionResponse.Typed("4,5"));

        Assert.Equal(0.5, result.Points);
        Assert.Equal(["Nära-num."], result.Feedback);
    }

    [Theory]
    [InlineData("3.01")]
    [InlineData("-2.5")]
    public void Numerical_OutsideEveryRange_GivesNothingAndTheWrongFeedback(string typed)
    {
        var result = Grade("num", QuestionResponse.Typed(typed));

        Assert.Equal(0, result.Points);
        Assert.True(result.Answered);
        Assert.Equal(["Fel-num."], result.Feedback);
    }

    [Theory]
    [InlineData("1,000.5")]
    [InlineData("1.000,5")]
    [InlineData("1 000")]
    [InlineData("2.5e0")]
    [InlineData("2,5 år")]
    [InlineData("två")]
    [InlineData("2.")]
    [InlineData(",5")]
    public void Numerical_NotANumber_GivesNothingAndTheWrongFeedback(string typed)
    {
        var result = Grade("num", QuestionResponse.Typed(typed));

        Assert.Equal(0, result.Points);
        Assert.Equal(["Fel-num."], result.Feedback);
    }

    [Fact]
    public void Unanswered_GivesNothingAndNoAnswerFeedback_ButTheGeneralFeedback()
    {
        var result = Grade("single", null);

        Assert.Equal(0, result.Points);
        Assert.False(result.Answered);
        Assert.Empty(result.Feedback);
        Assert.Equal("Allmänt-single.", result.GeneralFeedback);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("num")]
    public void EmptyText_IsUnanswered(string key)
    {
        var result = Grade(key, QuestionResponse.Typed("   "));

        Assert.False(result.Answered);
        Assert.Equal(0, result.Points);
        Assert.Empty(result.Feedback);
    }

    [Fact]
    public void Grade_ScoresEveryQuestion_MissingResponsesAsZero()
    {
        var responses = new Dictionary<string, QuestionResponse>
        {
            ["single"] = QuestionResponse.Choose(_quiz.Question("single").AnswerId("Fängelse i lägst två och högst tio år")),
            ["tf"] = QuestionResponse.Choose(_quiz.Question("tf").AnswerId("false")),
            ["num"] = QuestionResponse.Typed("2,5"),
            ["short"] = QuestionResponse.Typed("brb"),
            ["unknown"] = QuestionResponse.Typed("ignored"),
        };

        var result = QuizGrader.Grade(_quiz, responses);

        Assert.Equal(_quiz.Questions.Select(q => q.Key), result.Questions.Select(q => q.Key));
        Assert.Equal(3.5, result.Points);
        Assert.Equal(3.5 / 6 * 100, result.Percent, 5);
        Assert.Equal(58, result.ScorePercent);
        Assert.False(result.Passed(80));
        Assert.True(result.Passed(58));
        Assert.False(result.Questions.Single(q => q.Key == "match").Answered);
    }

    [Fact]
    public void Grade_AllRight_ScoresHundred()
    {
        var tf = _quiz.Question("tf");
        var quiz = new DrawnQuiz([tf]);

        var result = QuizGrader.Grade(quiz, new Dictionary<string, QuestionResponse> { ["tf"] = QuestionResponse.Choose(tf.AnswerId("false")) });

        Assert.Equal(100, result.ScorePercent);
        Assert.True(result.Passed(100));
    }

    private static QuizResult Scored(params double[] points) =>
        new([.. points.Select((p, i) => new QuestionResult($"q{i}", true, p, [], null, TextFormat.Moodle))]);

    [Fact]
    public void Score_RoundsHalfAwayFromZero_ButPassingUsesTheUnroundedShare()
    {
        var result = Scored(1, 0.59);

        Assert.Equal(79.5, result.Percent);
        Assert.Equal(80, result.ScorePercent);
        Assert.False(result.Passed(80));
        Assert.True(result.Passed(79));
    }

    [Fact]
    public void Score_RoundsDownBelowHalf()
    {
        Assert.Equal(33, Scored(1, 0, 0).ScorePercent);
        Assert.Equal(67, Scored(1, 1, 0).ScorePercent);
    }

    [Fact]
    public void Score_ExactlyThePassMark_Passes_DespiteFloatingPointNoise()
    {
        // Summed left to right, these are 3.9999999999999996.
        var result = Scored(0.6, 0.7, 0.8, 0.9, 1);

        Assert.Equal(80, result.Percent);
        Assert.Equal(80, result.ScorePercent);
        Assert.True(result.Passed(80));
        Assert.False(result.Passed(81));
    }

    [Fact]
    public void Score_FourOfFiveRight_PassesEighty()
    {
        var result = Scored(1, 1, 1, 1, 0);

        Assert.Equal(80, result.ScorePercent);
        Assert.True(result.Passed(80));
    }

    [Fact]
    public void Score_QuizWithoutQuestions_IsZeroAndFails()
    {
        var result = QuizGrader.Grade(new DrawnQuiz([]), new Dictionary<string, QuestionResponse>());

        Assert.Equal(0, result.ScorePercent);
        Assert.False(result.Passed(1));
    }

    [Fact]
    public void Grade_WorksOnAQuizReadBackFromJson()
    {
        var back = DrawnQuiz.FromJson(_quiz.ToJson());
        var q = back.Question("match");
        var all = q.Items.Select((item, index) => (index, item.RightId)).ToDictionary();

        var result = QuizGrader.Grade(back, new Dictionary<string, QuestionResponse> { ["match"] = QuestionResponse.Match(all) });

        Assert.Equal(1, result.Points);
    }
}
