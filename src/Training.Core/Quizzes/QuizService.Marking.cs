using System.Text.Json;
using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Quizzes;

/// <summary>Essays in an attempt's score: marked by people after the attempt closes (see <see cref="Marking.EssayMarking"/>).</summary>
public sealed partial class QuizService
{
    /// <summary>
    /// Scores a closed attempt again with its essays' marks as they now stand, and records the result: the marks, the
    /// count of full answers, the pass and whether an essay still waits. The caller holds the attempt's marking lock.
    /// </summary>
    public async Task<AttemptScore?> RescoreAsync(long attemptId, CancellationToken ct = default)
    {
        var key = await db.QuizAttempts.Where(a => a.Id == attemptId && a.SubmittedUtc != null).Select(a => (Guid?)a.Key).FirstOrDefaultAsync(ct);
        if (key is null || await LoadAsync(key.Value, ct) is not var (attempt, _, definition, plan))
        {
            return null;
        }

        var score = await ScoreAsync(attempt, definition, plan, ct);
        await db.QuizAttempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(a => a
            .SetProperty(x => x.Marks, score.Marks)
            .SetProperty(x => x.CorrectCount, score.CorrectCount)
            .SetProperty(x => x.Passed, score.Passed)
            .SetProperty(x => x.AwaitingMarks, score.AwaitingMarks), ct);
        db.Entry(attempt).State = EntityState.Detached;
        return score;
    }

    /// <summary>Whether a draw from these categories of the bank may ask an essay: a round with a written part.</summary>
    public async Task<bool> DrawsEssaysAsync(string bankName, IReadOnlyList<CategoryDraw> draws, CancellationToken ct = default)
    {
        var categories = draws.Where(d => d.Count > 0).Select(d => d.Category).ToList();
        return await (from question in db.BankQuestions
                      join bank in db.QuestionBanks on question.BankId equals bank.Id
                      where bank.Name == bankName && categories.Contains(question.Category) && question.RetiredUtc == null && question.BodyJson.StartsWith(EssayBody.JsonStart)
                      select question.Id).AnyAsync(ct);
    }

    /// <summary>An essay left blank earns nothing and needs no marker: it is marked 0 as the attempt closes.</summary>
    private async Task MarkBlankEssaysAsync(long attemptId, IReadOnlyList<PlannedQuestion> plan, CancellationToken ct)
    {
        var asked = plan.Select(p => p.QuestionId).ToList();
        var essays = await db.BankQuestions.Where(q => asked.Contains(q.Id) && q.BodyJson.StartsWith(EssayBody.JsonStart)).Select(q => q.Id).ToListAsync(ct);
        if (essays.Count == 0)
        {
            return;
        }

        var written = await db.AttemptAnswers.AsNoTracking().Where(a => a.AttemptId == attemptId && essays.Contains(a.QuestionId)).ToListAsync(ct);
        var blank = written.Where(a => JsonSerializer.Deserialize<QuestionResponse>(a.ResponseJson, Json) is not TextResponse { Text: var text } || text.Trim().Length == 0)
            .Select(a => a.QuestionId).ToList();
        if (blank.Count > 0)
        {
            await db.AttemptAnswers.Where(a => a.AttemptId == attemptId && blank.Contains(a.QuestionId))
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.MarkedFraction, 0m), ct);
        }
    }

    private static IReadOnlyDictionary<long, decimal> Marked(IEnumerable<AttemptAnswer> answers) =>
        answers.Where(a => a.MarkedFraction is not null).ToDictionary(a => a.QuestionId, a => a.MarkedFraction!.Value);
}
