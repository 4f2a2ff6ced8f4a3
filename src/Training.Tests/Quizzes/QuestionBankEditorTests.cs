using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Tests.Infrastructure;

namespace ChildProtection.Training.Tests.Quizzes;

/// <summary>Single questions edited and deleted while attempts use them, on each provider.</summary>
public abstract class QuestionBankEditorTests(TrainingDatabase database) : IAsyncLifetime
{
    private TrainingFixture _training = null!;
    private QuestionBank _bank = null!;
    private Guid _quiz;

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database);
        var questions = Enumerable.Range(1, 4).Select(i => new Question(
            "Luật Trẻ em", $"Câu {i}", $"Câu hỏi số {i}?", new ChoiceBody([new("Đáp án đúng", 1), new("Sai một", 0), new("Sai hai", 0)], false))).ToList();
        (_bank, _quiz) = await _training.InScopeAsync<QuizService, (QuestionBank, Guid)>(async quizzes =>
        {
            var bank = await quizzes.SaveBankAsync("Luật Trẻ em 2016", questions);
            return (bank, (await quizzes.CreateQuizAsync(bank.Id, "Vòng 1", new QuizDefinition([new CategoryDraw("Luật Trẻ em", 3)]))).Key);
        });
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task Edit_QuestionAnOpenAttemptAsked_TheAttemptKeepsAndScoresWhatItAsked()
    {
        var view = (await Quizzes(q => q.StartAttemptAsync(_quiz, "hs-001"))).Result!;
        var asked = view.Questions[0];
        await Quizzes(q => q.SaveAnswerAsync(view.Key, asked.QuestionId, new ChoiceResponse(new HashSet<int> { asked.Options.ToList().IndexOf("Đáp án đúng") }), 1));
        _training.Clock.Advance(TimeSpan.FromMinutes(1));

        // The right answer becomes another one: the attempt was asked the old question, and is scored on it.
        var edited = await Editor(e => e.EditAsync(_bank.Key, asked.QuestionId, new Question("Luật Trẻ em", "Đổi", "Câu hỏi đã sửa?", new ChoiceBody([new("Đáp án đúng", 0), new("Đáp án mới", 1)], false))));

        Assert.Equal(QuestionEditStatus.Success, edited.Status);
        Assert.NotEqual(asked.QuestionId, edited.Result!.QuestionId);
        var state = (await Quizzes(q => q.GetStateAsync(view.Key)))!;
        Assert.Equal(view.Questions.Select(q => (q.QuestionId, q.Text)), state.View.Questions.Select(q => (q.QuestionId, q.Text)));
        Assert.Equal(1, (await Quizzes(q => q.SubmitAsync(view.Key))).Result!.CorrectCount);
        var later = (await Quizzes(q => q.StartAttemptAsync(_quiz, "hs-002"))).Result!;
        Assert.DoesNotContain(later.Questions, q => q.QuestionId == asked.QuestionId);
        Assert.Null(await Editor(e => e.FindAsync(_bank.Key, asked.QuestionId)));
    }

    [Fact]
    public async Task Description_IsKeptInTheBank_ButNeverDrawnNorCountedAsAQuestion()
    {
        var added = (await Editor(e => e.AddAsync(_bank.Key, new Question("Luật Trẻ em", "Giới thiệu", "Đọc đoạn sau rồi trả lời các câu hỏi.", new DescriptionBody())))).Result;

        Assert.Equal(4, (await Quizzes(q => q.CategoriesAsync("Luật Trẻ em 2016"))).Single().Questions);
        for (var i = 0; i < 8; i++)
        {
            var view = (await Quizzes(q => q.StartAttemptAsync(_quiz, $"mo-ta-{i}"))).Result!;
            Assert.DoesNotContain(view.Questions, q => q.QuestionId == added);
        }

        Assert.Equal(QuestionEditStatus.Success, (await Editor(e => e.DeleteAsync(_bank.Key, added))).Status);
    }

    [Fact]
    public async Task Page_FindsAQuestionByItsIdNumberOrATag()
    {
        var added = await Editor(e => e.AddAsync(_bank.Key, new Question("Luật Trẻ em", "Gắn thẻ", "Câu có mã và thẻ?",
            new ChoiceBody([new("Có", 1), new("Không", 0)], false), Settings: new QuestionSettings(IdNumber: "LTE-07", Tags: ["lớp 9", "ôn tập"]))));

        foreach (var term in new[] { "lte-07", "Lớp 9", "ôn tập" })
        {
            var page = (await Editor(e => e.PageAsync(_bank.Key, term, 1, 25)))!;
            Assert.Equal(added.Result, Assert.Single(page.Questions).Id);
        }
    }

    [Fact]
    public async Task Delete_LeavesTheQuizEnoughToDraw_ThenRefusesTheNext()
    {
        var page = (await Editor(e => e.PageAsync(_bank.Key, null, 1, 25)))!;

        Assert.Equal(QuestionEditStatus.Success, (await Editor(e => e.DeleteAsync(_bank.Key, page.Questions[0].Id))).Status);
        var refused = await Editor(e => e.DeleteAsync(_bank.Key, page.Questions[1].Id));

        Assert.Equal((QuestionEditStatus.CategoryTooSmall, "Vòng 1", 2), (refused.Status, refused.Result!.Shortfall!.Quiz, refused.Result.Shortfall.Left));
        Assert.Equal(3, (await Editor(e => e.PageAsync(_bank.Key, null, 1, 25)))!.Total);
        Assert.Equal(3, (await Quizzes(q => q.StartAttemptAsync(_quiz, "hs-003"))).Result!.Questions.Count);
    }

    private Task<T> Quizzes<T>(Func<QuizService, Task<T>> action) => _training.InScopeAsync(action);

    private Task<T> Editor<T>(Func<QuestionBankEditor, Task<T>> action) => _training.InScopeAsync(action);
}

public sealed class SqliteQuestionBankEditorTests() : QuestionBankEditorTests(TrainingDatabase.Sqlite);

public sealed class PostgresQuestionBankEditorTests() : QuestionBankEditorTests(TrainingDatabase.PostgreSql);
