using ChildProtection.Core;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Attempts;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Learning;

public enum LearningStatus
{
    Success,
    CourseNotFound,
    LessonNotInCourse,
    NoQuiz,
    QuestionBankMissing,
    AttemptNotFound,
    UnitNotFound,
}

/// <summary>A learner's standing on one course: what is viewed, how the final quiz went, whether it is complete.</summary>
/// <param name="Attempts">Attempts at the final quiz so far, open or closed (the course may limit them).</param>
/// <param name="AwaitingMarks">An attempt handed in has an essay that a training manager has not marked yet.</param>
public sealed record CourseProgress(CourseOutline Course, Enrolment? Enrolment, IReadOnlySet<Guid> ViewedLessons, QuizAttempt? BestAttempt, QuizAttempt? OpenAttempt, int Attempts = 0, bool AwaitingMarks = false)
{
    /// <summary>No attempt open and none left to start: the course's limit is reached.</summary>
    public bool NoAttemptsLeft => OpenAttempt is null && Course.MaxAttempts is { } max && Attempts >= max;

    public int LessonsViewed => Course.Lessons.Count(l => ViewedLessons.Contains(l.Key));

    public bool QuizPassed => BestAttempt?.Passed == true;

    public bool Completed => Enrolment?.CompletedUtc is not null;

    /// <summary>Lessons count one step each, and a final quiz one more.</summary>
    public int Percent
    {
        get
        {
            var steps = Course.Lessons.Count + (Course.HasQuiz ? 1 : 0);
            var done = LessonsViewed + (Course.HasQuiz && QuizPassed ? 1 : 0);
            return steps == 0 ? 0 : done * 100 / steps;
        }
    }
}

