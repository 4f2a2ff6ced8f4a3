using System.Text.Json;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Quizzes;

/// <summary>The question banks and the quizzes drawn from them: what attempts are planned from.</summary>
public sealed partial class QuizService
{
    /// <summary>Saves every question of an import in one transaction: a file is taken whole or not at all.</summary>
    public async Task<QuestionBank> SaveBankAsync(string name, IReadOnlyList<Question> questions, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var bank = new QuestionBank { Key = Guid.NewGuid(), Name = name, CreatedUtc = now };
        bank.Questions.AddRange(questions.Select(q => QuestionRows.ToRow(q, now)));
        db.QuestionBanks.Add(bank);
        await db.SaveChangesAsync(ct);
        return bank;
    }

    /// <summary>Every bank with its number of questions, by name.</summary>
    public async Task<IReadOnlyList<(QuestionBank Bank, int Questions)>> BanksAsync(CancellationToken ct = default) =>
        (await db.QuestionBanks.AsNoTracking().OrderBy(b => b.Name)
            .Select(b => new { Bank = b, Questions = db.BankQuestions.Count(q => q.BankId == b.Id && q.RetiredUtc == null) }).ToListAsync(ct))
        .Select(b => (b.Bank, b.Questions)).ToList();

    public Task<bool> BankExistsAsync(string name, CancellationToken ct = default) =>
        db.QuestionBanks.AnyAsync(b => b.Name == name, ct);

    /// <summary>A bank's questions as the import formats write them; null if there is no such bank.</summary>
    public async Task<(string Name, IReadOnlyList<Question> Questions)?> BankQuestionsAsync(Guid key, CancellationToken ct = default)
    {
        if (await db.QuestionBanks.AsNoTracking().FirstOrDefaultAsync(b => b.Key == key, ct) is not { } bank)
        {
            return null;
        }

        var rows = await db.BankQuestions.AsNoTracking().Where(q => q.BankId == bank.Id && q.RetiredUtc == null).OrderBy(q => q.Id).ToListAsync(ct);
        return (bank.Name, rows.Select(QuestionRows.ToQuestion).ToList());
    }

    public async Task<Quiz> CreateQuizAsync(int bankId, string title, QuizDefinition definition, DateTime? opensUtc = null, DateTime? closesUtc = null, CancellationToken ct = default)
    {
        var quiz = new Quiz { Key = Guid.NewGuid(), Title = title, BankId = bankId, DefinitionJson = JsonSerializer.Serialize(definition, Json), OpensUtc = opensUtc, ClosesUtc = closesUtc };
        db.Quizzes.Add(quiz);
        await db.SaveChangesAsync(ct);
        return quiz;
    }

    /// <summary>The categories of one bank (or of every bank) with the questions new attempts can draw, by bank and category.</summary>
    public async Task<IReadOnlyList<BankCategory>> CategoriesAsync(string? bankName = null, CancellationToken ct = default)
    {
        var rows = await (from question in db.BankQuestions.Drawable()
                          join bank in db.QuestionBanks on question.BankId equals bank.Id
                          where question.RetiredUtc == null && (bankName == null || bank.Name == bankName)
                          group question by new { Bank = bank.Name, question.Category } into g
                          select new BankCategory(g.Key.Bank, g.Key.Category, g.Count())).ToListAsync(ct);
        return rows.OrderBy(c => c.Bank, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The quiz with this key, created or brought up to date: it draws <paramref name="questionCount"/> questions
    /// from the bank, spread over the bank's categories in proportion to their size. Null if the bank does not exist.
    /// </summary>
    /// <param name="rules">Time limit, attempts, review and opening times; none of them when null.</param>
    public async Task<Quiz?> EnsureQuizAsync(Guid key, string title, string bankName, int questionCount, decimal passMark, CancellationToken ct = default, QuizRules? rules = null) =>
        await EnsureQuizAsync(key, title, bankName, CategoryDraws.Proportional(await CategoriesAsync(bankName, ct), questionCount), passMark, ct, rules);

    /// <summary>
    /// The quiz with this key, created or brought up to date, drawing the given number of questions from each category
    /// (the caller has checked them with <see cref="CategoryDraws.Shortages"/>). Null if the bank does not exist.
    /// </summary>
    public async Task<Quiz?> EnsureQuizAsync(Guid key, string title, string bankName, IReadOnlyList<CategoryDraw> draws, decimal passMark, CancellationToken ct = default, QuizRules? rules = null)
    {
        if (await db.QuestionBanks.AsNoTracking().FirstOrDefaultAsync(b => b.Name == bankName, ct) is not { } bank)
        {
            return null;
        }

        rules ??= new QuizRules();
        var definition = JsonSerializer.Serialize(
            new QuizDefinition(draws.Where(d => d.Count > 0).ToList(), rules.TimeLimit, rules.MaxAttempts, passMark, Review: rules.Review, ReviewOpensUtc: rules.ReviewOpensUtc), Json);
        var quiz = await db.Quizzes.FirstOrDefaultAsync(q => q.Key == key, ct);
        if (quiz is null)
        {
            quiz = new Quiz { Key = key, Title = title, BankId = bank.Id, DefinitionJson = definition };
            db.Quizzes.Add(quiz);
        }

        (quiz.Title, quiz.BankId, quiz.DefinitionJson, quiz.OpensUtc, quiz.ClosesUtc) = (title, bank.Id, definition, rules.OpensUtc, rules.ClosesUtc);

        await db.SaveChangesAsync(ct);
        return quiz;
    }
}
