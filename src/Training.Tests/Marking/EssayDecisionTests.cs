using ChildProtection.Training.Marking;

namespace ChildProtection.Training.Tests.Marking;

public sealed class EssayDecisionTests
{
    [Fact]
    public void TwoMarksWithinTheGap_TheirMeanIsFinal()
    {
        Assert.Equal(new EssayDecision(null, 2), EssayDecision.ByJury([], 1));
        Assert.Equal(new EssayDecision(null, 2), EssayDecision.ByJury([7], 1));
        Assert.Equal(new EssayDecision(7.5m, 2), EssayDecision.ByJury([7, 8], 1));
        Assert.Equal(new EssayDecision(6, 2), EssayDecision.ByJury([6, 6], 0));
    }

    [Fact]
    public void TwoMarksApartByMoreThanTheGap_CallAThirdMarker_ThenTheTwoClosestDecide()
    {
        Assert.Equal(new EssayDecision(null, 3), EssayDecision.ByJury([7, 8.25m], 1));
        Assert.Equal(new EssayDecision(7.5m, 3), EssayDecision.ByJury([2, 8, 7], 1));
        Assert.Equal(new EssayDecision(2.5m, 3), EssayDecision.ByJury([2, 8, 3], 1));
        // The first two closer to each other than either to the third: theirs.
        Assert.Equal(new EssayDecision(5.75m, 3), EssayDecision.ByJury([5, 6.5m, 10], 1));
    }

    [Fact]
    public void AThirdMarkJustHalfway_IsTheFinalMark()
    {
        Assert.Equal(new EssayDecision(5, 3), EssayDecision.ByJury([3, 7, 5], 1));
    }

    [Fact]
    public void ACourseEssay_ItsOneMarkIsFinal()
    {
        Assert.Equal(new EssayDecision(null, 1), EssayDecision.BySingleMarker([]));
        Assert.Equal(new EssayDecision(6.5m, 1), EssayDecision.BySingleMarker([6.5m]));
    }
}
