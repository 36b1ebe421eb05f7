using System.Text;
using Training.Core.Content;
using Training.Core.Gift;

namespace Training.Core.Tests.Gift;

public class MoodleXmlTests
{
    private static MoodleXmlResult Read(string xml, Func<string, string>? fileUrl = null) =>
        MoodleXmlReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "bank.xml", fileUrl);

    private static string Quiz(string questions) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <quiz>
        {questions}
        </quiz>
        """;

    // One question of each supported type, the same in GIFT and in Moodle XML as Moodle writes it.
    private const string EveryTypeGift = """
        $CATEGORY: $course$/top/Människohandel

        // [id:mh-1] [tag:lag] [tag:grund]
        ::Straffskala::[html]<p>Vad är straffet?</p>{
        	=Fängelse två till tio år #[html]<p>Rätt.</p>
        	~%-50%Böter #Nej.
        	~[plain]Fängelse < 1 år
        	####[markdown]Se *brottsbalken*.
        }

        ::Tecken::Vilka är tecken? {
        	~%50%Skuld
        	~%50%Passet hos någon annan
        	~%-100%Semester
        }

        ::Sant::Människohandel är ett brott. {TRUE#Fel.#Rätt.####Se 4 kap.}

        ::Kort::Vilken myndighet leder utredningen? {=Polisen =%50%polis* #Nästan.}

        ::Par::Para ihop. {
        	=Polisen -> utreder
        	=Åklagaren -> väcker åtal
        	= -> dömer
        }

        ::Tal::Hur många år är maxstraffet? {#
        	=10
        	=%50%8..12 #Nära.
        	~#Se lagen.
        }

        ::Lucka::Offret ska få {=betänketid ~böter} i minst 30 dagar.
        """;

    private const string EveryTypeXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <quiz>
        <!-- question: 0  -->
          <question type="category">
            <category><text>$course$/top/Människohandel</text></category>
            <info format="moodle_auto_format"><text></text></info>
          </question>
          <question type="multichoice">
            <name><text>Straffskala</text></name>
            <questiontext format="html"><text><![CDATA[<p>Vad är straffet?</p>]]></text></questiontext>
            <generalfeedback format="markdown"><text>Se *brottsbalken*.</text></generalfeedback>
            <defaultgrade>1.0000000</defaultgrade>
            <penalty>0.3333333</penalty>
            <hidden>0</hidden>
            <idnumber>mh-1</idnumber>
            <single>true</single>
            <shuffleanswers>true</shuffleanswers>
            <answernumbering>abc</answernumbering>
            <correctfeedback format="html"><text>Your answer is correct.</text></correctfeedback>
            <answer fraction="100" format="html">
              <text>Fängelse två till tio år</text>
              <feedback format="html"><text><![CDATA[<p>Rätt.</p>]]></text></feedback>
            </answer>
            <answer fraction="-50" format="html">
              <text>Böter</text>
              <feedback format="html"><text>Nej.</text></feedback>
            </answer>
            <answer fraction="0" format="plain_text">
              <text>Fängelse &lt; 1 år</text>
              <feedback format="html"><text></text></feedback>
            </answer>
            <tags><tag><text>lag</text></tag><tag><text>grund</text></tag></tags>
          </question>
          <question type="multichoice">
            <name><text>Tecken</text></name>
            <questiontext format="moodle_auto_format"><text>Vilka är tecken?</text></questiontext>
            <generalfeedback format="moodle_auto_format"><text></text></generalfeedback>
            <idnumber></idnumber>
            <single>false</single>
            <answer fraction="50"><text>Skuld</text></answer>
            <answer fraction="50"><text>Passet hos någon annan</text></answer>
            <answer fraction="-100"><text>Semester</text></answer>
          </question>
          <question type="truefalse">
            <name><text>Sant</text></name>
            <questiontext format="moodle_auto_format"><text>Människohandel är ett brott.</text></questiontext>
            <generalfeedback format="moodle_auto_format"><text>Se 4 kap.</text></generalfeedback>
            <answer fraction="100" format="moodle_auto_format"><text>true</text><feedback format="moodle_auto_format"><text>Rätt.</text></feedback></answer>
            <answer fraction="0" format="moodle_auto_format"><text>false</text><feedback format="moodle_auto_format"><text>Fel.</text></feedback></answer>
          </question>
          <question type="shortanswer">
            <name><text>Kort</text></name>
            <questiontext format="moodle_auto_format"><text>Vilken myndighet leder utredningen?</text></questiontext>
            <usecase>0</usecase>
            <answer fraction="100" format="moodle_auto_format"><text>Polisen</text></answer>
            <answer fraction="50" format="moodle_auto_format"><text>polis*</text><feedback format="moodle_auto_format"><text>Nästan.</text></feedback></answer>
          </question>
          <question type="matching">
            <name><text>Par</text></name>
            <questiontext format="moodle_auto_format"><text>Para ihop.</text></questiontext>
            <shuffleanswers>true</shuffleanswers>
            <subquestion format="moodle_auto_format"><text>Polisen</text><answer><text>utreder</text></answer></subquestion>
            <subquestion format="moodle_auto_format"><text>Åklagaren</text><answer><text>väcker åtal</text></answer></subquestion>
            <subquestion format="moodle_auto_format"><text></text><answer><text>dömer</text></answer></subquestion>
          </question>
          <question type="numerical">
            <name><text>Tal</text></name>
            <questiontext format="moodle_auto_format"><text>Hur många år är maxstraffet?</text></questiontext>
            <answer fraction="100" format="moodle_auto_format"><text>10</text><feedback format="moodle_auto_format"><text></text></feedback><tolerance>0</tolerance></answer>
            <answer fraction="50" format="moodle_auto_format"><text>10</text><feedback format="moodle_auto_format"><text>Nära.</text></feedback><tolerance>2</tolerance></answer>
            <answer fraction="0" format="moodle_auto_format"><text>*</text><feedback format="moodle_auto_format"><text>Se lagen.</text></feedback><tolerance>0</tolerance></answer>
            <units></units>
          </question>
          <question type="multichoice">
            <name><text>Lucka</text></name>
            <questiontext format="moodle_auto_format"><text>Offret ska få _____ i minst 30 dagar.</text></questiontext>
            <single>true</single>
            <answer fraction="100"><text>betänketid</text></answer>
            <answer fraction="0"><text>böter</text></answer>
          </question>
        </quiz>
        """;

    [Fact]
    public void EveryType_InGiftAndInMoodleXml_ReadsIntoTheSameQuestions()
    {
        var gift = GiftParser.Parse(EveryTypeGift, "bank.gift");
        var xml = Read(EveryTypeXml);

        Assert.Empty(gift.Errors);
        Assert.Empty(xml.Errors);
        Assert.Equal(7, gift.Questions.Count);
        Assert.Equal(gift.Questions, xml.Questions);
    }

    [Fact]
    public void EveryType_WrittenBackInBothFormats_ReadsAgainIntoTheSameQuestions()
    {
        var original = Read(EveryTypeXml).Questions;

        var viaGift = GiftParser.Parse(GiftWriter.Write(original), "again.gift");
        var viaXml = Read(MoodleXmlWriter.Write(original));
        var giftThenXml = Read(MoodleXmlWriter.Write(viaGift.Questions));
        var xmlThenGift = GiftParser.Parse(GiftWriter.Write(viaXml.Questions), "again.gift");

        Assert.Empty(viaGift.Errors);
        Assert.Empty(viaXml.Errors);
        Assert.Equal(original, viaGift.Questions);
        Assert.Equal(original, viaXml.Questions);
        Assert.Equal(original, giftThenXml.Questions);
        Assert.Equal(original, xmlThenGift.Questions);
    }

    [Fact]
    public void Read_KeepsNamesIdsTagsCategoryAndFormats()
    {
        var q = Read(EveryTypeXml).Questions[0];

        Assert.Equal(("mh-1", "Straffskala", "$course$/top/Människohandel"), (q.Id, q.Title, q.Category));
        Assert.Equal(["lag", "grund"], q.Tags);
        Assert.Equal(TextFormat.Html, q.Format);
        Assert.Equal(TextFormat.Plain, q.Answers[2].Format);
        Assert.Equal(TextFormat.Markdown, q.GeneralFeedbackFormat);
        Assert.Equal(-0.5, q.Answers[1].Fraction);
    }

    [Fact]
    public void Write_IsMoodleXml_WithFractionsInPercentAndMoodlesFormatNames()
    {
        var xml = MoodleXmlWriter.Write(Read(EveryTypeXml).Questions);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<question type=\"category\">", xml, StringComparison.Ordinal);
        Assert.Contains("<answer fraction=\"-50\" format=\"html\">", xml, StringComparison.Ordinal);
        Assert.Contains("<answer fraction=\"0\" format=\"plain_text\">", xml, StringComparison.Ordinal);
        Assert.Contains("<single>false</single>", xml, StringComparison.Ordinal);
        Assert.Contains("<text>Offret ska få _____ i minst 30 dagar.</text>", xml, StringComparison.Ordinal);
        Assert.Contains("<tolerance>2</tolerance>", xml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("essay")]
    [InlineData("calculated")]
    [InlineData("ddwtos")]
    [InlineData("multianswer")]
    public void Read_UnsupportedType_IsAnErrorWithPositionAndName_AndTheOthersStillLoad(string type)
    {
        var result = Read(Quiz($"""
            <question type="truefalse"><name><text>Först</text></name><questiontext><text>Sant?</text></questiontext>
              <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
            <question type="{type}">
              <name><text>Andra frågan</text></name><questiontext><text>Skriv.</text></questiontext>
            </question>
            """));

        Assert.Equal("Först", Assert.Single(result.Questions).Title);
        var error = Assert.Single(result.Errors);
        Assert.Equal(5, error.Line);
        Assert.Equal($"Fråga 2 (”Andra frågan”): frågetypen ”{type}” stöds inte (bara multichoice, truefalse, shortanswer, matching och numerical).", error.Message);
    }

    [Theory]
    [InlineData("""<question type="multichoice"><name><text>N</text></name><questiontext><text>Q</text></questiontext><single>true</single><answer fraction="50"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>""",
        "Fråga 1 (”N”): en flervalsfråga med ett svar behöver ett svar som ger 100 %.")]
    [InlineData("""<question type="multichoice"><name><text>N</text></name><questiontext><text>Q</text></questiontext><single>false</single><answer fraction="50"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>""",
        "Fråga 1 (”N”): de positiva vikterna i en flersvarsfråga ska tillsammans bli 100 % (nu 50 %).")]
    [InlineData("""<question type="multichoice"><name><text>N</text></name><questiontext><text>Q</text></questiontext><answer fraction="100"><text>a</text></answer></question>""",
        "Fråga 1 (”N”): en flervalsfråga behöver minst två svarsalternativ.")]
    [InlineData("""<question type="shortanswer"><name><text>N</text></name><questiontext><text></text></questiontext></question>""",
        "Fråga 1 (”N”): frågetext saknas.")]
    [InlineData("""<question type="shortanswer"><name><text>N</text></name><questiontext><text>Q</text></questiontext><answer fraction="150"><text>a</text></answer></question>""",
        "Fråga 1 (”N”): ogiltig vikt fraction=\"150\": den ska vara mellan 0 och 100.")]
    [InlineData("""<question type="numerical"><name><text>N</text></name><questiontext><text>Q</text></questiontext><answer fraction="100"><text>tio</text></answer></question>""",
        "Fråga 1 (”N”): ”tio” är inget tal.")]
    [InlineData("""<question type="numerical"><name><text>N</text></name><questiontext><text>Q</text></questiontext><answer fraction="100"><text>1</text></answer><units><unit><multiplier>1</multiplier><unit_name>m</unit_name></unit></units></question>""",
        "Fråga 1 (”N”): enheter i numeriska frågor stöds inte.")]
    [InlineData("""<question type="matching"><name><text>N</text></name><questiontext><text>Q</text></questiontext><subquestion><text>a</text><answer><text>1</text></answer></subquestion></question>""",
        "Fråga 1 (”N”): en matchningsfråga behöver minst två par.")]
    [InlineData("""<question type="truefalse"><name><text>N</text></name><questiontext><text>Q</text></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="100"><text>false</text></answer></question>""",
        "Fråga 1 (”N”): en sant/falskt-fråga ska ha svaren true och false, det ena med 100 % och det andra med 0 %.")]
    [InlineData("""<question type="shortanswer"><name><text>N</text></name><questiontext format="rtf"><text>Q</text></questiontext></question>""",
        "Fråga 1 (”N”): textformatet ”rtf” stöds inte (html, moodle_auto_format, plain_text eller markdown).")]
    [InlineData("""<question><questiontext><text>Q</text></questiontext></question>""",
        "Fråga 1: frågan saknar type=\"…\".")]
    public void Read_RefusedQuestion_NamesItsPositionAndName(string question, string message)
    {
        var result = Read(Quiz(question));

        Assert.Empty(result.Questions);
        var error = Assert.Single(result.Errors);
        Assert.Equal(message, error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Read_Description_IsSkippedWithAWarning()
    {
        var result = Read(Quiz("""<question type="description"><name><text>Intro</text></name><questiontext><text>Om banken.</text></questiontext></question>"""));

        Assert.Empty(result.Questions);
        var warning = Assert.Single(result.Errors);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Contains("Fråga 1 (”Intro”)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExternalEntity_IsRefusedWithoutReadingIt()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"hemligt-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "HEMLIGT-INNEHÅLL");
        try
        {
            var result = Read($"""
                <?xml version="1.0"?>
                <!DOCTYPE quiz [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                <quiz><question type="shortanswer"><name><text>&xxe;</text></name>
                <questiontext><text>&xxe;</text></questiontext><answer fraction="100"><text>a</text></answer></question></quiz>
                """);

            Assert.Empty(result.Questions);
            var error = Assert.Single(result.Errors);
            Assert.Equal("Filen innehåller en DTD (<!DOCTYPE …>); den läses inte av säkerhetsskäl (Moodle skriver ingen). Ta bort den.", error.Message);
            Assert.DoesNotContain("HEMLIGT", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Read_ExternalDtd_IsRefused()
    {
        var result = Read("""<?xml version="1.0"?><!DOCTYPE quiz SYSTEM "file:///etc/passwd"><quiz></quiz>""");

        Assert.StartsWith("Filen innehåller en DTD", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not xml at all", "Filen är inte giltig XML")]
    [InlineData("<questions/>", "Filen är ingen Moodle XML-fil: rotelementet ska vara <quiz>.")]
    public void Read_NotMoodleXml_IsOneErrorForTheFile(string xml, string message)
    {
        Assert.StartsWith(message, Assert.Single(Read(xml).Errors).Message, StringComparison.Ordinal);
    }

    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private static string WithImage(string name, byte[] bytes, string reference) => Quiz($"""
        <question type="truefalse"><name><text>Bild</text></name>
          <questiontext format="html"><text><![CDATA[<p>Sant? <img src="@@PLUGINFILE@@/{reference}" alt="Karta"></p>]]></text>
            <file name="{name}" path="/" encoding="base64">{Convert.ToBase64String(bytes)}</file>
          </questiontext>
          <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
        """);

    [Fact]
    public void Read_EmbeddedImage_BecomesAFile_AndTheTextPointsAtItsUrl()
    {
        var result = Read(WithImage("Karta över Östersjön.png", Png, "Karta%20%C3%B6ver%20%C3%96stersj%C3%B6n.png"), name => $"/moduler/m/filer/bilder/{name}");

        Assert.Empty(result.Errors);
        var file = Assert.Single(result.Files);
        Assert.Equal("karta-over-ostersjon.png", file.Name);
        Assert.Equal(Png, file.Bytes);
        Assert.Contains("src=\"/moduler/m/filer/bilder/karta-over-ostersjon.png\"", result.Questions[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/x.png", "Fråga 1 (”Bild”): bildens namn ”../../etc/x.png” pekar ut ur mappen eller in i en annan; bara ett filnamn går.")]
    [InlineData("..\\x.png", "Fråga 1 (”Bild”): bildens namn ”..\\x.png” pekar ut ur mappen eller in i en annan; bara ett filnamn går.")]
    public void Read_ImageNameLeavingTheFolder_IsRefused(string name, string message)
    {
        var result = Read(WithImage(name, Png, "x.png"));

        Assert.Empty(result.Questions);
        Assert.Equal(message, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Read_FileThatIsNoImageByItsBytes_IsRefused_WhateverItsName()
    {
        var result = Read(WithImage("bild.png", Encoding.UTF8.GetBytes("<svg onload=alert(1)>"), "bild.png"));

        Assert.Equal("Fråga 1 (”Bild”): filen ”bild.png” är ingen PNG-, JPEG-, GIF- eller WebP-bild; bara sådana bilder kan följa med en fråga.",
            Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Read_ImageWithTheWrongExtension_GetsTheExtensionOfItsBytes()
    {
        var result = Read(WithImage("bild.gif", Png, "bild.gif"), name => name);

        Assert.Equal("bild.png", Assert.Single(result.Files).Name);
    }

    [Fact]
    public void Read_ReferenceToAMissingImage_IsAnError()
    {
        var result = Read(WithImage("bild.png", Png, "annan.png"));

        Assert.Equal("Fråga 1 (”Bild”): texten pekar på bilden ”annan.png”, som inte finns i frågan.", Assert.Single(result.Errors).Message);
    }
}
