using Training.Core.Gift;

namespace Training.Core.Tests.Gift;

public class GiftWriterTests
{
    private const string EveryType = """
        // [id:single-1] [tag:lag] [tag:a\]b]
        ::Straffskala::Vad är straffskalan? {
          =Fängelse i lägst två och högst tio år # Rätt.
          ~%50%Fängelse i högst fyra år # Nästan.
          ~%-100%Böter
          ####Se 4 kap. 1 a § BrB.
        }

        $CATEGORY: $course$/top/Lag

        // [id:multi-1]
        ::Vilka två?::[markdown]Välj **två** {
          ~%50%Grant
          ~%50%Grants fru
          ~%-100%Ingen
        }

        ::tf::Himlen är blå. {F#Fel: den är grön.#Rätt: den är grön.####Allmänt.}

        ::tf2::Gräset är grönt. {T}

        ::short::[plain]Vem ligger i Grants grav? {=ingen =ingen alls#Ja =%50%Grant* #Nästan}

        ::match::[html]<p>Para ihop</p> {
          =Kanada -> Ottawa
          =Italien -> Rom
          = -> Oslo
          ####Huvudstäder.
        }

        ::num1::När föddes Grant? {#1822:5}

        ::num2::Ett tal mellan -1,5 och 2? {#=-1.5..2 #Ja =%25%3 #Nja ~#Nej ####Intervall.}

        ::escapes \: all\::: Tecken \~ \= \# \{ \} \: \\ och\nny rad {
          =svar \~ \= \# \{ \} \: \\ och\nrad # fb \~ \= \# \{ \} \: \\ och\nrad
          ~[moodle][inte format] #[moodle]%20% av allt
          ~%0%%50%rabatt
          ####allmänt \{\}
        }
        """;

    [Fact]
    public void Write_ThenParse_GivesEqualQuestions_ForEveryTypeAndEscape()
    {
        var first = GiftParser.Parse(EveryType, "every.gift");
        Assert.Empty(first.Errors);
        Assert.Equal(
            [QuestionType.Single, QuestionType.Multiple, QuestionType.TrueFalse, QuestionType.TrueFalse, QuestionType.Short,
             QuestionType.Matching, QuestionType.Numerical, QuestionType.Numerical, QuestionType.Single],
            first.Questions.Select(q => q.Type));

        var written = GiftWriter.Write(first.Questions);
        var second = GiftParser.Parse(written, "every.gift");

        Assert.Empty(second.Errors);
        Assert.Equal(first.Questions, second.Questions);
        Assert.Equal(GiftWriter.Write(second.Questions), written);
    }

    [Fact]
    public void Parse_EveryTypeFile_ReadsTheEscapesAsCharacters()
    {
        var escapes = GiftParser.Parse(EveryType, "every.gift").Questions[^1];

        Assert.Equal("escapes : all:", escapes.Title);
        Assert.Equal("Tecken ~ = # { } : \\ och\nny rad", escapes.Text);
        Assert.Equal(new GiftAnswer("svar ~ = # { } : \\ och\nrad", 1, "fb ~ = # { } : \\ och\nrad"), escapes.Answers[0]);
        Assert.Equal(new GiftAnswer("[inte format]", 0, "%20% av allt"), escapes.Answers[1]);
        Assert.Equal(new GiftAnswer("%50%rabatt", 0, null), escapes.Answers[2]);
        Assert.Equal("allmänt {}", escapes.GeneralFeedback);
    }

    [Fact]
    public void Write_SingleChoice_ReadsLikeHandWrittenGift()
    {
        var q = new GiftQuestion
        {
            Id = "rr-01",
            Title = "Straffskala",
            Type = QuestionType.Single,
            Text = "Vad gäller?",
            Answers = [new("Två till tio år", 1, "Rätt."), new("Böter", 0, null)],
        };

        Assert.Equal("""
            // [id:rr-01]
            ::Straffskala::Vad gäller? {
            	=Två till tio år #Rätt.
            	~Böter
            }

            """.ReplaceLineEndings("\n"), GiftWriter.Write([q]));
    }

