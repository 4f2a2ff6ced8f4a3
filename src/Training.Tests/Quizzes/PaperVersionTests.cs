using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Tests.Infrastructure;

namespace ChildProtection.Training.Tests.Quizzes;

/// <summary>Paper versions (mã đề) on a real database, run against each provider by the subclasses below.</summary>
public abstract class PaperVersionTests(TrainingDatabase database) : IAsyncLifetime
{
    private TrainingFixture _training = null!;
    private Guid _quiz;

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database);
        var questions = Enumerable.Range(1, 12).Select(i => new Question(
            "Luật Trẻ em", $"Câu {i}", $"Câu hỏi số {i}?", new ChoiceBody([new($"Đúng {i}", 1), new("Sai một", 0), new("Sai hai", 0), new("Sai ba", 0)], false)))
            .Append(new Question("Luật Trẻ em", "Đúng sai", "Tổng đài 111 miễn phí.", new TrueFalseBody(true)))
            .ToList();
        _quiz = await Service(async quizzes =>
        {
            var bank = await quizzes.SaveBankAsync("Luật Trẻ em – đề giấy", questions);
            return (await quizzes.CreateQuizAsync(bank.Id, "Vòng 1", new QuizDefinition([new CategoryDraw("Luật Trẻ em", 13)], TimeSpan.FromMinutes(20)))).Key;
        });
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task Make_VersionsCoded101On_EachInItsOwnOrder_WithTheKeyOfWhatItPrints()
    {
        var paper = (await Service(q => q.MakePaperVersionsAsync(_quiz, 3)))!;

        Assert.Equal([101, 102, 103], paper.Versions.Select(v => v.Code));
        Assert.Equal((TimeSpan?)TimeSpan.FromMinutes(20), paper.TimeLimit);
        Assert.All(paper.Versions, v => Assert.Equal(13, v.Questions.Count));
        Assert.Equal(3, paper.Versions.Select(v => string.Join(",", v.Questions.Select(q => q.Question.Name + string.Concat(q.Order)))).Distinct().Count());
        foreach (var printed in paper.Versions.SelectMany(v => v.Questions))
        {
            var right = Assert.Single(printed.Right);
            if (printed.Question.Body is ChoiceBody choice)
            {
                Assert.StartsWith("Đúng", choice.Choices[printed.Order[right]].Text);
            }
            else
            {
                Assert.Equal(0, right);
            }
        }
    }

    [Fact]
    public async Task MakeMore_CountsOnAndLeavesThePrintedVersionsAsTheyWere()
    {
        var first = (await Service(q => q.MakePaperVersionsAsync(_quiz, 2)))!;

        var more = (await Service(q => q.MakePaperVersionsAsync(_quiz, 2)))!;

        Assert.Equal([101, 102, 103, 104], more.Versions.Select(v => v.Code));
        Assert.Equal(Printed(first.Versions), Printed(more.Versions.Take(2)));
    }

    [Fact]
    public async Task Make_TwoOrganisersAtOnce_EachGetsCodesOfTheirOwn()
    {
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Service(q => q.MakePaperVersionsAsync(_quiz, 2)))));

        var paper = (await Service(q => q.PaperVersionsAsync(_quiz)))!;
        Assert.Equal([101, 102, 103, 104], paper.Versions.Select(v => v.Code));
    }

    [Fact]
    public async Task Letters_OfTheKey()
    {
        Assert.Equal("AC", PaperKey.Letters([2, 0]));
        Assert.Null(await Service(q => q.PaperVersionsAsync(Guid.NewGuid())));
    }

    private static string Printed(IEnumerable<PrintedVersion> versions) =>
        string.Join("|", versions.Select(v => v.Code + ":" + string.Join(",", v.Questions.Select(q => q.Question.Name + string.Concat(q.Order)))));

    private Task<T> Service<T>(Func<QuizService, Task<T>> action) => _training.InScopeAsync(action);
}

public sealed class SqlitePaperVersionTests() : PaperVersionTests(TrainingDatabase.Sqlite);

public sealed class PostgresPaperVersionTests() : PaperVersionTests(TrainingDatabase.PostgreSql);
