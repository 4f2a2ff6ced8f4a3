using System.Text.Json;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Quizzes;

public enum QuestionEditStatus
{
    Success,
    NotFound,

    /// <summary>A quiz of the bank draws more questions from a category than the change would leave in it.</summary>
    CategoryTooSmall,
}

/// <summary>A question of a bank with its id, as the backoffice lists it.</summary>
public sealed record BankQuestionItem(long Id, Question Question);

public sealed record BankQuestionPage(QuestionBank Bank, IReadOnlyList<BankQuestionItem> Questions, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <param name="Quiz">The quiz that would draw more than the category holds, with the category and what would be left.</param>
public sealed record QuestionEditResult(QuestionEditStatus Status, long? QuestionId = null, string? Quiz = null, string? Category = null, int Left = 0);

/// <summary>
/// Single questions of a bank: list, add, edit, delete. A question is never changed or removed in place: an edit
/// retires it and adds the new version, a delete retires it, so an attempt keeps showing and scoring exactly what it
/// asked (it refers to its questions by id); new attempts draw from the questions in the bank now.
/// </summary>
public sealed class QuestionBankEditor(TrainingDbContext db, TimeProvider clock)
{
    /// <summary>A page of the bank's questions in the order they were added, those whose text or name holds <paramref name="search"/>.</summary>
    public async Task<BankQuestionPage?> PageAsync(Guid bankKey, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        if (await db.QuestionBanks.AsNoTracking().FirstOrDefaultAsync(b => b.Key == bankKey, ct) is not { } bank)
        {
            return null;
        }

        var query = db.BankQuestions.AsNoTracking().Where(q => q.BankId == bank.Id && q.RetiredUtc == null);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(q => q.Text.ToLower().Contains(term) || q.Name.ToLower().Contains(term));
        }

        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = await query.OrderBy(q => q.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new BankQuestionPage(bank, rows.Select(r => new BankQuestionItem(r.Id, QuestionRows.ToQuestion(r))).ToList(), total, page, pageSize);
    }

    /// <summary>A question of the bank as it stands; null if it is not (or no longer) in the bank.</summary>
    public async Task<Question?> FindAsync(Guid bankKey, long questionId, CancellationToken ct = default) =>
        await CurrentAsync(bankKey, questionId, ct) is { } row ? QuestionRows.ToQuestion(row) : null;

    public async Task<QuestionEditResult> AddAsync(Guid bankKey, Question question, CancellationToken ct = default)
    {
        if (await db.QuestionBanks.FirstOrDefaultAsync(b => b.Key == bankKey, ct) is not { } bank)
        {
            return new QuestionEditResult(QuestionEditStatus.NotFound);
        }

        var row = NewRow(bank.Id, question);
        db.BankQuestions.Add(row);
        await db.SaveChangesAsync(ct);
        return new QuestionEditResult(QuestionEditStatus.Success, row.Id);
    }

    /// <summary>Replaces the question by its edited version (a new id); an unchanged question stays as it is.</summary>
    public async Task<QuestionEditResult> EditAsync(Guid bankKey, long questionId, Question question, CancellationToken ct = default)
    {
        if (await CurrentAsync(bankKey, questionId, ct) is not { } row)
        {
            return new QuestionEditResult(QuestionEditStatus.NotFound);
        }

        if (QuestionRows.Holds(row, question))
        {
            return new QuestionEditResult(QuestionEditStatus.Success, row.Id);
        }

        if (question.Category != row.Category && await ShortfallAsync(row, ct) is { } shortfall)
        {
            return shortfall;
        }

        var replacement = NewRow(row.BankId, question);
        row.RetiredUtc = replacement.CreatedUtc;
        db.BankQuestions.Add(replacement);
        await db.SaveChangesAsync(ct);
        return new QuestionEditResult(QuestionEditStatus.Success, replacement.Id);
    }

    public async Task<QuestionEditResult> DeleteAsync(Guid bankKey, long questionId, CancellationToken ct = default)
    {
        if (await CurrentAsync(bankKey, questionId, ct) is not { } row)
        {
            return new QuestionEditResult(QuestionEditStatus.NotFound);
        }

        if (await ShortfallAsync(row, ct) is { } shortfall)
        {
            return shortfall;
        }

        row.RetiredUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new QuestionEditResult(QuestionEditStatus.Success);
    }

    private async Task<BankQuestion?> CurrentAsync(Guid bankKey, long questionId, CancellationToken ct) =>
        await db.BankQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.RetiredUtc == null && db.QuestionBanks.Any(b => b.Id == q.BankId && b.Key == bankKey), ct);

    /// <summary>A quiz that could no longer draw its questions if <paramref name="row"/> left its category; null if none.</summary>
    private async Task<QuestionEditResult?> ShortfallAsync(BankQuestion row, CancellationToken ct)
    {
        var left = await db.BankQuestions.CountAsync(q => q.BankId == row.BankId && q.Category == row.Category && q.RetiredUtc == null, ct) - 1;
        var quizzes = await db.Quizzes.AsNoTracking().Where(q => q.BankId == row.BankId).ToListAsync(ct);
        return quizzes
            .Select(q => (q.Title, Draw: JsonSerializer.Deserialize<QuizDefinition>(q.DefinitionJson, QuestionRows.Json)!.Draws.FirstOrDefault(d => d.Category == row.Category)))
            .Where(q => q.Draw is not null && q.Draw.Count > left)
            .Select(q => new QuestionEditResult(QuestionEditStatus.CategoryTooSmall, row.Id, q.Title, row.Category, left))
            .FirstOrDefault();
    }

    private BankQuestion NewRow(int bankId, Question question)
    {
        var row = QuestionRows.ToRow(question, clock.GetUtcNow().UtcDateTime);
        row.BankId = bankId;
        return row;
    }
}
