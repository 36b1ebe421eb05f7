using Training.Core.Gift;

namespace Training.Core.Tests.Gift;

/// <summary>GIFT as Moodle writes and accepts it: per-text formats, missing-word questions and the rest of its forms.</summary>
public class GiftMoodleTests
{
    private static GiftQuestion ParseOne(string gift)
    {
        var result = GiftParser.Parse(gift, "q.gift");
        Assert.Empty(result.Errors);
        return Assert.Single(result.Questions);
    }

    // Nine questions of the kind Moodle's own importer reads whole; six of them were refused before.
    private const string MoodleFile = """
        // question: 1 name: Formats
        ::Formats::[html]<p>Which is <b>right</b>?</p>{
        	=[plain]1 < 2 #[html]<p>Yes.</p>
        	~[plain]2 < 1 #No.
        }

        ::Feedback in HTML::Is Stockholm the capital? {TRUE#[html]<p>It is.</p>#[html]<p>Right.</p>}

        ::Missing word::Moodle costs {~lots of money =nothing ~a small amount} to download.

        ::Trailing quote::What is two plus two? {=four ~five}";

        ::Matching::Match the capitals. {
        	=Sverige -> Stockholm
        	=Norge -> Oslo
        	= -> Köpenhamn
        }

        ::Numerical::When was Ulysses S. Grant born? {#1822:5 ~#Completely wrong}

        ::Wildcard::Name a word ending in -ing. {=%100%*ing =%0%*#That does not end in -ing.}

        ::Multi-line true/false::Grant was buried in a tomb in New York City.{
        T
        #No, he was not.
        #Yes, he was.
        ####Grant's tomb is in New York.
        }

        ::Short T::The sun is a star. {T}
        """;

