using Training.Core.Gift;

namespace Training.Core.Tests.Gift;

public class GiftParserTests
{
    private static GiftQuestion ParseOne(string gift, bool check = false)
    {
        var result = GiftParser.Parse(gift, "q.gift", check: check);
        Assert.Empty(result.Errors);
        return Assert.Single(result.Questions);
    }

    private static string ParseError(string gift)
    {
        var result = GiftParser.Parse(gift, "q.gift");
        Assert.Empty(result.Questions);
        return Assert.Single(result.Errors).Message;
    }

    [Fact]
    public void Parse_MultipleChoice_WithOneRightAnswer_IsSingle()
    {
        var q = ParseOne("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}");

        Assert.Equal(QuestionType.Single, q.Type);
        Assert.Equal("Who's buried in Grant's tomb?", q.Text);
        Assert.Equal(
            [new GiftAnswer("Grant", 0, null), new GiftAnswer("Jefferson", 0, null), new GiftAnswer("no one", 1, null)],
            q.Answers);
        Assert.Null(q.Id);
        Assert.Null(q.Title);
        Assert.Equal(TextFormat.Moodle, q.Format);
    }

    [Fact]
    public void Parse_MultipleChoice_OverSeveralLines_WithFeedbackAndPartialCredit()
    {
        var q = ParseOne("""
            ::Straffskala::Vad är straffskalan för människohandel av normalgraden? {
              =Fängelse i lägst två och högst tio år # Rätt.
              ~%50%Fängelse i högst fyra år # Det gäller människoexploatering av normalgraden.
              ~%-100%Böter
            }
            """);

        Assert.Equal(QuestionType.Single, q.Type);
        Assert.Equal("Straffskala", q.Title);
        Assert.Equal("Straffskala", q.Key);
        Assert.Equal(
            [
                new GiftAnswer("Fängelse i lägst två och högst tio år", 1, "Rätt."),
                new GiftAnswer("Fängelse i högst fyra år", 0.5, "Det gäller människoexploatering av normalgraden."),
                new GiftAnswer("Böter", -1, null),
            ],
            q.Answers);
    }

    [Fact]
    public void Parse_MultipleChoice_WithTwoEqualsAnswers_IsSingleWhereEitherGivesFullCredit()
    {
        var q = ParseOne("Which is even? {=2 =4 ~3}");

        Assert.Equal(QuestionType.Single, q.Type);
        Assert.Equal([1.0, 1.0, 0.0], q.Answers.Select(a => a.Fraction));
    }

    [Fact]
    public void Parse_WeightedAnswersWithoutEquals_IsMultiple_WithNegativeWeights()
    {
        var q = ParseOne("""
            What two people are entombed in Grant's tomb? {
               ~%-100%No one
               ~%50%Grant
               ~%50%Grant's wife
               ~%-100%Grant's father
            }
            """);

        Assert.Equal(QuestionType.Multiple, q.Type);
        Assert.Equal([-1.0, 0.5, 0.5, -1.0], q.Answers.Select(a => a.Fraction));
        Assert.Equal("Grant's wife", q.Answers[2].Text);
    }

    [Fact]
    public void Parse_Multiple_WithDecimalWeights_AddingUpTo100_IsAccepted()
    {
        var q = ParseOne("Pick three {~%33.33333%a ~%33.33333%b ~%33.33333%c ~d}");

        Assert.Equal(QuestionType.Multiple, q.Type);
        Assert.Equal(0.3333333, q.Answers[0].Fraction);
    }

    [Theory]
    [InlineData("{T}", true)]
    [InlineData("{TRUE}", true)]
    [InlineData("{F}", false)]
    [InlineData("{FALSE}", false)]
    public void Parse_TrueFalse_AllSpellings(string block, bool right)
    {
        var q = ParseOne("Grant is buried in Grant's tomb." + block);

        Assert.Equal(QuestionType.TrueFalse, q.Type);
        Assert.Equal(
            [new GiftAnswer("true", right ? 1 : 0, null), new GiftAnswer("false", right ? 0 : 1, null)],
            q.Answers);
    }

