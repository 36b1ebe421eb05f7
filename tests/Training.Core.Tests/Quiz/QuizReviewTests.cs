using Training.Core.Gift;
using Training.Core.Quiz;

namespace Training.Core.Tests.Quiz;

public class QuizReviewTests
{
    private static readonly QuestionResult Wrong = new("q", Answered: true, Points: 0.5, ["Rätt: två är jämnt.", "Fel: tre är udda."], "Jämna tal delas av två.", TextFormat.Moodle);

    [Fact]
    public void BeforeAPass_OnlyTheGeneralFeedbackAndWhetherItWasAnswered_AreShown()
    {
        var review = QuizReview.Of(Wrong, passed: false);

        Assert.Null(review.Right);
        Assert.True(review.Answered);
        Assert.Empty(review.Feedback);
        Assert.Equal("Jämna tal delas av två.", review.GeneralFeedback);
        Assert.False(review.ShowRightAnswer);
    }

    [Fact]
    public void AfterAPass_EverythingIsShown_WithTheRightAnswer()
    {
        var review = QuizReview.Of(Wrong, passed: true);

        Assert.False(review.Right);
        Assert.Equal(Wrong.Feedback, review.Feedback);
        Assert.Equal("Jämna tal delas av två.", review.GeneralFeedback);
        Assert.True(review.ShowRightAnswer);
    }
}
