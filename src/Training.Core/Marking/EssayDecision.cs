namespace ChildProtection.Training.Marking;

/// <summary>Where an essay's marking stands: its final mark once decided, else how many markers it needs in all.</summary>
public sealed record EssayDecision(decimal? Final, int MarkersNeeded)
{
    public bool IsFinal => Final is not null;

    /// <summary>
    /// A jury's double marking, as Vietnamese exam boards do it: two markers, blind; their mean when they differ by no more
    /// than <paramref name="gap"/>; otherwise a third marker, and the mean of the two closest of the three marks. The third
    /// marker was called in to settle it, so a pair with their mark wins a tie, and when their mark lies just halfway between
    /// the first two it is the final mark.
    /// </summary>
    /// <param name="marks">The marks so far, in the order given (turn 1, 2, 3).</param>
    public static EssayDecision ByJury(IReadOnlyList<decimal> marks, decimal gap) => marks.Count switch
    {
        < 2 => new EssayDecision(null, 2),
        2 when Math.Abs(marks[0] - marks[1]) <= gap => new EssayDecision(Mean(marks[0], marks[1]), 2),
        2 => new EssayDecision(null, 3),
        _ => new EssayDecision(ClosestPair(marks[0], marks[1], marks[2]), 3),
    };

    /// <summary>A course essay: its training manager's one mark is final.</summary>
    public static EssayDecision BySingleMarker(IReadOnlyList<decimal> marks) =>
        marks.Count == 0 ? new EssayDecision(null, 1) : new EssayDecision(marks[0], 1);

    private static decimal ClosestPair(decimal first, decimal second, decimal third)
    {
        var (toFirst, toSecond) = (Math.Abs(first - third), Math.Abs(second - third));
        if (toFirst == toSecond && toFirst <= Math.Abs(first - second))
        {
            return third;
        }

        (decimal Gap, decimal Mean)[] pairs = [(toFirst, Mean(first, third)), (toSecond, Mean(second, third)), (Math.Abs(first - second), Mean(first, second))];
        return pairs.MinBy(p => p.Gap).Mean;
    }

    private static decimal Mean(decimal a, decimal b) => (a + b) / 2;
}
