using System.Text.Json.Nodes;
using Training.Core.Gift;

namespace Training.Core.Tests.Gift;

public class GiftJsonTests
{
    private static GiftQuestion Read(string gift, int firstLine = 1, bool check = false)
    {
        var result = GiftParser.Parse(gift, "m/index.md", firstLine, check);
        Assert.Empty(result.Errors);
        return Assert.Single(result.Questions);
    }

    [Fact]
    public void ToJson_SingleChoice_HasEveryDesignField_InOrder()
    {
        var q = Read("""
            $CATEGORY: Lag

            // [id:rr-01] [tag:straff] [tag:lag]
            ::Straffskala::Vad gäller? {
              =Två till tio år # Rätt.
              ~%50%Högst fyra år
              ####Se BrB.
            }
            """, firstLine: 10);

        var json = GiftJson.ToJson(q);

        Assert.Equal(
            ["id", "title", "type", "check", "text", "answers", "pairs", "ranges", "generalFeedback", "category", "tags", "line"],
            json.Select(p => p.Key));
        Assert.Equal("rr-01", (string?)json["id"]);
        Assert.Equal("Straffskala", (string?)json["title"]);
        Assert.Equal("single", (string?)json["type"]);
        Assert.False((bool)json["check"]!);
        Assert.Equal("Vad gäller?", (string?)json["text"]);
        var answers = json["answers"]!.AsArray();
        Assert.Equal(2, answers.Count);
        Assert.Equal(["text", "fraction", "feedback"], answers[0]!.AsObject().Select(p => p.Key));
        Assert.Equal("Två till tio år", (string?)answers[0]!["text"]);
        Assert.Equal(1.0, (double)answers[0]!["fraction"]!);
        Assert.Equal("Rätt.", (string?)answers[0]!["feedback"]);
        Assert.Equal(0.5, (double)answers[1]!["fraction"]!);
        Assert.Null(answers[1]!["feedback"]);
        Assert.Empty(json["pairs"]!.AsArray());
        Assert.Empty(json["ranges"]!.AsArray());
        Assert.Equal("Se BrB.", (string?)json["generalFeedback"]);
        Assert.Equal("Lag", (string?)json["category"]);
        Assert.Equal(["straff", "lag"], json["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(13, (int)json["line"]!);
        Assert.Equal(
            """{"id":"rr-01","title":"Straffskala","type":"single","check":false,"text":"Vad g\u00E4ller?","answers":[{"text":"Tv\u00E5 till tio \u00E5r","fraction":1,"feedback":"R\u00E4tt."},{"text":"H\u00F6gst fyra \u00E5r","fraction":0.5,"feedback":null}],"pairs":[],"ranges":[],"generalFeedback":"Se BrB.","category":"Lag","tags":["straff","lag"],"line":13}""",
            json.ToJsonString());
    }

    [Fact]
    public void ToJson_TrueFalseCheck_IsTwoAnswersWithTheFeedbackShownWhenChosen()
    {
        var json = GiftJson.ToJson(Read("::k1:: Krävs medel? {F#Fel.#Rätt.}", check: true));

        Assert.Equal("truefalse", (string?)json["type"]);
        Assert.True((bool)json["check"]!);
        Assert.Null(json["id"]);
        Assert.Equal(
            """[{"text":"true","fraction":0,"feedback":"Fel."},{"text":"false","fraction":1,"feedback":"R\u00E4tt."}]""",
            json["answers"]!.ToJsonString());
    }

    [Fact]
    public void ToJson_Matching_HasPairs()
    {
        var json = GiftJson.ToJson(Read("::m:: Para {=a -> 1 =b -> 2 = -> 3}"));

        Assert.Equal("matching", (string?)json["type"]);
        Assert.Equal("""[{"left":"a","right":"1"},{"left":"b","right":"2"},{"left":"","right":"3"}]""", json["pairs"]!.ToJsonString());
        Assert.Empty(json["answers"]!.AsArray());
    }

    [Fact]
    public void ToJson_Numerical_HasClosedRanges_AndWrongFeedback()
    {
        var json = GiftJson.ToJson(Read("::n:: Född? {#=1822:2 #Ja =%50%1810..1830 ~#Nej}"));

        Assert.Equal("numerical", (string?)json["type"]);
        Assert.Equal(
            """[{"min":1820,"max":1824,"fraction":1,"feedback":"Ja"},{"min":1810,"max":1830,"fraction":0.5,"feedback":null}]""",
            json["ranges"]!.ToJsonString());
        Assert.Equal("Nej", (string?)json["wrongFeedback"]);
    }

    [Theory]
    [InlineData("Q {=a ~b}", "single")]
    [InlineData("Q {~%100%a ~b}", "multiple")]
    [InlineData("Q {T}", "truefalse")]
    [InlineData("Q {=a}", "short")]
    [InlineData("Q {=a -> 1 =b -> 2}", "matching")]
    [InlineData("Q {#1}", "numerical")]
    public void ToJson_TypeNames(string gift, string type)
    {
        var json = GiftJson.ToJson(Read(gift));

        Assert.Equal(type, (string?)json["type"]);
        Assert.False(json.ContainsKey("wrongFeedback"));
    }
}
