using System.Text.RegularExpressions;
using Training.Core.Content;
using Training.Core.Gift;

namespace Training.Core.Tests.Curriculum;

/// <summary>The starter curriculum's own rules (issue 7), checked on the real content/ folder.</summary>
public partial class CurriculumRulesTests
{
    private static readonly Lazy<ContentSet> Content = new(() => ContentLoader.Load(FindContent(), "content"));

    private const string AboutPage = "om-utbildningen";

    public static TheoryData<string> CourseModules()
    {
        var data = new TheoryData<string>();
        foreach (var module in Content.Value.Modules.Where(m => m.Id != AboutPage))
        {
            data.Add(module.Id);
        }
        return data;
    }

    private static ModuleSource Module(string id) => Content.Value.Modules.Single(m => m.Id == id);

    [Fact]
    public void TheContent_HasNoErrors_AndAtLeastNineCourseModules()
    {
        Assert.Empty(Content.Value.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ToString()));
        Assert.True(Content.Value.Modules.Count(m => m.Id != AboutPage) >= 9);
        Assert.Contains(Content.Value.Modules, m => m.Id == AboutPage);
    }

    [Fact]
    public void BothTracks_NameOnlyExistingModules_AndTheAboutPageIsInNone()
    {
        var ids = Content.Value.Modules.Select(m => m.Id).ToHashSet();
        var tracks = Content.Value.Tracks.ToDictionary(t => t.Id);

        Assert.Equal(6, tracks["grundkurs"].ModuleIds.Count);
        Assert.Equal(3, tracks["fordjupning"].ModuleIds.Count);
        Assert.All(tracks.Values.SelectMany(t => t.ModuleIds), id => Assert.Contains(id, ids));
        Assert.DoesNotContain(tracks.Values, t => t.ModuleIds.Contains(AboutPage));
    }

    [Theory]
    [MemberData(nameof(CourseModules))]
    public void EachModule_HasThreeToSixSections_WithKnowledgeChecks(string id)
    {
        var module = Module(id);

        Assert.InRange(module.Sections.Count, 3, 6);
        Assert.Contains(module.Questions, q => q.Check);
        Assert.InRange(module.FrontMatter.EstimatedMinutes ?? 0, 15, 30);
    }

    [Theory]
    [MemberData(nameof(CourseModules))]
    public void EachModule_DrawsAtLeastSix_FromAPoolAtLeastTwiceAsLarge(string id)
    {
        var module = Module(id);
        var drawn = module.FrontMatter.Quiz?.Questions ?? 0;

        Assert.True(drawn >= 6, $"{id} drar {drawn} frågor");
        Assert.True(module.GradedQuestions.Count() >= 2 * drawn, $"{id} har {module.GradedQuestions.Count()} frågor i banken men drar {drawn}");
    }

    [Theory]
    [MemberData(nameof(CourseModules))]
    public void EachModule_NamesItsSources_InTheFrontMatterAndAtTheEnd(string id)
    {
        var module = Module(id);

        Assert.NotEmpty(module.FrontMatter.Sources ?? []);
        var lastSection = module.IndexText[module.IndexText.LastIndexOf("\n## ", StringComparison.Ordinal)..];
        Assert.Contains("### Källor", lastSection, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CourseModules))]
    public void EveryGradedQuestion_HasAnIdAndASource_AndFeedbackOnEveryWrongAnswer(string id)
    {
        foreach (var question in Module(id).GradedQuestions)
        {
            var where = $"{question.Path}:{question.Line}";
            Assert.False(string.IsNullOrWhiteSpace(question.Id), $"{where}: saknar [id:]");
            Assert.Matches(SourceLine(), question.GeneralFeedback ?? "");
            foreach (var wrong in WrongAnswers(question))
            {
                Assert.False(string.IsNullOrWhiteSpace(wrong.Feedback), $"{where}: svaret '{wrong.Text}' saknar återkoppling");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CourseModules))]
    public void EveryQuestion_RoundTripsThroughTheGiftWriter(string id)
    {
        var questions = Module(id).Questions;

        var again = GiftParser.Parse(GiftWriter.Write(questions), "skrivet.gift");

        Assert.Empty(again.Errors);
        Assert.Equal(questions, again.Questions.Select((q, i) => q with { Check = questions[i].Check }));
    }

    [Fact]
    public void EveryModule_Renders()
    {
        foreach (var module in Content.Value.Modules)
        {
            var rendered = ModuleRenderer.Render(module);
            Assert.Equal(module.Sections.Count, rendered.Sections.Count);
            Assert.All(rendered.Sections, s => Assert.NotEmpty(s.Parts));
        }
    }

    [Fact]
    public void TheAboutPage_SaysSourcesHaveDates_AndTheAgencysOwnInstructionsComeFirst()
    {
        var text = Module(AboutPage).IndexText;

        Assert.Contains("instruktioner", text, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("20[0-9]{2}", text);
    }

    /// <summary>The answers that do not give full credit: each must say why.</summary>
    private static IEnumerable<GiftAnswer> WrongAnswers(GiftQuestion question) => question.Type switch
    {
        QuestionType.Single or QuestionType.TrueFalse => question.Answers.Where(a => a.Fraction < 1),
        QuestionType.Multiple => question.Answers.Where(a => a.Fraction <= 0),
        _ => [],
    };

    [GeneratedRegex(@"^Källa: \S")]
    private static partial Regex SourceLine();

    private static string FindContent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Training.sln")))
            {
                return Path.Combine(dir.FullName, "content");
            }
        }
        throw new InvalidOperationException("Training.sln hittades inte.");
    }
}

public partial class CurriculumRulesTests
{
    [Theory]
    [MemberData(nameof(CourseModules))]
    public void EveryGradedQuestion_GivesFullCredit_ToItsFullCreditResponse(string id)
    {
        var pool = Module(id).GradedQuestions.ToList();
        var drawn = Core.Quiz.QuizDraw.Draw(pool, pool.Count, new Random(7));

        var result = Core.Quiz.QuizGrader.Grade(drawn, drawn.Questions.ToDictionary(q => q.Key, q => q.FullCreditResponse()));

        Assert.All(result.Questions, q => Assert.Equal(1, q.Points));
    }
}