    [Fact]
    public void Parse_TrueFalse_WithFeedback_GivesWrongFeedbackToWrongAnswerAndRightToRight()
    {
        var q = ParseOne("::k1:: Krävs otillbörligt medel när offret är under 18 år? {F#Fel: det räcker.#Rätt: det räcker.}");

        Assert.Equal(
            [new GiftAnswer("true", 0, "Fel: det räcker."), new GiftAnswer("false", 1, "Rätt: det räcker.")],
            q.Answers);
    }

    [Fact]
    public void Parse_TrueTrueFalse_WithOnlyWrongFeedback_PutsItOnFalse()
    {
        var q = ParseOne("1+1=2 {TRUE#Nej, det är två.}");

        Assert.Equal(
            [new GiftAnswer("true", 1, null), new GiftAnswer("false", 0, "Nej, det är två.")],
            q.Answers);
    }

    [Fact]
    public void Parse_LowerCaseTrue_IsShortAnswer_AsInMoodle()
    {
        var q = ParseOne("Say yes {true}");

        Assert.Equal(QuestionType.Short, q.Type);
        Assert.Equal([new GiftAnswer("true", 1, null)], q.Answers);
    }

    [Fact]
    public void Parse_ShortAnswer_WithSeveralAnswers_PartialCreditAndWildcard()
    {
        var q = ParseOne("Who's buried in Grant's tomb?{=no one =nobody#Rätt =%50%Grant* #Nästan}");

        Assert.Equal(QuestionType.Short, q.Type);
        Assert.Equal(
            [new GiftAnswer("no one", 1, null), new GiftAnswer("nobody", 1, "Rätt"), new GiftAnswer("Grant*", 0.5, "Nästan")],
            q.Answers);
    }

    [Fact]
    public void Parse_ShortAnswer_WithoutEquals_IsOneRightAnswer()
    {
        var q = ParseOne("Two plus two? {four}");

        Assert.Equal(QuestionType.Short, q.Type);
        Assert.Equal([new GiftAnswer("four", 1, null)], q.Answers);
    }

    [Fact]
    public void Parse_Matching_ReadsPairsAndDistractor()
    {
        var q = ParseOne("""
            Match the countries with their capitals. {
               =Canada -> Ottawa
               =Italy->Rome
               =Japan -> Tokyo
               = -> Oslo
            }
            """);

        Assert.Equal(QuestionType.Matching, q.Type);
        Assert.Equal(
            [new GiftPair("Canada", "Ottawa"), new GiftPair("Italy", "Rome"), new GiftPair("Japan", "Tokyo"), new GiftPair("", "Oslo")],
            q.Pairs);
        Assert.Empty(q.Answers);
    }

    [Fact]
    public void Parse_Numerical_ValueWithTolerance_IsClosedRange()
    {
        var q = ParseOne("When was Ulysses S. Grant born?{#1822:5}");

        Assert.Equal(QuestionType.Numerical, q.Type);
        Assert.Equal([new GiftRange(1817, 1827, 1, null)], q.Ranges);
    }

    [Fact]
    public void Parse_Numerical_ExactValue_IsRangeOfOne()
    {
        var q = ParseOne("What is pi to three decimals? {#3.142}");

        Assert.Equal([new GiftRange(3.142, 3.142, 1, null)], q.Ranges);
    }

    [Fact]
    public void Parse_Numerical_MinMax()
    {
        var q = ParseOne("What is a number from 1 to 5? {#1..5}");

        Assert.Equal([new GiftRange(1, 5, 1, null)], q.Ranges);
    }

    [Fact]
    public void Parse_Numerical_SeveralWeightedRanges_WithFeedbackAndWrongFeedback()
    {
        var q = ParseOne("""
            When was Ulysses S. Grant born? {#
                =1822:0 # Correct!
                =%50%1822:2 # Close.
                ~#Wrong year.
                ####Grant was born in 1822.
            }
            """);

        Assert.Equal(
            [new GiftRange(1822, 1822, 1, "Correct!"), new GiftRange(1820, 1824, 0.5, "Close.")],
            q.Ranges);
        Assert.Equal("Wrong year.", q.WrongFeedback);
        Assert.Equal("Grant was born in 1822.", q.GeneralFeedback);
    }

    [Fact]
    public void Parse_Numerical_NegativeRange()
    {
        var q = ParseOne("Coldest? {#-5..-1}");

        Assert.Equal([new GiftRange(-5, -1, 1, null)], q.Ranges);
    }

