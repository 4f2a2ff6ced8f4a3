namespace ChildProtection.Training.Contests;

/// <summary>The rules a law contest ranks entries by, in the order the contest's rules list them.</summary>
public enum RankingCriterion
{
    MostCorrect,
    ShortestTime,

    /// <summary>Closest to the tie-break question's answer: how many entries answered everything correctly.</summary>
    ClosestGuess,
    EarliestSubmission,
    EarliestStart,

    /// <summary>Most marks: what a round with a written part ranks by, its essays' final marks included.</summary>
    HighestMarks,
}

/// <summary>What ranking needs of one entry of a round.</summary>
/// <param name="Guess">The entrant's tie-break guess; null when they gave none (ranks after every guess).</param>
/// <param name="Marks">The attempt's marks, essays' final marks included.</param>
public sealed record RankableEntry(long EntryId, int Correct, TimeSpan Duration, long? Guess, DateTime StartedUtc, DateTime SubmittedUtc, decimal Marks = 0);

/// <param name="Rank">Standard competition ranking (1, 2, 2, 4): entries equal on every criterion share a rank.</param>
public sealed record RankedEntry(RankableEntry Entry, int Rank);

/// <summary>
/// Ranks a round's entries. Vietnamese contests differ in their order (most rank score → time → guess; Quảng Nam
/// 2022 ranked score → guess → time → earliest start), so the order is each contest's setting.
/// </summary>
public static class ContestRanking
{
    public static IReadOnlyList<RankingCriterion> DefaultOrder { get; } =
        [RankingCriterion.MostCorrect, RankingCriterion.ShortestTime, RankingCriterion.ClosestGuess, RankingCriterion.EarliestSubmission];

    /// <summary>The tie-break question's right answer: entries with every question right.</summary>
    public static long EntriesWithEverythingRight(IEnumerable<RankableEntry> entries, int questionCount) =>
        entries.LongCount(e => e.Correct == questionCount);

    public static IReadOnlyList<RankedEntry> Rank(IReadOnlyCollection<RankableEntry> entries, int questionCount, IReadOnlyList<RankingCriterion>? order = null)
    {
        order ??= DefaultOrder;
        var answer = EntriesWithEverythingRight(entries, questionCount);
        var comparer = Comparer<RankableEntry>.Create((a, b) =>
        {
            foreach (var criterion in order)
            {
                var result = Compare(criterion, a, b, answer);
                if (result != 0)
                {
                    return result;
                }
            }

            return 0;
        });

        var sorted = entries.Order(comparer).ThenBy(e => e.EntryId).ToList();
        var ranked = new List<RankedEntry>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            var rank = i > 0 && comparer.Compare(sorted[i - 1], sorted[i]) == 0 ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedEntry(sorted[i], rank));
        }

        return ranked;
    }

    private static int Compare(RankingCriterion criterion, RankableEntry a, RankableEntry b, long answer) => criterion switch
    {
        RankingCriterion.MostCorrect => b.Correct.CompareTo(a.Correct),
        RankingCriterion.ShortestTime => a.Duration.CompareTo(b.Duration),
        RankingCriterion.ClosestGuess => Distance(a.Guess, answer).CompareTo(Distance(b.Guess, answer)),
        RankingCriterion.EarliestSubmission => a.SubmittedUtc.CompareTo(b.SubmittedUtc),
        RankingCriterion.EarliestStart => a.StartedUtc.CompareTo(b.StartedUtc),
        RankingCriterion.HighestMarks => b.Marks.CompareTo(a.Marks),
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, null),
    };

    private static long Distance(long? guess, long answer) => guess is { } g ? Math.Abs(g - answer) : long.MaxValue;
}

/// <summary>Names as a public leaderboard shows them: "Nguyễn Văn An" → "Nguyễn V. A.", so a child is not fully named.</summary>
public static class PublicName
{
    public static string Shorten(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length <= 1
            ? string.Join(' ', words)
            : string.Join(' ', words.Take(1).Concat(words.Skip(1).Select(w => $"{char.ToUpper(w[0], Vietnamese)}.")));
    }

    /// <summary>A child entered with a class code: the first name's initial and the class ("A., lớp 7A").</summary>
    public static string Initial(string firstName, string className) =>
        firstName.Trim() is { Length: > 0 } name ? $"{char.ToUpper(name[0], Vietnamese)}., {className.Trim()}" : className.Trim();

    private static readonly System.Globalization.CultureInfo Vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
}
