using ChildProtection.Core;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Quizzes;

/// <summary>An essay's attached file: taken while the attempt is open, for an essay that allows one, and kept for its markers.</summary>
public sealed partial class QuizService
{
    /// <summary>
    /// Keeps the file for the essay, replacing one sent before. The caller has checked what the file is (its content,
    /// not its name). Two sends at once (a double click) leave one of them.
    /// </summary>
    public async Task<Attempt<AttemptStatus>> SaveAttachmentAsync(Guid attemptKey, long questionId, string fileName, string contentType, byte[] content, CancellationToken ct = default)
    {
        if (await LoadAsync(attemptKey, ct) is not var (attempt, _, _, plan))
        {
            return Attempt.Fail(AttemptStatus.AttemptNotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (Acceptance(attempt, now) is { } refused)
        {
            return Attempt.Fail(refused);
        }

        if (plan.All(p => p.QuestionId != questionId) || (await QuestionsAsync([questionId], ct))[questionId].Body is not EssayBody { AllowAttachment: true })
        {
            return Attempt.Fail(AttemptStatus.QuestionNotInAttempt);
        }

        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        name = name.Length == 0 ? "tep" : name[..Math.Min(name.Length, 200)];
        var updated = await db.AttemptFiles.Where(f => f.AttemptId == attempt.Id && f.QuestionId == questionId)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.FileName, name).SetProperty(x => x.ContentType, contentType).SetProperty(x => x.Content, content).SetProperty(x => x.SavedUtc, now), ct);
        if (updated == 0)
        {
            var file = new AttemptFile { AttemptId = attempt.Id, QuestionId = questionId, FileName = name, ContentType = contentType, Content = content, SavedUtc = now };
            db.AttemptFiles.Add(file);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same essay's file sent twice at once: the other one is kept.
                db.Entry(file).State = EntityState.Detached;
            }
        }

        return Attempt.Succeed(AttemptStatus.Success);
    }

    /// <summary>The names of the files attached to the attempt's essays, by question.</summary>
    public async Task<IReadOnlyDictionary<long, string>> AttachmentNamesAsync(long attemptId, CancellationToken ct = default) =>
        await db.AttemptFiles.Where(f => f.AttemptId == attemptId).ToDictionaryAsync(f => f.QuestionId, f => f.FileName, ct);

    /// <summary>The file attached to one essay of an attempt; null when there is none. Who may read it is the caller's to check.</summary>
    public Task<AttemptFile?> AttachmentAsync(long attemptId, long questionId, CancellationToken ct = default) =>
        db.AttemptFiles.AsNoTracking().FirstOrDefaultAsync(f => f.AttemptId == attemptId && f.QuestionId == questionId, ct);
}
