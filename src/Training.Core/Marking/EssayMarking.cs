using ChildProtection.Training.Contests;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Marking;

public enum MarkingStatus
{
    Success,
    NotFound,

    /// <summary>The account is not on the contest's jury.</summary>
    NotJuror,

    /// <summary>This marker has marked this essay already: a second opinion must be someone else's.</summary>
    AlreadyMarkedByYou,

    /// <summary>The essay has all the marks it needs (another marker's came first).</summary>
    NoMoreMarksNeeded,

    /// <summary>Below 0, above the essay's mark, or finer than a hundredth.</summary>
    MarksOutOfRange,
}

/// <summary>
/// An essay as its marker sees it: blind, with nothing of who wrote it (no name, no school, no class, no other marker's
/// mark), only a number within the round.
/// </summary>
/// <param name="Number">The essay's place among the round's essays, as the marking screen names it ("Bài số 12").</param>
/// <param name="Turn">Which of its markers this one is: 1 or 2, or 3 when the first two differed by more than the gap.</param>
/// <param name="Attachment">The name of the file the writer attached; null when there is none.</param>
public sealed record EssayToMark(
    long AttemptId, long QuestionId, int Number, int Turn, Question Question, EssayBody Essay, string Text, int Words, string? Attachment = null);

/// <summary>How a round's marking stands.</summary>
/// <param name="Essays">Essays handed in (blank ones count, marked 0 without a marker).</param>
/// <param name="Final">Essays whose final mark is decided.</param>
/// <param name="AwaitingThird">Essays whose two marks differ by more than the gap and wait for a third marker.</param>
/// <param name="ForYou">Essays the asking juror may mark now.</param>
public sealed record RoundMarking(Contest Contest, ContestRound Round, int Essays, int Final, int AwaitingThird, int ForYou)
{
    public bool Finished => Final == Essays;
}

