using ChildProtection.Training.Contests;

namespace ChildProtection.Training.Tests.Contests;

public sealed class ContestRankingTests
{
    private static readonly DateTime Noon = new(2026, 6, 7, 5, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Rank_TiesAtEachLevel_BrokenByTheNextRule()
    {
        RankableEntry[] entries =
        [
            Entry(1, correct: 19, seconds: 100, guess: 2, submittedMinute: 1),
            Entry(2, correct: 20, seconds: 300, guess: 9, submittedMinute: 2),
            Entry(3, correct: 20, seconds: 200, guess: 9, submittedMinute: 3),
            Entry(4, correct: 20, seconds: 200, guess: 3, submittedMinute: 4),
            Entry(5, correct: 20, seconds: 200, guess: 3, submittedMinute: 5),
            Entry(6, correct: 20, seconds: 200, guess: null, submittedMinute: 0),
        ];

        var ranked = ContestRanking.Rank(entries, questionCount: 20);

        // Five entries have everything right: guesses of 3 are closest, 9 next, none last.
        Assert.Equal(5, ContestRanking.EntriesWithEverythingRight(entries, 20));
        Assert.Equal([4L, 5, 3, 6, 2, 1], ranked.Select(r => r.Entry.EntryId));
        Assert.Equal([1, 2, 3, 4, 5, 6], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Rank_EqualOnEveryRule_ShareTheRank()
    {
        RankableEntry[] entries =
        [
            Entry(1, correct: 10, seconds: 60, guess: 1, submittedMinute: 1),
            Entry(2, correct: 10, seconds: 60, guess: 1, submittedMinute: 1),
            Entry(3, correct: 9, seconds: 30, guess: 1, submittedMinute: 0),
        ];

        Assert.Equal([1, 1, 3], ContestRanking.Rank(entries, questionCount: 10).Select(r => r.Rank));
    }

    [Fact]
    public void Rank_ContestOrderGuessBeforeTime_AsQuangNam2022()
    {
        RankableEntry[] entries =
        [
            Entry(1, correct: 20, seconds: 100, guess: 50, submittedMinute: 1),
            Entry(2, correct: 20, seconds: 500, guess: 2, submittedMinute: 2),
        ];
        RankingCriterion[] quangNam = [RankingCriterion.MostCorrect, RankingCriterion.ClosestGuess, RankingCriterion.ShortestTime, RankingCriterion.EarliestStart];

        Assert.Equal([1L, 2], ContestRanking.Rank(entries, 20).Select(r => r.Entry.EntryId));
        Assert.Equal([2L, 1], ContestRanking.Rank(entries, 20, quangNam).Select(r => r.Entry.EntryId));
    }

    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyễn V. A.")]
    [InlineData("  trần   thị   bích ngọc ", "trần T. B. N.")]
    [InlineData("Đinh", "Đinh")]
    [InlineData("Lê Đức", "Lê Đ.")]
    public void PublicName_Shorten_KeepsTheFamilyNameAndInitials(string full, string shown) =>
        Assert.Equal(shown, PublicName.Shorten(full));

    private static RankableEntry Entry(long id, int correct, int seconds, long? guess, int submittedMinute) =>
        new(id, correct, TimeSpan.FromSeconds(seconds), guess, Noon, Noon.AddMinutes(submittedMinute));
}