    [Fact]
    public void Parse_AFileMoodleReadsWhole_ReadsAllNineQuestions()
    {
        var result = GiftParser.Parse(MoodleFile, "bank.gift");

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["Formats", "Feedback in HTML", "Missing word", "Trailing quote", "Matching", "Numerical", "Wildcard", "Multi-line true/false", "Short T"],
            result.Questions.Select(q => q.Title));
    }

    [Fact]
    public void Parse_EachTextKeepsItsOwnFormatPrefix()
    {
        var q = ParseOne("[html]<p>Which?</p>{=[plain]1 < 2 #[html]<p>Yes.</p> ~[plain]2 < 1 #No. ####[markdown]*See* the rule.}");

        Assert.Equal(TextFormat.Html, q.Format);
        Assert.Equal(
            [new GiftAnswer("1 < 2", 1, "<p>Yes.</p>", TextFormat.Plain), new GiftAnswer("2 < 1", 0, "No.", TextFormat.Plain)],
            q.Answers);
        Assert.Equal("*See* the rule.", q.GeneralFeedback);
        Assert.Equal(TextFormat.Markdown, q.GeneralFeedbackFormat);
    }

    [Fact]
    public void Parse_UnprefixedQuestion_WithHtmlFeedback_KeepsTheFeedbacksFormat()
    {
        var q = ParseOne("Is it? {TRUE#[html]<p>Wrong.</p>#[html]<p>Right.</p>}");

        Assert.Equal(TextFormat.Moodle, q.Format);
        Assert.Equal([new GiftAnswer("true", 1, "<p>Right.</p>", FeedbackFormat: TextFormat.Html), new GiftAnswer("false", 0, "<p>Wrong.</p>", FeedbackFormat: TextFormat.Html)], q.Answers);
    }

    [Fact]
    public void Parse_PrefixEqualToTheQuestions_IsNotAnOwnFormat()
    {
        var q = ParseOne("[html]Pick {=[html]<i>A</i> ~B}");

        Assert.All(q.Answers, a => Assert.Null(a.Format));
    }

    [Fact]
    public void Parse_TextAfterTheAnswerBlock_IsAMissingWordQuestion()
    {
        var q = ParseOne("Moodle costs {~lots of money =nothing ~a small amount} to download.");

        Assert.Equal(QuestionType.Single, q.Type);
        Assert.Equal("Moodle costs", q.Text);
        Assert.Equal("to download.", q.TextAfter);
        Assert.Equal(["lots of money", "nothing", "a small amount"], q.Answers.Select(a => a.Text));
    }

    [Fact]
    public void Parse_MissingWord_ShortAnswer_AtTheStartOfTheSentence()
    {
        var q = ParseOne("{=Stockholm} is the capital of Sweden.");

        Assert.Equal(QuestionType.Short, q.Type);
        Assert.Equal("", q.Text);
        Assert.Equal("is the capital of Sweden.", q.TextAfter);
    }

    [Theory]
    [InlineData("What is two plus two? {=four ~five}\";", "\";")]
    [InlineData("Two plus two is {=four ~five}.", ".")]
    public void Parse_OnlyPunctuationAfterTheBrace_StaysAsTextAfterTheBlank(string gift, string after)
    {
        var q = ParseOne(gift);

        Assert.Equal(after, q.TextAfter);
    }

    [Fact]
    public void Parse_Matching_DistractorWithEmptyLeftSide()
    {
        var q = ParseOne("Match. {=Sverige -> Stockholm =Norge -> Oslo = -> Köpenhamn}");

        Assert.Equal([new GiftPair("Sverige", "Stockholm"), new GiftPair("Norge", "Oslo"), new GiftPair("", "Köpenhamn")], q.Pairs);
    }

    [Fact]
    public void Parse_Numerical_WithFeedbackOnlyWrongAnswer()
    {
        var q = ParseOne("When was Grant born? {#1822:5 ~#Completely wrong}");

        Assert.Equal([new GiftRange(1817, 1827, 1, null)], q.Ranges);
        Assert.Equal("Completely wrong", q.WrongFeedback);
    }

    [Fact]
    public void Parse_ShortAnswer_WildcardWithZeroWeight()
    {
        var q = ParseOne("A word in -ing. {=%100%*ing =%0%*#That does not end in -ing.}");

        Assert.Equal([new GiftAnswer("*ing", 1, null), new GiftAnswer("*", 0, "That does not end in -ing.")], q.Answers);
    }

    [Fact]
    public void Parse_TrueFalse_OverSeveralLines_WithBothFeedbacksAndGeneralFeedback()
    {
        var q = ParseOne("Grant was buried in New York.{\nF\n#No, he was.\n#Yes, he was not.\n####Grant's tomb is in New York.\n}");

        Assert.Equal(QuestionType.TrueFalse, q.Type);
        Assert.Equal([new GiftAnswer("true", 0, "No, he was."), new GiftAnswer("false", 1, "Yes, he was not.")], q.Answers);
        Assert.Equal("Grant's tomb is in New York.", q.GeneralFeedback);
    }

    [Theory]
    [InlineData("{T}")]
    [InlineData("{TRUE}")]
    public void Parse_TAndTrue_AreTrue(string block)
    {
        var q = ParseOne("The sun is a star. " + block);

        Assert.Equal(1, q.Answers.Single(a => a.Text == "true").Fraction);
    }

    [Fact]
    public void Parse_OneRefusedQuestion_StillYieldsTheOthers_EachErrorWithItsLine()
    {
        var result = GiftParser.Parse("::A:: One? {T}\n\n::Essay:: Write. {}\n\n::B:: Two? {F}\n\n::Two blocks:: {=a ~b} and {T}\n", "bank.gift");

        Assert.Equal(["A", "B"], result.Questions.Select(q => q.Title));
        Assert.Collection(result.Errors,
            e => Assert.Equal((3, "Essäfrågor stöds inte i den här versionen."), (e.Line, e.Message)),
            e => Assert.Equal((7, "Frågan har mer än ett svarsblock; bara ett stöds."), (e.Line, e.Message)));
    }

    [Fact]
    public void Write_KeepsEachTextsFormat_AndTheMissingWord_OnARoundTrip()
    {
        var original = GiftParser.Parse(MoodleFile, "bank.gift").Questions;

        var again = GiftParser.Parse(GiftWriter.Write(original), "again.gift");

        Assert.Empty(again.Errors);
        Assert.Equal(original, again.Questions);
    }

    [Fact]
    public void Grade_GivesEachFeedbackInItsOwnFormat()
    {
        var q = ParseOne("::F:: Välj {=A #[html]<p>Rätt.</p> ~B #Nej. ####[plain]Se <lagen>.}") with { Id = "f" };
        var drawn = Training.Core.Quiz.QuizDraw.Draw([q], null, new Random(1)).Questions[0];
        var right = drawn.Answers.Single(a => a.Text == "A").Id;

        var result = Training.Core.Quiz.QuizGrader.GradeQuestion(drawn, Training.Core.Quiz.QuestionResponse.Choose([right]));

        Assert.Equal(["<p>Rätt.</p>"], result.Feedback);
        Assert.Equal(TextFormat.Html, result.FeedbackFormat(0));
        Assert.Equal(TextFormat.Plain, result.GeneralFeedbackFormat);
    }
}
