using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Quizzes;

/// <summary>
/// Description items in an attempt. Draws never pick one (as Moodle's random questions never do), so a category's
/// descriptions (a passage to read, a part's instructions, a picture) are shown before the first question that category
/// gives the attempt, as they stood in the bank when the attempt started.
/// </summary>
public sealed partial class QuizService
{
    /// <summary>
    /// The attempt as a request that saves answers needs it (a hand-in, an essay's file): without the description items
    /// that only its page shows, so a round's hand-in at the bell asks the bank for nothing it will not use.
    /// </summary>
    public Task<AttemptState?> GetStateToSaveAsync(Guid attemptKey, CancellationToken ct = default) => StateAsync(attemptKey, withDescriptions: false, ct);

    /// <summary>An attempt's descriptions, as they stood when it started.</summary>
    private async Task<IReadOnlyDictionary<long, IReadOnlyList<Question>>> DescriptionsAsync(
        int bankId, IReadOnlyList<PlannedQuestion> plan, IReadOnlyDictionary<long, Question> bank, DateTime asOf, CancellationToken ct) =>
        Placed(await DescriptionRowsAsync(bankId, plan.Select(p => bank[p.QuestionId].Category).Distinct().ToList(), asOf, ct), plan, bank, asOf);

    /// <summary>The bank's description items of these categories that existed at <paramref name="asOf"/> (some may have been retired since), in the bank's order.</summary>
    private async Task<List<BankQuestion>> DescriptionRowsAsync(int bankId, IReadOnlyList<string> categories, DateTime asOf, CancellationToken ct) =>
        await db.BankQuestions.AsNoTracking()
            .Where(q => q.BankId == bankId && categories.Contains(q.Category) && q.BodyJson.StartsWith(DescriptionBody.JsonStart) && q.CreatedUtc <= asOf)
            .OrderBy(q => q.Id).ToListAsync(ct);

    /// <summary>Of <paramref name="rows"/>, those standing at <paramref name="asOf"/>, by the id of the first question their category gives the plan.</summary>
    private static IReadOnlyDictionary<long, IReadOnlyList<Question>> Placed(IEnumerable<BankQuestion> rows, IReadOnlyList<PlannedQuestion> plan, IReadOnlyDictionary<long, Question> bank, DateTime asOf)
    {
        var firstOfCategory = new Dictionary<string, long>();
        foreach (var planned in plan)
        {
            firstOfCategory.TryAdd(bank[planned.QuestionId].Category, planned.QuestionId);
        }

        return rows.Where(r => firstOfCategory.ContainsKey(r.Category) && r.CreatedUtc <= asOf && (r.RetiredUtc == null || r.RetiredUtc > asOf))
            .GroupBy(r => r.Category).ToDictionary(g => firstOfCategory[g.Key], g => (IReadOnlyList<Question>)g.Select(QuestionRows.ToQuestion).ToList());
    }
}
