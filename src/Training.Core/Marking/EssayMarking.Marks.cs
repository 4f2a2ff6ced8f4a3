using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Marking;

/// <summary>Giving a mark, and reading which essays of a round still need one.</summary>
public sealed partial class EssayMarking
{
    /// <summary>
    /// Records the juror's mark for the essay and, once its marks decide it, its final mark and the attempt's new score.
    /// Two jurors cannot both be its second marker, nor a third marker be called in twice (see <see cref="RecordAsync"/>).
    /// </summary>
    public async Task<MarkingStatus> MarkAsync(Contest contest, ContestRound round, string accountId, string markerName, long attemptId, long questionId, decimal marks, string? comment, CancellationToken ct = default)
    {
        if (!await IsJurorAsync(contest.Id, accountId, ct))
        {
            return MarkingStatus.NotJuror;
        }

        var item = await (from answer in db.AttemptAnswers
                          join attempt in db.QuizAttempts on answer.AttemptId equals attempt.Id
                          join quiz in db.Quizzes on attempt.QuizId equals quiz.Id
                          join question in db.BankQuestions on answer.QuestionId equals question.Id
                          where answer.AttemptId == attemptId && answer.QuestionId == questionId && quiz.Key == round.QuizKey && attempt.SubmittedUtc != null
                                && question.BodyJson.StartsWith(EssayBody.JsonStart)
                          select question).AsNoTracking().FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return MarkingStatus.NotFound;
        }

        var most = QuestionRows.ToQuestion(item).Settings.DefaultMark;
        return await RecordAsync(attemptId, questionId, accountId, markerName, marks, comment, most, given => EssayDecision.ByJury(given, contest.MarkingGap), ct);
    }

    /// <summary>
    /// Adds the marker's mark to the essay's, unless they gave one already or it needs no more, and once the marks decide
    /// it records the final mark and the attempt's new score; all in one transaction, under a lock per attempt (on every
    /// node) so that markers saving at once take turns. <paramref name="marks"/> is checked against <paramref name="most"/> first.
    /// </summary>
    private async Task<MarkingStatus> RecordAsync(
        long attemptId, long questionId, string accountId, string markerName, decimal marks, string? comment, decimal most, Func<IReadOnlyList<decimal>, EssayDecision> decide, CancellationToken ct)
    {
        if (marks < 0 || marks > most || decimal.Round(marks, 2) != marks)
        {
            return MarkingStatus.MarksOutOfRange;
        }

        var note = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()[..Math.Min(comment.Trim().Length, 2000)];
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        MarkingStatus status;
        try
        {
            status = await db.OneAtATimeAsync([$"essay-marks:{attemptId}"], () => AddMarkAsync(attemptId, questionId, accountId, markerName, marks, note, most, decide, ct), ct);
        }
        catch (DbUpdateException)
        {
            // The essay's unique turn (or marker) refused a mark that the lock did not keep apart: the first one stands.
            db.ChangeTracker.Clear();
            return MarkingStatus.NoMoreMarksNeeded;
        }

        if (status == MarkingStatus.Success)
        {
            await transaction.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        return status;
    }

    private async Task<MarkingStatus> AddMarkAsync(
        long attemptId, long questionId, string accountId, string markerName, decimal marks, string? note, decimal most, Func<IReadOnlyList<decimal>, EssayDecision> decide, CancellationToken ct)
    {
        var given = await db.EssayMarks.Where(m => m.AttemptId == attemptId && m.QuestionId == questionId).OrderBy(m => m.Turn).ToListAsync(ct);
        if (given.Any(m => m.MarkerId == accountId))
        {
            return MarkingStatus.AlreadyMarkedByYou;
        }

        var before = decide(given.Select(m => m.Marks).ToList());
        if (before.IsFinal || given.Count >= before.MarkersNeeded)
        {
            return MarkingStatus.NoMoreMarksNeeded;
        }

        db.EssayMarks.Add(new EssayMark
        {
            AttemptId = attemptId, QuestionId = questionId, Turn = given.Count + 1, MarkerId = accountId, MarkerName = markerName,
            Marks = marks, Comment = note, MarkedUtc = Now,
        });
        await db.SaveChangesAsync(ct);
        if (decide([.. given.Select(m => m.Marks), marks]) is { Final: { } final })
        {
            await db.AttemptAnswers.Where(a => a.AttemptId == attemptId && a.QuestionId == questionId)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.MarkedFraction, most == 0 ? 0 : final / most), ct);
            await quizzes.RescoreAsync(attemptId, ct);
        }

        return MarkingStatus.Success;
    }

    /// <summary>A mark given, as the decision needs it.</summary>
    private sealed record GivenMark(int Turn, string MarkerId, decimal Marks);

    /// <summary>One essay handed in: whose marks it has, and whether its final mark is decided.</summary>
    private sealed record EssayItem(long AttemptId, long QuestionId, bool Final, IReadOnlyList<GivenMark> Marks)
    {
        /// <summary>The juror may mark it now: it needs another mark and not from someone who gave one.</summary>
        public bool Open(string accountId, decimal gap) =>
            !Final && Marks.All(m => m.MarkerId != accountId) && Marks.Count < EssayDecision.ByJury(Marks.Select(m => m.Marks).ToList(), gap).MarkersNeeded;
    }

    /// <summary>The round's essays handed in, in the order of their attempts: the written answers of its essay questions in submitted attempts.</summary>
    private async Task<IReadOnlyList<EssayItem>> EssaysAsync(ContestRound round, CancellationToken ct)
    {
        var quiz = await db.Quizzes.AsNoTracking().Where(q => q.Key == round.QuizKey).Select(q => new { q.Id, q.BankId }).FirstOrDefaultAsync(ct);
        if (quiz is null)
        {
            return [];
        }

        var essayIds = await db.BankQuestions.Where(q => q.BankId == quiz.BankId && q.BodyJson.StartsWith(EssayBody.JsonStart)).Select(q => q.Id).ToListAsync(ct);
        if (essayIds.Count == 0)
        {
            return [];
        }

        var answers = await (from answer in db.AttemptAnswers
                             join attempt in db.QuizAttempts on answer.AttemptId equals attempt.Id
                             where attempt.QuizId == quiz.Id && attempt.SubmittedUtc != null && essayIds.Contains(answer.QuestionId)
                             orderby answer.AttemptId, answer.QuestionId
                             select new { answer.AttemptId, answer.QuestionId, answer.MarkedFraction }).ToListAsync(ct);
        var marks = (await (from mark in db.EssayMarks
                            join attempt in db.QuizAttempts on mark.AttemptId equals attempt.Id
                            where attempt.QuizId == quiz.Id
                            select new { mark.AttemptId, mark.QuestionId, mark.Turn, mark.MarkerId, mark.Marks }).ToListAsync(ct))
            .ToLookup(m => (m.AttemptId, m.QuestionId), m => new GivenMark(m.Turn, m.MarkerId, m.Marks));
        return answers.Select(a => new EssayItem(a.AttemptId, a.QuestionId, a.MarkedFraction is not null, marks[(a.AttemptId, a.QuestionId)].OrderBy(m => m.Turn).ToList())).ToList();
    }
}
