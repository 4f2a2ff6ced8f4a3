using ChildProtection.Training.Learning;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Marking;

/// <summary>A course's essay (a reflection at the end of a course) for a training manager: its course, marked once.</summary>
public sealed record CourseEssayToMark(string CourseTitle, EssayToMark Essay);

/// <summary>
/// The essays of courses' final quizzes, marked once each by a training manager whose units take in the learner's
/// (<see cref="EssayDecision.BySingleMarker"/>); the mark decides the attempt's pass, and so the course's completion
/// and certificate.
/// </summary>
public sealed partial class EssayMarking
{
    /// <summary>How many course essays in the scope wait for a mark.</summary>
    public async Task<int> CourseEssaysWaitingAsync(UnitScope scope, CancellationToken ct = default) => (await CourseEssaysAsync(scope, ct)).Count;

    /// <summary>The course essay handed in longest ago in the scope that has no mark; null when there is none.</summary>
    public async Task<CourseEssayToMark?> NextCourseEssayAsync(UnitScope scope, CancellationToken ct = default)
    {
        var waiting = await CourseEssaysAsync(scope, ct);
        if (waiting.Count == 0)
        {
            return null;
        }

        var item = waiting[0];
        return new CourseEssayToMark(item.CourseTitle, await ShownAsync(item.AttemptId, item.QuestionId, 1, 1, ct));
    }

    /// <summary>Records the manager's mark as the essay's final one, scores the attempt again and brings the learner's completion up to date.</summary>
    public async Task<MarkingStatus> MarkCourseEssayAsync(UnitScope scope, string accountId, string markerName, long attemptId, long questionId, decimal marks, string? comment, CancellationToken ct = default)
    {
        if ((await CourseEssaysAsync(scope, ct)).FirstOrDefault(e => e.AttemptId == attemptId && e.QuestionId == questionId) is not { } item)
        {
            // Marked meanwhile by another manager, or not an essay of this scope at all.
            return await db.EssayMarks.AnyAsync(m => m.AttemptId == attemptId && m.QuestionId == questionId, ct) ? MarkingStatus.NoMoreMarksNeeded : MarkingStatus.NotFound;
        }

        var most = QuestionRows.ToQuestion(await db.BankQuestions.AsNoTracking().FirstAsync(q => q.Id == questionId, ct)).Settings.DefaultMark;
        var status = await RecordAsync(attemptId, questionId, accountId, markerName, marks, comment, most, EssayDecision.BySingleMarker, ct);
        if (status == MarkingStatus.Success)
        {
            await learning.RefreshCompletionAsync(item.Participant, item.CourseKey, ct);
        }

        return status;
    }

    private sealed record CourseEssay(long AttemptId, long QuestionId, string Participant, Guid CourseKey, string CourseTitle);

    /// <summary>Unmarked essays of learners' closed attempts whose unit is in the scope, the oldest hand-in first.</summary>
    private async Task<IReadOnlyList<CourseEssay>> CourseEssaysAsync(UnitScope scope, CancellationToken ct)
    {
        var rows = await (from answer in db.AttemptAnswers
                          join attempt in db.QuizAttempts on answer.AttemptId equals attempt.Id
                          join quiz in db.Quizzes on attempt.QuizId equals quiz.Id
                          join question in db.BankQuestions on answer.QuestionId equals question.Id
                          where attempt.AwaitingMarks && answer.MarkedFraction == null && attempt.Participant.StartsWith(LearningService.ParticipantPrefix)
                                && question.BodyJson.StartsWith(EssayBody.JsonStart)
                          orderby attempt.SubmittedUtc, answer.AttemptId, answer.QuestionId
                          select new CourseEssay(answer.AttemptId, answer.QuestionId, attempt.Participant, quiz.Key, quiz.Title)).ToListAsync(ct);
        var keys = rows.Select(r => LearningService.LearnerKey(r.Participant)).OfType<Guid>().Distinct().ToList();
        var inScope = (await (from learner in db.Learners
                              join unit in db.Units.Within(scope) on learner.UnitId equals unit.Id
                              where keys.Contains(learner.Key)
                              select learner.Key).ToListAsync(ct)).ToHashSet();
        return rows.Where(r => LearningService.LearnerKey(r.Participant) is { } key && inScope.Contains(key)).ToList();
    }
}
