using System.Security.Cryptography;
using System.Text.Json;
using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Paper;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Quizzes;

/// <summary>Paper versions (mã đề) of a quiz: drawn as an attempt is, each with its own seed, and kept.</summary>
public sealed partial class QuizService
{
    /// <summary>The most versions one request makes: a school prints a handful, an exam board two dozen.</summary>
    public const int MaxPaperVersions = 24;

    /// <summary>The first code of a quiz's versions; the next ones count on from the last made.</summary>
    public const int FirstPaperCode = 101;

    /// <summary>
    /// Makes <paramref name="count"/> more versions of the quiz, coded after those it has (versions already printed are
    /// never changed). Two organisers asking at once each get codes of their own: a code taken meanwhile is drawn again.
    /// </summary>
    /// <returns>Null when there is no such quiz; the quiz with all its versions otherwise.</returns>
    public async Task<PaperQuiz?> MakePaperVersionsAsync(Guid quizKey, int count, CancellationToken ct = default)
    {
        if (await db.Quizzes.AsNoTracking().FirstOrDefaultAsync(q => q.Key == quizKey, ct) is not { } quiz)
        {
            return null;
        }

        var definition = Definition(quiz) with { ShuffleAnswers = true };
        var bank = await DrawableQuestionsAsync(quiz, definition, clock.GetUtcNow().UtcDateTime, ct);
        for (var tries = 0; ; tries++)
        {
            var last = await db.PaperVersions.Where(v => v.QuizId == quiz.Id).MaxAsync(v => (int?)v.Code, ct) ?? FirstPaperCode - 1;
            var made = Enumerable.Range(last + 1, Math.Clamp(count, 1, MaxPaperVersions)).Select(code => new PaperVersion
            {
                QuizId = quiz.Id,
                Code = code,
                PlanJson = JsonSerializer.Serialize(AttemptPlanner.Plan(definition, bank, RandomNumberGenerator.GetInt32(int.MaxValue)), Json),
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            }).ToList();
            db.PaperVersions.AddRange(made);
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (tries < 3)
            {
                // Another request took these codes first (the unique index on quiz and code): count on from its.
                made.ForEach(v => db.Entry(v).State = EntityState.Detached);
            }
        }

        return await PaperVersionsAsync(quizKey, ct);
    }

    /// <summary>The quiz's versions with their questions as printed; null when there is no such quiz.</summary>
    public async Task<PaperQuiz?> PaperVersionsAsync(Guid quizKey, CancellationToken ct = default)
    {
        if (await db.Quizzes.AsNoTracking().FirstOrDefaultAsync(q => q.Key == quizKey, ct) is not { } quiz)
        {
            return null;
        }

        var rows = await db.PaperVersions.AsNoTracking().Where(v => v.QuizId == quiz.Id).OrderBy(v => v.Code).ToListAsync(ct);
        var plans = rows.ToDictionary(r => r.Code, r => JsonSerializer.Deserialize<List<PlannedQuestion>>(r.PlanJson, Json)!);
        var questions = await QuestionsAsync(plans.Values.SelectMany(p => p.Select(q => q.QuestionId)).Distinct(), ct);
        // One query for every version's descriptions; each version takes those standing when it was made.
        var descriptions = rows.Count == 0 ? [] : await DescriptionRowsAsync(quiz.BankId, questions.Values.Select(q => q.Category).Distinct().ToList(), rows.Max(r => r.CreatedUtc), ct);
        return new PaperQuiz(quiz.Id, quiz.Key, quiz.Title, Definition(quiz), rows.Select(row =>
        {
            var intros = Placed(descriptions, plans[row.Code], questions, row.CreatedUtc);
            return new PrintedVersion(row.Code, row.CreatedUtc, plans[row.Code].Select((p, i) => new PrintedQuestion(
                i + 1, p.QuestionId, questions[p.QuestionId], p.Order, PaperKey.Right(questions[p.QuestionId], p.Order), intros.GetValueOrDefault(p.QuestionId))).ToList());
        }).ToList());
    }
}
