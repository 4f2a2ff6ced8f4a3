using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Learning;

/// <summary>One learner's paper of a course's final quiz, as typed from the answer sheet.</summary>
/// <param name="Row">The row in the spreadsheet (the header is row 1).</param>
/// <param name="Email">The learner's e-mail address, as their account and the learner import know them.</param>
/// <param name="Answers">As <see cref="PaperAnswers.Read"/> reads them.</param>
/// <param name="EssayMarks">The marks of the essays, marked on paper by the trainer, separated by ";".</param>
public sealed record CoursePaperRow(int Row, string Email, string Code, string Answers, string EssayMarks = "");

/// <summary>
/// A course's final quiz sat on paper (a training day in a commune without enough devices): each paper is marked
/// against its version's key and kept as a closed attempt of its learner, so it decides the pass, the completion and
/// the certificate and joins the completion reports as an attempt made online does. Only learners of the manager's
/// units may be named; a sheet is imported whole or not at all, and the same learner's paper of the same version
/// is taken once (a unique key on the quiz, the learner and the code).
/// </summary>
public sealed class CoursePaperResults(TrainingDbContext db, QuizService quizzes, LearningService learning, TimeProvider clock)
{
    /// <param name="attendedInPerson">
    /// The learners followed the course's lessons in person: their lessons count as viewed, so passing on paper
    /// completes the course.
    /// </param>
    /// <returns>Null when the course has no final quiz or no paper version of it.</returns>
    public async Task<PaperImport?> ImportAsync(UnitScope scope, CourseOutline course, IReadOnlyList<CoursePaperRow> rows, bool attendedInPerson, CancellationToken ct = default)
    {
        if (!course.HasQuiz || await quizzes.PaperVersionsAsync(course.Key, ct) is not { Versions.Count: > 0 } paper)
        {
            return null;
        }

        // A learner enrolling online at the very moment of the import takes the enrolment first: read it and try once more.
        for (var tries = 0; ; tries++)
        {
            var (errors, learners) = await AddAsync(scope, course, paper, rows, attendedInPerson, ct);
            if (errors.Count > 0)
            {
                db.ChangeTracker.Clear();
                return new PaperImport(0, errors);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (await AlreadyImportedAsync(paper, rows, learners, ct) is { } taken)
                {
                    return new PaperImport(0, [taken]);
                }

                if (tries > 0)
                {
                    throw;
                }

                continue;
            }

            foreach (var learner in learners.Values.DistinctBy(l => l.Id))
            {
                await learning.RefreshCompletionAsync(LearningService.Participant(learner), course.Key, ct);
            }

            return new PaperImport(rows.Count, []);
        }
    }

    /// <summary>Reads every row; adds the attempts, enrolments and lesson views of a sheet without errors.</summary>
    private async Task<(List<PaperRowError> Errors, Dictionary<string, Learner> Learners)> AddAsync(
        UnitScope scope, CourseOutline course, PaperQuiz paper, IReadOnlyList<CoursePaperRow> rows, bool attendedInPerson, CancellationToken ct)
    {
        var learners = await LearnersAsync(scope, rows, ct);
        var versions = paper.Versions.ToDictionary(v => v.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var errors = new List<PaperRowError>();
        var seen = new Dictionary<(string, string), int>();
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = new List<(Learner Learner, QuizAttempt Attempt)>();
        foreach (var row in rows)
        {
            var email = Normal(row.Email);
            if (!learners.TryGetValue(email, out var learner))
            {
                errors.Add(new PaperRowError(row.Row, PaperRowProblem.UnknownLearner, row.Email.Trim()));
            }
            else if (!seen.TryAdd((email, row.Code.Trim()), row.Row))
            {
                errors.Add(new PaperRowError(row.Row, PaperRowProblem.DuplicateRow, seen[(email, row.Code.Trim())].ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            else if (!versions.TryGetValue(row.Code.Trim(), out var version))
            {
                errors.Add(new PaperRowError(row.Row, PaperRowProblem.UnknownCode, row.Code));
            }
            else if (PaperAnswers.Read(version, row.Row, row.Answers, row.EssayMarks, errors) is { } answers)
            {
                attempts.Add((learner, answers.ToAttempt(paper, version, LearningService.Participant(learner), now, now)));
            }
        }

        if (errors.Count > 0)
        {
            return (errors, learners);
        }

        db.QuizAttempts.AddRange(attempts.Select(a => a.Attempt));
        var ids = attempts.Select(a => a.Learner.Id).Distinct().ToList();
        var enrolled = (await db.Enrolments.Where(e => e.CourseKey == course.Key && ids.Contains(e.LearnerId)).Select(e => e.LearnerId).ToListAsync(ct)).ToHashSet();
        db.Enrolments.AddRange(attempts.Select(a => a.Learner).DistinctBy(l => l.Id).Where(l => !enrolled.Contains(l.Id)).Select(l => Enrolment.Of(l, course.Key, now)));
        if (attendedInPerson)
        {
            var viewed = (await db.LessonViews.Where(v => v.CourseKey == course.Key && ids.Contains(v.LearnerId)).Select(v => new { v.LearnerId, v.LessonKey }).ToListAsync(ct))
                .Select(v => (v.LearnerId, v.LessonKey)).ToHashSet();
            db.LessonViews.AddRange(from id in ids
                                    from lesson in course.Lessons
                                    where !viewed.Contains((id, lesson.Key))
                                    select new LessonView { LearnerId = id, LessonKey = lesson.Key, CourseKey = course.Key, ViewedUtc = now });
        }

        return (errors, learners);
    }

    /// <summary>The learners the rows name, by e-mail address, among those of the scope's units (the first registered when two share one).</summary>
    private async Task<Dictionary<string, Learner>> LearnersAsync(UnitScope scope, IReadOnlyList<CoursePaperRow> rows, CancellationToken ct)
    {
        var emails = rows.Select(r => Normal(r.Email)).Where(e => e.Length > 0).Distinct().ToList();
        var found = await (from learner in db.Learners.AsNoTracking()
                           join unit in db.Units.Within(scope) on learner.UnitId equals unit.Id
                           where emails.Contains(learner.Email.ToLower())
                           orderby learner.Id
                           select learner).ToListAsync(ct);
        return found.DistinctBy(l => Normal(l.Email)).ToDictionary(l => Normal(l.Email));
    }

    /// <summary>Which row's paper the quiz already holds, if one does: the reason the sheet was refused.</summary>
    private async Task<PaperRowError?> AlreadyImportedAsync(PaperQuiz paper, IReadOnlyList<CoursePaperRow> rows, Dictionary<string, Learner> learners, CancellationToken ct)
    {
        var participants = learners.Values.Select(LearningService.Participant).ToList();
        var taken = (await db.QuizAttempts.Where(a => a.QuizId == paper.QuizId && a.PaperCode != null && participants.Contains(a.Participant))
            .Select(a => new { a.Participant, a.PaperCode }).ToListAsync(ct)).Select(a => (a.Participant, a.PaperCode!.Value)).ToHashSet();
        return rows.FirstOrDefault(r => learners.TryGetValue(Normal(r.Email), out var learner)
                && int.TryParse(r.Code.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
                && taken.Contains((LearningService.Participant(learner), code))) is { } row
            ? new PaperRowError(row.Row, PaperRowProblem.AlreadyImported)
            : null;
    }

    private static string Normal(string email) => email.Trim().ToLowerInvariant();
}