    [Fact]
    public void Parse_GeneralFeedback_IsReadAfterFourHashes()
    {
        var q = ParseOne("Capital of Sweden? {=Stockholm #Ja! ~Oslo ####Stockholm sedan 1600-talet.}");

        Assert.Equal("Stockholm sedan 1600-talet.", q.GeneralFeedback);
        Assert.Equal(new GiftAnswer("Stockholm", 1, "Ja!"), q.Answers[0]);
        Assert.Equal(new GiftAnswer("Oslo", 0, null), q.Answers[1]);
    }

    [Fact]
    public void Parse_TrueFalse_WithGeneralFeedback()
    {
        var q = ParseOne("Sky is blue {T####Mostly.}");

        Assert.Equal("Mostly.", q.GeneralFeedback);
        Assert.Equal(QuestionType.TrueFalse, q.Type);
    }

    [Theory]
    [InlineData(@"Tilde \~ here {T}", "Tilde ~ here")]
    [InlineData(@"Equals \= here {T}", "Equals = here")]
    [InlineData(@"Hash \# here {T}", "Hash # here")]
    [InlineData(@"Braces \{x\} here {T}", "Braces {x} here")]
    [InlineData(@"Colon a\:b here {T}", "Colon a:b here")]
    [InlineData(@"Backslash C\\temp here {T}", @"Backslash C\temp here")]
    [InlineData(@"Line\nbreak {T}", "Line\nbreak")]
    [InlineData(@"Other \d stays {T}", @"Other \d stays")]
    public void Parse_Escapes_InQuestionText(string gift, string text)
    {
        Assert.Equal(text, ParseOne(gift).Text);
    }