    [Fact]
    public void Write_TextsThatLookLikeSyntax_AreProtected()
    {
        GiftQuestion[] questions =
        [
            new() { Id = null, Type = QuestionType.TrueFalse, Text = "// not a comment", Answers = [new("true", 1, "[x] ok"), new("false", 0, null)] },
            new() { Id = null, Type = QuestionType.TrueFalse, Text = "[markdown] literally", Answers = [new("true", 0, null), new("false", 1, "%1%")] },
            new() { Id = "x", Type = QuestionType.Short, Text = "$CATEGORY: not one", Answers = [new("%50%off", 1, null), new("a\r\nb", 0.25, null)], Category = "K" },
            new() { Id = null, Title = "t", Type = QuestionType.Single, Text = "q", Answers = [new("%50%off", 1, null), new("b", -0.5, null)] },
            new() { Id = null, Title = "n", Type = QuestionType.Numerical, Text = "q", Ranges = [new(0.1, 0.30000000000000004, 1.0 / 3, null), new(1e-7, 1e-7, 0.5, null)], Category = null },
        ];

        var result = GiftParser.Parse(GiftWriter.Write(questions), "w.gift");

        Assert.Empty(result.Errors);
        Assert.Equal("// not a comment", result.Questions[0].Text);
        Assert.Equal("[markdown] literally", result.Questions[1].Text);
        Assert.Equal("%1%", result.Questions[1].Answers[1].Feedback);
        Assert.Equal("$CATEGORY: not one", result.Questions[2].Text);
        Assert.Equal(new GiftAnswer("a\nb", 0.25, null), result.Questions[2].Answers[1]);
        Assert.Equal("K", result.Questions[2].Category);
        Assert.Equal(new GiftAnswer("%50%off", 1, null), result.Questions[3].Answers[0]);
        Assert.Null(result.Questions[4].Category);
        Assert.Equal(0.1, result.Questions[4].Ranges[0].Min);
        Assert.Equal(0.30000000000000004, result.Questions[4].Ranges[0].Max);
        Assert.Equal(1e-7, result.Questions[4].Ranges[1].Min);
        Assert.Equal(1e-7, result.Questions[4].Ranges[1].Max);
    }

    [Fact]
    public void Write_MatchingItemContainingArrow_Throws()
    {
        var q = new GiftQuestion
        {
            Id = null,
            Type = QuestionType.Matching,
            Text = "q",
            Pairs = [new("a -> b", "c"), new("d", "e")],
        };

        Assert.Throws<ArgumentException>(() => GiftWriter.Write([q]));
    }

    [Fact]
    public void Equality_IgnoresWhereTheQuestionWasRead_ButNotWhatItSays()
    {
        var a = new GiftQuestion { Id = "x", Type = QuestionType.Short, Text = "q", Answers = [new("a", 1, null)], Path = "a.gift", Line = 1 };
        var moved = a with { Path = "b.gift", Line = 9, Answers = [new("a", 1, null)] };
        var changed = a with { Answers = [new("a", 0.5, null)] };

        Assert.Equal(a, moved);
        Assert.NotEqual(a, changed);
        Assert.NotEqual(a, a with { Tags = ["t"] });
        Assert.NotEqual(a, a with { Check = true });
    }

    public static TheoryData<string, string, int, bool> ContentGift() => ContentGiftSources.All();

    [Theory]
    [MemberData(nameof(ContentGift))]
    public void Write_ThenParse_GivesEqualQuestions_ForEveryGiftInContent(string path, string text, int firstLine, bool check)
    {
        if (path.Length == 0)
        {
            return; // no content yet
        }
        var first = GiftParser.Parse(text, path, firstLine, check);

        var second = GiftParser.Parse(GiftWriter.Write(first.Questions), path, check: check);

        Assert.Empty(second.Errors);
        Assert.Equal(first.Questions, second.Questions);
    }
}

/// <summary>Every .gift file and ```gift block under content/modules of the repository holding this test.</summary>
internal static class ContentGiftSources
{
    public static TheoryData<string, string, int, bool> All()
    {
        var data = new TheoryData<string, string, int, bool>();
        var root = FindRepositoryRoot();
        var modules = root is null ? null : Path.Combine(root, "content", "modules");
        if (modules is not null && Directory.Exists(modules))
        {
            foreach (var module in Directory.GetDirectories(modules).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.GetFiles(module, "*.gift").Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetRelativePath(root!, file), File.ReadAllText(file), 1, false);
                }
                var index = Path.Combine(module, "index.md");
                if (File.Exists(index))
                {
                    foreach (var (text, line, check) in GiftBlocks(File.ReadAllText(index)))
                    {
                        data.Add($"{Path.GetRelativePath(root!, index)}:{line}", text, line, check);
                    }
                }
            }
        }
        if (data.Count == 0)
        {
            data.Add("", "", 1, false);
        }
        return data;
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Training.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The inside of each ```gift or ```gift check fence, with the file line of its first line.</summary>
    internal static IEnumerable<(string Text, int FirstLine, bool Check)> GiftBlocks(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var info = lines[i].Trim();
            if (!info.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }
            var words = info[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var end = i + 1;
            while (end < lines.Length && !lines[end].Trim().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }
            if (words.Length > 0 && words[0] == "gift")
            {
                yield return (string.Join('\n', lines[(i + 1)..end]), i + 2, words.Contains("check"));
            }
            i = end;
        }
    }
}
