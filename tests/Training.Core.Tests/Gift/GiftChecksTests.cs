using Training.Core.Content;
using Training.Core.Gift;

namespace Training.Core.Tests.Gift;

public class GiftChecksTests
{
    private static IReadOnlyList<GiftQuestion> Pool(string gift)
    {
        var result = GiftParser.Parse(gift, "m/index.md", firstLine: 30);
        Assert.Empty(result.Errors);
        return result.Questions;
    }

    [Fact]
    public void CheckPool_GoodPool_HasNoProblems()
    {
        var pool = Pool("""
            // [id:a]
            Q1 {=x ~y}

            ::b:: Q2 {T}

            ::c:: Q3 {=a -> 1 =b -> 2}

            ::d:: Q4 {~%50%a ~%50%b ~%-100%c}

            ::e:: Q5 {#1..2}

            ::f:: Q6 {=svar =%50%nästan}
            """);

        Assert.Empty(GiftChecks.CheckPool(pool));
    }

    [Fact]
    public void CheckPool_ShortAnswerWithOnlyPartialCredit_HasNoRightAnswer()
    {
        var pool = Pool("::a:: Q1 {=%50%nästan}\n\n::b:: Q2 {#=%50%1 ~#nej}");

        var problems = GiftChecks.CheckPool(pool);

        Assert.Equal(
            ["m/index.md:30: Frågan saknar ett rätt svar som ger full poäng (100 %).",
             "m/index.md:32: Frågan saknar ett rätt svar som ger full poäng (100 %)."],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void CheckPool_BuiltQuestionWithoutRightAnswer_IsReported()
    {
        var q = new GiftQuestion
        {
            Id = "x",
            Type = QuestionType.Single,
            Text = "Q",
            Answers = [new("a", 0, null), new("b", 0.5, null)],
            Path = "x.gift",
            Line = 3,
        };

        var problem = Assert.Single(GiftChecks.CheckPool([q]));

        Assert.Equal(new Content.ContentProblem("x.gift", 3, "Frågan saknar ett rätt svar som ger full poäng (100 %)."), problem);
    }

    [Fact]
    public void CheckPool_SameId_IsReportedAtTheSecond_NamingTheFirst()
    {
        var pool = Pool("// [id:rr-01]\n::A:: Q1 {T}\n\n// [id:rr-01]\n::B:: Q2 {F}");

        var problem = Assert.Single(GiftChecks.CheckPool(pool));

        Assert.Equal("m/index.md:34: Frågan har samma id eller titel ”rr-01” som frågan på m/index.md:31.", problem.ToString());
    }

    [Fact]
    public void CheckPool_SameTitleWithoutIds_IsADuplicate_ButIdBeatsTitle()
    {
        Assert.Single(GiftChecks.CheckPool(Pool("::Lag:: Q1 {T}\n\n::Lag:: Q2 {F}")));
        Assert.Empty(GiftChecks.CheckPool(Pool("// [id:a]\n::Lag:: Q1 {T}\n\n// [id:b]\n::Lag:: Q2 {F}")));
    }

    [Fact]
    public void CheckPool_DuplicateAcrossFiles_NamesTheOtherFile()
    {
        var first = GiftParser.Parse("::Lag:: Q1 {T}", "m/index.md", 12).Questions;
        var second = GiftParser.Parse("::Lag:: Q2 {F}", "m/extra.gift").Questions;

        var problem = Assert.Single(GiftChecks.CheckPool([.. first, .. second]));

        Assert.Equal("m/extra.gift:1: Frågan har samma id eller titel ”Lag” som frågan på m/index.md:12.", problem.ToString());
    }

    [Fact]
    public void CheckPool_NeitherIdNorTitle_IsReported()
    {
        var problem = Assert.Single(GiftChecks.CheckPool(Pool("Q1 {T}\n\n::ok:: Q2 {T}")));

        Assert.Equal(
            "m/index.md:30: Den graderade frågan saknar både id (// [id:…]) och titel (::titel::); den behövs för att följa frågan mellan versioner.",
            problem.ToString());
    }

    private static IReadOnlyList<GiftQuestion> Check(string gift, int firstLine)
    {
        var result = GiftParser.Parse(gift, "m/index.md", firstLine, check: true);
        Assert.Empty(result.Errors);
        return result.Questions;
    }

    [Fact]
    public void CheckKnowledgeChecks_KeyedQuestions_HaveNoProblems()
    {
        Assert.Empty(GiftChecks.CheckKnowledgeChecks([Check("::k1:: Q1 {T}\n\n// [id:k2]\nQ2 {F}", 10), Check("::k3:: Q3 {T}", 20)]));
    }

    [Fact]
    public void CheckKnowledgeChecks_NeitherIdNorTitle_IsAnErrorWhereTheQuestionStarts()
    {
        var problem = Assert.Single(GiftChecks.CheckKnowledgeChecks([Check("::k1:: Q1 {T}\n\n// bara en kommentar\nQ2 {F}", 10)]));

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(
            "m/index.md:13: Kunskapskontrollens fråga saknar både id (// [id:…]) och titel (::titel::); den behövs för att känna igen svaret.",
            problem.ToString());
    }

    [Fact]
    public void CheckKnowledgeChecks_SameKeyInOneBlock_IsAnErrorAtTheSecond_NamingTheFirst()
    {
        var problem = Assert.Single(GiftChecks.CheckKnowledgeChecks([Check("::k1:: Q1 {T}\n\n::k1:: Q2 {F}", 10)]));

        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(
            "m/index.md:12: Kunskapskontrollens fråga har samma id eller titel ”k1” som frågan på m/index.md:10; frågorna i en kontroll måste gå att skilja åt.",
            problem.ToString());
    }

    [Fact]
    public void CheckKnowledgeChecks_SameKeyInAnotherBlock_IsOnlyAWarning()
    {
        var problem = Assert.Single(GiftChecks.CheckKnowledgeChecks([Check("::k1:: Q1 {T}", 10), Check("::k1:: Q2 {F}", 20)]));

        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.StartsWith("m/index.md:20: varning: Kunskapskontrollens fråga har samma id eller titel ”k1” som frågan på m/index.md:10;", problem.ToString(), StringComparison.Ordinal);
    }
}