/// <summary>
/// Courses from the learner's side (Moodle's course completion): enrolment, lesson views, the final quiz on the
/// quiz engine, and completion (with its certificate) once every lesson is viewed and the quiz passed with the pass mark.
/// </summary>
public sealed class LearningService(TrainingDbContext db, QuizService quizzes, ICourseCatalog catalog, Certificates certificates, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public const string ParticipantPrefix = "learner:";

    public static string Participant(Learner learner) => $"{ParticipantPrefix}{learner.Key:N}";

    /// <summary>The learner's key an attempt's participant names; null for a contest entry's attempt.</summary>
    public static Guid? LearnerKey(string participant) =>
        participant.StartsWith(ParticipantPrefix, StringComparison.Ordinal) && Guid.TryParseExact(participant[ParticipantPrefix.Length..], "N", out var key) ? key : null;

    public Task<Learner?> FindByAccountAsync(string accountId, CancellationToken ct = default) =>
        db.Learners.AsNoTracking().FirstOrDefaultAsync(l => l.AccountId == accountId, ct);

    public async Task<Attempt<Learner, LearningStatus>> RegisterAsync(string accountId, string fullName, string email, LearnerRole role, int unitId, CancellationToken ct = default)
    {
        if (!await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            return Attempt.Fail(LearningStatus.UnitNotFound);
        }

        var learner = new Learner { Key = Guid.NewGuid(), AccountId = accountId, FullName = fullName.Trim(), Email = email.Trim(), Role = role, UnitId = unitId, RegisteredUtc = Now };
        db.Learners.Add(learner);
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(LearningStatus.Success, learner);
    }

    public async Task<LearningStatus> EnrolAsync(Learner learner, Guid courseKey, CancellationToken ct = default)
    {
        if (catalog.Find(courseKey) is null)
        {
            return LearningStatus.CourseNotFound;
        }

        await EnsureEnrolledAsync(learner, courseKey, ct);
        return LearningStatus.Success;
    }

    /// <summary>Opening a lesson enrols the learner if need be (open courses) and counts the lesson as viewed.</summary>
    public async Task<LearningStatus> RecordLessonViewAsync(Learner learner, Guid courseKey, Guid lessonKey, CancellationToken ct = default)
    {
        if (catalog.Find(courseKey) is not { } course)
        {
            return LearningStatus.CourseNotFound;
        }

        if (course.Lessons.All(l => l.Key != lessonKey))
        {
            return LearningStatus.LessonNotInCourse;
        }

        await EnsureEnrolledAsync(learner, courseKey, ct);
        if (!await db.LessonViews.AnyAsync(v => v.LearnerId == learner.Id && v.LessonKey == lessonKey, ct))
        {
            db.LessonViews.Add(new LessonView { LearnerId = learner.Id, LessonKey = lessonKey, CourseKey = courseKey, ViewedUtc = Now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same lesson opened twice at once (two tabs): the first view stands.
                db.ChangeTracker.Clear();
            }
        }

        await UpdateCompletionAsync(learner, course, ct);
        return LearningStatus.Success;
    }

    public async Task<CourseProgress?> ProgressAsync(Learner learner, Guid courseKey, CancellationToken ct = default) =>
        catalog.Find(courseKey) is { } course ? (await ProgressAsync(learner, [course], ct))[0] : null;

    /// <summary>The learner's courses: those enrolled in first, then the others open to them.</summary>
    public async Task<IReadOnlyList<CourseProgress>> DashboardAsync(Learner learner, CancellationToken ct = default) =>
        (await ProgressAsync(learner, catalog.Courses, ct)).OrderBy(p => p.Enrolment is null).ThenBy(p => p.Completed).ToList();

    /// <summary>
    /// Starts the course's final quiz, or takes up the attempt still open. The course's refusals come first (no such
    /// course, no quiz, no question bank); past them the outcome is the quiz's own (no attempts left).
    /// </summary>
    public async Task<Attempt<Attempt<AttemptView, AttemptStatus>, LearningStatus>> StartFinalQuizAsync(Learner learner, Guid courseKey, CancellationToken ct = default)
    {
        if (catalog.Find(courseKey) is not { } course)
        {
            return Attempt.Fail(LearningStatus.CourseNotFound);
        }

        if (!course.HasQuiz)
        {
            return Attempt.Fail(LearningStatus.NoQuiz);
        }

        if (await FinalQuizAsync(course, ct) is null)
        {
            return Attempt.Fail(LearningStatus.QuestionBankMissing);
        }

        await EnsureEnrolledAsync(learner, courseKey, ct);
        // An attempt still open is taken up again rather than a new one started.
        var started = (await quizzes.AttemptsAsync(course.Key, Participant(learner), ct)).FirstOrDefault(a => a.SubmittedUtc is null) is { } open
            && await quizzes.GetStateAsync(open.Key, ct) is { } state
                ? Attempt.SucceedWithStatus(AttemptStatus.Success, state.View)
                : await quizzes.StartAttemptAsync(course.Key, Participant(learner), ct);
        return Attempt.SucceedWithStatus(LearningStatus.Success, started);
    }

    /// <summary>
    /// The course's final quiz with the course's settings as they are now (so an edit counts from the next attempt on);
    /// null when the course has no quiz or its question bank is missing.
    /// </summary>
    public async Task<Quiz?> FinalQuizAsync(CourseOutline course, CancellationToken ct = default) =>
        course.HasQuiz
            ? await quizzes.EnsureQuizAsync(course.Key, course.Title, course.QuestionBank!, course.QuizQuestions, course.PassMark, ct, new QuizRules(course.TimeLimit, course.MaxAttempts))
            : null;

    /// <summary>Whether the attempt is the learner's own.</summary>
    public async Task<bool> OwnsAttemptAsync(Learner learner, Guid attemptKey, CancellationToken ct = default) =>
        await quizzes.ParticipantAsync(attemptKey, ct) == Participant(learner);

    /// <summary>The learner's own attempt (never someone else's), as it stands.</summary>
    public async Task<AttemptState?> AttemptAsync(Learner learner, Guid attemptKey, CancellationToken ct = default) =>
        Own(learner, await quizzes.GetStateAsync(attemptKey, ct));

    /// <summary>The learner's own attempt as a request that saves answers needs it (see <see cref="QuizService.GetStateToSaveAsync"/>).</summary>
    public async Task<AttemptState?> AttemptToSaveAsync(Learner learner, Guid attemptKey, CancellationToken ct = default) =>
        Own(learner, await quizzes.GetStateToSaveAsync(attemptKey, ct));

    /// <summary>The attempt when it is the learner's own; never someone else's.</summary>
    private static AttemptState? Own(Learner learner, AttemptState? state) => state?.Attempt.Participant == Participant(learner) ? state : null;

    /// <summary>The learner's own attempt with the key of the course whose final quiz it is, or null.</summary>
    public async Task<(Guid CourseKey, AttemptState State)?> CourseAttemptAsync(Learner learner, Guid attemptKey, CancellationToken ct = default) =>
        await AttemptAsync(learner, attemptKey, ct) is { } state ? (await CourseKeyAsync(state, ct), state) : null;

    public async Task<Attempt<AttemptScore, AttemptStatus>> SubmitFinalQuizAsync(Learner learner, Guid attemptKey, CancellationToken ct = default)
    {
        if (await AttemptToSaveAsync(learner, attemptKey, ct) is not { } state)
        {
            return Attempt.Fail(AttemptStatus.AttemptNotFound);
        }

        var result = await quizzes.SubmitAsync(attemptKey, ct);
        if (catalog.Find(await CourseKeyAsync(state, ct)) is { } course)
        {
            await UpdateCompletionAsync(learner, course, ct);
        }

        return result;
    }

    private async Task EnsureEnrolledAsync(Learner learner, Guid courseKey, CancellationToken ct)
    {
        if (await db.Enrolments.AnyAsync(e => e.LearnerId == learner.Id && e.CourseKey == courseKey, ct))
        {
            return;
        }

        db.Enrolments.Add(Enrolment.Of(learner, courseKey, Now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// After an essay of a course's final quiz is marked: the learner's completion (and certificate) as the attempt's
    /// new score decides it. Nothing for an attempt that is no learner's, or a course no longer published.
    /// </summary>
    public async Task RefreshCompletionAsync(string participant, Guid courseKey, CancellationToken ct = default)
    {
        if (catalog.Find(courseKey) is { } course && LearnerKey(participant) is { } key
            && await db.Learners.AsNoTracking().FirstOrDefaultAsync(l => l.Key == key, ct) is { } learner)
        {
            await UpdateCompletionAsync(learner, course, ct);
        }
    }

    private async Task UpdateCompletionAsync(Learner learner, CourseOutline course, CancellationToken ct)
    {
        var progress = (await ProgressAsync(learner, [course], ct))[0];
        var done = progress.LessonsViewed == course.Lessons.Count && (!course.HasQuiz || progress.QuizPassed);
        if (done && progress.Enrolment is { CompletedUtc: null } enrolment)
        {
            await db.Enrolments.Where(e => e.Id == enrolment.Id && e.CompletedUtc == null)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.CompletedUtc, Now), ct);
            await certificates.IssueAsync(learner, course, ct);
        }
    }

    private async Task<List<CourseProgress>> ProgressAsync(Learner learner, IReadOnlyList<CourseOutline> courses, CancellationToken ct)
    {
        var keys = courses.Select(c => c.Key).ToList();
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.LearnerId == learner.Id && keys.Contains(e.CourseKey)).ToListAsync(ct);
        var views = await db.LessonViews.AsNoTracking().Where(v => v.LearnerId == learner.Id && keys.Contains(v.CourseKey)).ToListAsync(ct);
        var participant = Participant(learner);
        var attempts = await (from attempt in db.QuizAttempts.AsNoTracking()
                              join quiz in db.Quizzes on attempt.QuizId equals quiz.Id
                              where attempt.Participant == participant && keys.Contains(quiz.Key)
                              select new { quiz.Key, Attempt = attempt }).ToListAsync(ct);
        return courses.Select(course =>
        {
            var own = attempts.Where(a => a.Key == course.Key).Select(a => a.Attempt).ToList();
            return new CourseProgress(
                course,
                enrolments.FirstOrDefault(e => e.CourseKey == course.Key),
                views.Where(v => v.CourseKey == course.Key).Select(v => v.LessonKey).ToHashSet(),
                own.Where(a => a.SubmittedUtc is not null).OrderByDescending(a => a.Marks).ThenBy(a => a.Id).FirstOrDefault(),
                own.FirstOrDefault(a => a.SubmittedUtc is null),
                own.Count,
                own.Any(a => a.SubmittedUtc is not null && a.AwaitingMarks));
        }).ToList();
    }

    /// <summary>A course's final quiz bears the course's key.</summary>
    private Task<Guid> CourseKeyAsync(AttemptState state, CancellationToken ct) =>
        db.Quizzes.Where(q => q.Id == state.Attempt.QuizId).Select(q => q.Key).SingleAsync(ct);
}
