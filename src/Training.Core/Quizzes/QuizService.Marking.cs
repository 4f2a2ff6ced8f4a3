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

    private async Task<AttemptScore> ScoreAsync(QuizAttempt attempt, QuizDefinition definition, IReadOnlyList<PlannedQuestion> plan, CancellationToken ct) =>
        (await ScoredAsync(attempt, definition, plan, ct)).Score;

    /// <summary>The score, and the essays saved blank (read from the questions and answers the score has just loaded).</summary>
    private async Task<(AttemptScore Score, IReadOnlyList<long> BlankEssays)> ScoredAsync(QuizAttempt attempt, QuizDefinition definition, IReadOnlyList<PlannedQuestion> plan, CancellationToken ct)
    {
        var bank = await QuestionsAsync(plan.Select(p => p.QuestionId), ct);
        var answers = await db.AttemptAnswers.AsNoTracking().Where(a => a.AttemptId == attempt.Id).ToListAsync(ct);
        var responses = answers.ToDictionary(a => a.QuestionId, a => JsonSerializer.Deserialize<QuestionResponse>(a.ResponseJson, Json)!);
        return (AttemptScore.Of(definition, plan, bank, responses, Marked(answers)), BlankEssays(bank, responses));
    }

    /// <summary>An essay left blank earns nothing and needs no marker: it is marked 0 as the attempt closes.</summary>
    private async Task MarkBlankEssaysAsync(long attemptId, IReadOnlyList<long> blank, CancellationToken ct) =>
        await db.AttemptAnswers.Where(a => a.AttemptId == attemptId && blank.Contains(a.QuestionId))
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.MarkedFraction, 0m), ct);

    /// <summary>The essays whose saved answer is blank (an essay never saved has no answer to mark).</summary>
    private static IReadOnlyList<long> BlankEssays(IReadOnlyDictionary<long, Question> questions, IReadOnlyDictionary<long, QuestionResponse> responses) =>
        responses.Where(r => questions.TryGetValue(r.Key, out var question) && question.Body is EssayBody
                && (r.Value is not TextResponse { Text: var text } || text.Trim().Length == 0))
            .Select(r => r.Key).ToList();

    private static IReadOnlyDictionary<long, decimal> Marked(IEnumerable<AttemptAnswer> answers) =>
        answers.Where(a => a.MarkedFraction is not null).ToDictionary(a => a.QuestionId, a => a.MarkedFraction!.Value);
}