    [Fact]
    public void Parse_Escapes_InAnswersFeedbackAndTitle()
    {
        var q = ParseOne(@"::a\:\:b:: Pick {=1\=1 \~ yes #it\#s \{ok\} ~no\\ ####all\: done}");

        Assert.Equal("a::b", q.Title);
        Assert.Equal(new GiftAnswer("1=1 ~ yes", 1, "it#s {ok}"), q.Answers[0]);
        Assert.Equal(new GiftAnswer(@"no\", 0, null), q.Answers[1]);
        Assert.Equal("all: done", q.GeneralFeedback);
    }

    [Theory]
    [InlineData("[markdown]**Fet** fråga {T}", TextFormat.Markdown, "**Fet** fråga")]
    [InlineData("[html]<b>Fet</b> fråga {T}", TextFormat.Html, "<b>Fet</b> fråga")]
    [InlineData("[plain]Ren text {T}", TextFormat.Plain, "Ren text")]
    [InlineData("[moodle]Moodle-text {T}", TextFormat.Moodle, "Moodle-text")]
    [InlineData("::T::[markdown] Efter titel {T}", TextFormat.Markdown, "Efter titel")]
    [InlineData("[other] okänt prefix {T}", TextFormat.Moodle, "[other] okänt prefix")]
    public void Parse_FormatPrefixes(string gift, TextFormat format, string text)
    {
        var q = ParseOne(gift);

        Assert.Equal(format, q.Format);
        Assert.Equal(text, q.Text);
    }

    [Fact]
    public void Parse_AnswerWithSameFormatPrefixAsQuestion_StripsIt()
    {
        var q = ParseOne("[html]Välj {=[html]<b>A</b> #[html]<i>Bra</i> ~B}");

        Assert.Equal(new GiftAnswer("<b>A</b>", 1, "<i>Bra</i>"), q.Answers[0]);
    }

    [Fact]
    public void Parse_AnswerWithOtherFormatPrefixThanQuestion_KeepsItsOwnFormat()
    {
        var q = ParseOne("[markdown]Välj {=[html]<b>A</b> ~B}");

        Assert.Equal(TextFormat.Markdown, q.Format);
        Assert.Equal([new GiftAnswer("<b>A</b>", 1, null, TextFormat.Html), new GiftAnswer("B", 0, null)], q.Answers);
    }

    [Fact]
    public void Parse_CommentLines_AreSkippedBeforeAndInsideAnswerBlock()
    {
        var q = ParseOne("""
            // A comment before
            ::Q:: What colour? {
              // a comment inside
              =yellow # right; good!
                 // indented comment
              ~red # wrong, it's yellow
            }
            """);

        Assert.Equal(2, q.Answers.Count);
        Assert.Equal("right; good!", q.Answers[0].Feedback);
    }

    [Fact]
    public void Parse_IdAndTags_FromCommentLines()
    {
        var q = ParseOne("""
            // [id:rr-01] [tag:lag] [tag:straff\]skala]
            // [tag:barn]
            ::Straffskala::Vad gäller? {T}
            """);

        Assert.Equal("rr-01", q.Id);
        Assert.Equal("rr-01", q.Key);
        Assert.Equal(["lag", "straff]skala", "barn"], q.Tags);
    }

    [Fact]
    public void Parse_TwoDifferentIds_IsError()
    {
        Assert.Equal("Frågan har mer än ett id: a, b.", ParseError("// [id:a]\n// [id:b]\nQ {T}"));
    }

    [Fact]
    public void Parse_Category_AppliesToFollowingQuestions()
    {
        var result = GiftParser.Parse("""
            Before {T}

            $CATEGORY: $course$/top/Lag

            First {T}

            $CATEGORY: Andra
            Second {T}
            """, "q.gift");

        Assert.Empty(result.Errors);
        Assert.Equal([null, "$course$/top/Lag", "Andra"], result.Questions.Select(q => q.Category));
    }

    [Fact]
    public void Parse_BlankLinesSeparateQuestions_AndEachKnowsItsLine()
    {
        var result = GiftParser.Parse("""
            // [id:one]
            One {T}


            ::Two:: Two
            lines {F}
            """, "m/index.md", firstLine: 40);

        Assert.Equal([41, 44], result.Questions.Select(q => q.Line));
        Assert.All(result.Questions, q => Assert.Equal("m/index.md", q.Path));
        Assert.Equal("Two\nlines", result.Questions[1].Text);
    }

    [Fact]
    public void Parse_WindowsLineEndings_AreRead()
    {
        var result = GiftParser.Parse("One {T}\r\n\r\nTwo {\r\n=a\r\n~b\r\n}\r\n", "q.gift");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Questions.Count);
        Assert.Equal(3, result.Questions[1].Line);
    }

    [Fact]
    public void Parse_CheckBlock_MarksEveryQuestionAsCheck()
    {
        var result = GiftParser.Parse("One {T}\n\nTwo {F}", "q.gift", check: true);

        Assert.All(result.Questions, q => Assert.True(q.Check));
        Assert.False(ParseOne("One {T}").Check);
    }

    [Fact]
    public void Parse_OnlyComments_GivesNothing()
    {
        var result = GiftParser.Parse("// just a note\n\n   \n// another", "q.gift");

        Assert.Empty(result.Questions);
        Assert.Empty(result.Errors);
    }

    // ---- errors: message and line ----

    [Theory]
    [InlineData("::Q8:: How are you? {}", "Essäfrågor stöds inte i den här versionen.")]
    [InlineData("How are you? {####Tell us.}", "Essäfrågor stöds inte i den här versionen.")]
    [InlineData("Just a description.", "Frågan saknar svarsblock { … }; beskrivningar utan svar stöds inte.")]
    [InlineData("Open {=a ~b", "Klamrarna är inte balanserade: '{' saknar en avslutande '}'.")]
    [InlineData("Close =a ~b}", "Klamrarna är inte balanserade: '}' saknar en inledande '{' (skriv \\} för tecknet).")]
    [InlineData("Nested {=a {~b}}", "Klamrarna är inte balanserade: ett svarsblock får inte innehålla '{' (skriv \\{ för tecknet).")]
    [InlineData("Extra {=a ~b}}", "Klamrarna är inte balanserade: '}' saknar en inledande '{' (skriv \\} för tecknet).")]
    [InlineData("Two {=a ~b} and {T}", "Frågan har mer än ett svarsblock; bara ett stöds.")]
    [InlineData("::Unclosed title {T}", "Titeln saknar avslutande '::'.")]
    [InlineData("::T:: {T}", "Frågetext saknas.")]
    [InlineData("Match {=a -> 1 =b}", "Paret ”b” i matchningsfrågan saknar '->'.")]
    [InlineData("Match {=a -> 1}", "En matchningsfråga behöver minst två par (=vänster -> höger).")]
    [InlineData("Match {=a -> 1 = -> 2 = -> 3}", "En matchningsfråga behöver minst två par (=vänster -> höger).")]
    [InlineData("Match {=a -> 1 #bra =b -> 2}", "Återkoppling per svar (#) stöds inte i matchningsfrågor; skriv \\# för tecknet.")]
    [InlineData("Match {=a -> 1 =b -> }", "Ett par i matchningsfrågan saknar svar efter '->'.")]
    [InlineData("Pick {~only}", "En flervalsfråga behöver minst två svarsalternativ.")]
    [InlineData("Pick {first ~a =b}", "Text före första svaret stöds inte: ”first” (börja varje svar med = eller ~).")]
    [InlineData("Pick {=%50%a ~b}", "Ett svar med = ger alltid full poäng och kan inte ha vikt; skriv ~%50%svar för delpoäng.")]
    [InlineData("Pick {=a ~%150%b}", "Ogiltig vikt %150%: den ska vara mellan -100 och 100 procent.")]
    [InlineData("Pick {~%50%a ~%30%b ~c}", "De positiva vikterna i en flersvarsfråga ska tillsammans bli 100 % (nu 80 %); har frågan ett enda rätt svar, skriv det med =.")]
    [InlineData("Pick {~%60%a ~%60%b}", "De positiva vikterna i en flersvarsfråga ska tillsammans bli 100 % (nu 120 %); har frågan ett enda rätt svar, skriv det med =.")]
    [InlineData("Pick {~a ~b ~c}", "De positiva vikterna i en flersvarsfråga ska tillsammans bli 100 % (nu 0 %); har frågan ett enda rätt svar, skriv det med =.")]
    [InlineData("Pick {=a ~ #no text}", "Ett svarsalternativ är tomt.")]
    [InlineData("Name {=%-50%x}", "Ogiltig vikt %-50%: den ska vara mellan 0 och 100 procent.")]
    [InlineData("Number {#abc}", "”abc” är inget tal (skriv t.ex. 1.5, med punkt som decimaltecken).")]
    [InlineData("Number {#1,5}", "”1,5” är inget tal (skriv t.ex. 1.5, med punkt som decimaltecken).")]
    [InlineData("Number {#5..1}", "Intervallet 5..1 är bakvänt: den undre gränsen är större än den övre.")]
    [InlineData("Number {#5:-1}", "Toleransen i 5:-1 får inte vara negativ.")]
    [InlineData("Number {#}", "En numerisk fråga behöver minst ett svar, t.ex. {#42} eller {#1..5}.")]
    [InlineData("Number {#5 ~wrong}", "Återkoppling för fel svar i en numerisk fråga skrivs ~#text och står sist i svarsblocket.")]
    [InlineData("Number {#5 ~#wrong =6}", "Återkoppling för fel svar i en numerisk fråga skrivs ~#text och står sist i svarsblocket.")]
    public void Parse_Rejects_WithClearMessage(string gift, string message)
    {
        Assert.Equal(message, ParseError(gift));
    }

    [Fact]
    public void Parse_Error_NamesTheLineWhereTheQuestionStarts_MidFile_AndGoesOnWithTheNext()
    {
        var result = GiftParser.Parse("""
            Good {T}

            // [id:bad]
            ::Essay::
            Tell us {
            }

            Also good {F}
            """, "content/modules/m/index.md", firstLine: 20);

        var error = Assert.Single(result.Errors);
        Assert.Equal("content/modules/m/index.md", error.Path);
        Assert.Equal(23, error.Line);
        Assert.Equal("content/modules/m/index.md:23: Essäfrågor stöds inte i den här versionen.", error.ToString());
        Assert.Equal(["Good", "Also good"], result.Questions.Select(q => q.Text));
        Assert.Equal([20, 27], result.Questions.Select(q => q.Line));
    }

    [Fact]
    public void Parse_SeveralBadQuestions_GiveOneErrorEach()
    {
        var result = GiftParser.Parse("A {}\n\nB\n\nC {~x =y} {T}\n\nD {T}", "q.gift");

        Assert.Equal([1, 3, 5], result.Errors.Select(e => e.Line));
        Assert.Equal("D", Assert.Single(result.Questions).Text);
    }
}