/// <summary>
/// Marking essays by people. A contest's jury, named by its organiser, marks each essay blind and twice, by two
/// different jurors against the question's marking guide; a third juror marks it when the two differ by more than the
/// contest's gap (<see cref="EssayDecision.ByJury"/>). The final mark joins the attempt's score, and a round's results
/// can be approved only once every essay of it has its final mark. A course's essays are marked by a training manager.
/// </summary>
public sealed partial class EssayMarking(TrainingDbContext db, QuizService quizzes, Learning.LearningService learning, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<ContestJuror>> JuryAsync(int contestId, CancellationToken ct = default) =>
        await db.ContestJurors.AsNoTracking().Where(j => j.ContestId == contestId).OrderBy(j => j.Name).ThenBy(j => j.Id).ToListAsync(ct);

    /// <summary>Names a staff account to the jury; naming one already on it changes nothing (two organisers at once included).</summary>
    public async Task AddJurorAsync(int contestId, string accountId, string name, CancellationToken ct = default)
    {
        if (await db.ContestJurors.AnyAsync(j => j.ContestId == contestId && j.AccountId == accountId, ct))
        {
            return;
        }

        var juror = new ContestJuror { ContestId = contestId, AccountId = accountId, Name = name.Trim(), AddedUtc = Now };
        db.ContestJurors.Add(juror);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Named by another organiser at the same moment: the unique index kept one.
            db.Entry(juror).State = EntityState.Detached;
            if (!await db.ContestJurors.AsNoTracking().AnyAsync(j => j.ContestId == contestId && j.AccountId == accountId, ct))
            {
                throw;
            }
        }
    }

    /// <summary>Takes an account off the jury; the marks it gave stay, as given.</summary>
    public Task RemoveJurorAsync(int contestId, string accountId, CancellationToken ct = default) =>
        db.ContestJurors.Where(j => j.ContestId == contestId && j.AccountId == accountId).ExecuteDeleteAsync(ct);

    public Task SetGapAsync(int contestId, decimal gap, CancellationToken ct = default) =>
        db.Contests.Where(c => c.Id == contestId).ExecuteUpdateAsync(c => c.SetProperty(x => x.MarkingGap, gap), ct);

    /// <summary>The rounds with essays of every contest whose jury the account is on, newest contest first.</summary>
    public async Task<IReadOnlyList<RoundMarking>> RoundsForAsync(string accountId, CancellationToken ct = default)
    {
        var contests = await (from juror in db.ContestJurors
                              join contest in db.Contests on juror.ContestId equals contest.Id
                              where juror.AccountId == accountId
                              orderby contest.CreatedUtc descending
                              select contest).AsNoTracking().Include(c => c.Rounds.OrderBy(r => r.Number)).ToListAsync(ct);
        var rounds = new List<RoundMarking>();
        foreach (var contest in contests)
        {
            foreach (var round in contest.Rounds)
            {
                if (await ProgressAsync(contest, round, accountId, ct) is { Essays: > 0 } progress)
                {
                    rounds.Add(progress);
                }
            }
        }

        return rounds;
    }

    /// <summary>How the round's marking stands; <see cref="RoundMarking.ForYou"/> counts for <paramref name="accountId"/> (none when null).</summary>
    public async Task<RoundMarking> ProgressAsync(Contest contest, ContestRound round, string? accountId, CancellationToken ct = default)
    {
        var essays = await EssaysAsync(round, ct);
        return new RoundMarking(
            contest,
            round,
            essays.Count,
            essays.Count(e => e.Final),
            essays.Count(e => !e.Final && e.Marks.Count == 2 && EssayDecision.ByJury(e.Marks.Select(m => m.Marks).ToList(), contest.MarkingGap).MarkersNeeded == 3),
            accountId is null ? 0 : essays.Count(e => e.Open(accountId, contest.MarkingGap)));
    }

    /// <summary>
    /// The next essay the juror may mark: first those waiting for a third marker (they hold up the results), then those
    /// with one mark, then the rest, each in the order they were handed in; null when there is none.
    /// </summary>
    public async Task<EssayToMark?> NextAsync(Contest contest, ContestRound round, string accountId, CancellationToken ct = default)
    {
        if (!await IsJurorAsync(contest.Id, accountId, ct))
        {
            return null;
        }

        var essays = await EssaysAsync(round, ct);
        var next = essays.Select((essay, index) => (Essay: essay, Number: index + 1))
            .Where(e => e.Essay.Open(accountId, contest.MarkingGap))
            .OrderByDescending(e => e.Essay.Marks.Count)
            .FirstOrDefault();
        if (next.Essay is not { } item)
        {
            return null;
        }

        return await ShownAsync(item.AttemptId, item.QuestionId, next.Number, item.Marks.Count + 1, ct);
    }

    /// <summary>
    /// Whether the account may read the essays of the attempt (its attached file): a juror of its contest, or for a
    /// course's attempt a training manager whose <paramref name="trainingScope"/> holds the learner's unit.
    /// </summary>
    /// <param name="trainingScope">The account's units as a training manager; null when it is none.</param>
    public async Task<bool> MayReadAsync(string accountId, UnitScope? trainingScope, long attemptId, CancellationToken ct = default)
    {
        var attempt = await (from a in db.QuizAttempts
                             join quiz in db.Quizzes on a.QuizId equals quiz.Id
                             where a.Id == attemptId
                             select new { a.Participant, quiz.Key }).FirstOrDefaultAsync(ct);
        if (attempt is null)
        {
            return false;
        }

        if (Learning.LearningService.LearnerKey(attempt.Participant) is { } learnerKey)
        {
            return trainingScope is not null && await (from learner in db.Learners
                                                       join unit in db.Units.Within(trainingScope) on learner.UnitId equals unit.Id
                                                       where learner.Key == learnerKey
                                                       select learner.Id).AnyAsync(ct);
        }

        return await (from round in db.ContestRounds
                      join juror in db.ContestJurors on round.ContestId equals juror.ContestId
                      where round.QuizKey == attempt.Key && juror.AccountId == accountId
                      select juror.Id).AnyAsync(ct);
    }

    /// <summary>An essay as its marker is shown it: the question, the text, its words and the name of its file.</summary>
    private async Task<EssayToMark> ShownAsync(long attemptId, long questionId, int number, int turn, CancellationToken ct)
    {
        var answer = await db.AttemptAnswers.AsNoTracking().FirstAsync(a => a.AttemptId == attemptId && a.QuestionId == questionId, ct);
        var question = QuestionRows.ToQuestion(await db.BankQuestions.AsNoTracking().FirstAsync(q => q.Id == questionId, ct));
        var text = System.Text.Json.JsonSerializer.Deserialize<QuestionResponse>(answer.ResponseJson, QuestionRows.Json) is TextResponse written ? written.Text : "";
        var file = await db.AttemptFiles.Where(f => f.AttemptId == attemptId && f.QuestionId == questionId).Select(f => f.FileName).FirstOrDefaultAsync(ct);
        return new EssayToMark(attemptId, questionId, number, turn, question, (EssayBody)question.Body, text, EssayBody.CountWords(text), file);
    }

    public Task<bool> IsJurorAsync(int contestId, string accountId, CancellationToken ct = default) =>
        db.ContestJurors.AnyAsync(j => j.ContestId == contestId && j.AccountId == accountId, ct);
}
