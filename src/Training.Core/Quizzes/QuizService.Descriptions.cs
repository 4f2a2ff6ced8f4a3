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

    private async Task<IReadOnlyDictionary<long, IReadOnlyList<Question>>> DescriptionsAsync(
        int bankId, IReadOnlyList<PlannedQuestion> plan, IReadOnlyDictionary<long, Question> bank, DateTime asOf, CancellationToken ct)
    {
        var firstOfCategory = new Dictionary<string, long>();
        foreach (var planned in plan)
        {
            firstOfCategory.TryAdd(bank[planned.QuestionId].Category, planned.QuestionId);
        }

        var categories = firstOfCategory.Keys.ToList();
        var rows = await db.BankQuestions.AsNoTracking()
            .Where(q => q.BankId == bankId && categories.Contains(q.Category) && q.BodyJson.StartsWith(DescriptionBody.JsonStart)
                && q.CreatedUtc <= asOf && (q.RetiredUtc == null || q.RetiredUtc > asOf))
            .OrderBy(q => q.Id).ToListAsync(ct);
        return rows.GroupBy(r => r.Category).ToDictionary(g => firstOfCategory[g.Key], g => (IReadOnlyList<Question>)g.Select(QuestionRows.ToQuestion).ToList());
    }
}
