using System.Text.Json;
using ChildProtection.Core;
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

/// <summary>What an edit or a delete did to a question, or why it was refused.</summary>
/// <param name="QuestionId">The question it is about: the edited version, the one deleted, or the one a refusal kept.</param>
/// <param name="Shortfall">On <see cref="QuestionEditStatus.CategoryTooSmall"/>, the quiz that could no longer draw its questions.</param>
public sealed record QuestionEdit(long QuestionId, CategoryShortfall? Shortfall = null);

/// <param name="Quiz">The quiz that would draw more than the category holds, with the category and what would be left.</param>
public sealed record CategoryShortfall(string Quiz, string Category, int Left);

/// <summary>
/// Single questions of a bank: list, add, edit, delete. A question is never changed or removed in place: an edit
/// retires it and adds the new version, a delete retires it, so an attempt keeps showing and scoring exactly what it
/// asked (it refers to its questions by id); new attempts draw from the questions in the bank now.
/// </summary>
public sealed class QuestionBankEditor(TrainingDbContext db, TimeProvider clock)
{
    /// <summary>
    /// A page of the bank's questions in the order they were added, those whose text, name, ID number or tags hold
    /// <paramref name="search"/>.
    /// </summary>
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
            // The settings are JSON with letters beyond ASCII escaped ("l\u1EDBp 9"): the term is looked for as JSON writes it.
            var inJson = System.Text.Json.JsonSerializer.Serialize(term, QuestionRows.Json)[1..^1].ToLower();
            query = query.Where(q => q.Text.ToLower().Contains(term) || q.Name.ToLower().Contains(term)
                || (q.SettingsJson != null && q.SettingsJson.ToLower().Contains(inJson)));
        }

        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = await query.OrderBy(q => q.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new BankQuestionPage(bank, rows.Select(r => new BankQuestionItem(r.Id, QuestionRows.ToQuestion(r))).ToList(), total, page, pageSize);
    }

    /// <summary>A question of the bank as it stands; null if it is not (or no longer) in the bank.</summary>
    public async Task<Question?> FindAsync(Guid bankKey, long questionId, CancellationToken ct = default) =>
        await CurrentAsync(bankKey, questionId, ct) is { } row ? QuestionRows.ToQuestion(row) : null;

    public async Task<Attempt<long, QuestionEditStatus>> AddAsync(Guid bankKey, Question question, CancellationToken ct = default)
    {
        if (await db.QuestionBanks.FirstOrDefaultAsync(b => b.Key == bankKey, ct) is not { } bank)
        {
            return Attempt.Fail(QuestionEditStatus.NotFound);
        }

        var row = NewRow(bank.Id, question);
        db.BankQuestions.Add(row);
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(QuestionEditStatus.Success, row.Id);
    }

    /// <summary>Replaces the question by its edited version (a new id); an unchanged question stays as it is.</summary>
    public async Task<Attempt<QuestionEdit, QuestionEditStatus>> EditAsync(Guid bankKey, long questionId, Question question, CancellationToken ct = default)
    {
        if (await CurrentAsync(bankKey, questionId, ct) is not { } row)
        {
            return Attempt.Fail(QuestionEditStatus.NotFound);
        }

        if (QuestionRows.Holds(row, question))
        {
            return Edited(row.Id);
        }

        // Moved to another category, or made a description: its category has one question fewer to draw.
        if ((question.Category != row.Category || question.Body is Questions.DescriptionBody) && await ShortfallAsync(row, ct) is { } shortfall)
        {
            return shortfall;
        }

        var replacement = NewRow(row.BankId, question);
        row.RetiredUtc = replacement.CreatedUtc;
        db.BankQuestions.Add(replacement);
        await db.SaveChangesAsync(ct);
        return Edited(replacement.Id);
    }

    public async Task<Attempt<QuestionEdit, QuestionEditStatus>> DeleteAsync(Guid bankKey, long questionId, CancellationToken ct = default)
    {
        if (await CurrentAsync(bankKey, questionId, ct) is not { } row)
        {
            return Attempt.Fail(QuestionEditStatus.NotFound);
        }

        if (await ShortfallAsync(row, ct) is { } shortfall)
        {
            return shortfall;
        }

        row.RetiredUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Edited(row.Id);
    }

    private static Attempt<QuestionEdit, QuestionEditStatus> Edited(long questionId) =>
        Attempt.SucceedWithStatus(QuestionEditStatus.Success, new QuestionEdit(questionId));

    private async Task<BankQuestion?> CurrentAsync(Guid bankKey, long questionId, CancellationToken ct) =>
        await db.BankQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.RetiredUtc == null && db.QuestionBanks.Any(b => b.Id == q.BankId && b.Key == bankKey), ct);

    /// <summary>The refusal when a quiz could no longer draw its questions if <paramref name="row"/> left its category; null if none.</summary>
    private async Task<Attempt<QuestionEdit, QuestionEditStatus>?> ShortfallAsync(BankQuestion row, CancellationToken ct)
    {
        if (QuestionRows.IsDescription(row))
        {
            // A description is never drawn: no quiz misses it.
            return null;
        }

        var left = await db.BankQuestions.Drawable().CountAsync(q => q.BankId == row.BankId && q.Category == row.Category && q.RetiredUtc == null, ct) - 1;
        var quizzes = await db.Quizzes.AsNoTracking().Where(q => q.BankId == row.BankId).ToListAsync(ct);
        return quizzes
            .Select(q => (q.Title, Draw: JsonSerializer.Deserialize<QuizDefinition>(q.DefinitionJson, QuestionRows.Json)!.Draws.FirstOrDefault(d => d.Category == row.Category)))
            .Where(q => q.Draw is not null && q.Draw.Count > left)
            .Select(q => Attempt.FailWithStatus(QuestionEditStatus.CategoryTooSmall, new QuestionEdit(row.Id, new CategoryShortfall(q.Title, row.Category, left))))
            .FirstOrDefault();
    }

    private BankQuestion NewRow(int bankId, Question question)
    {
        var row = QuestionRows.ToRow(question, clock.GetUtcNow().UtcDateTime);
        row.BankId = bankId;
        return row;
    }
}
