using ChildProtection.Training.Contests;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Tests.Infrastructure;

namespace ChildProtection.Training.Tests.Contests;

/// <summary>Results of paper versions typed from the answer sheets, on a real database, run against each provider below.</summary>
public abstract class ContestPaperResultsTests(TrainingDatabase database) : IAsyncLifetime
{
    private TrainingFixture _training = null!;
    private ContestRound _round = null!;
    private PaperQuiz _paper = null!;

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database);
        var now = _training.Clock.GetUtcNow().UtcDateTime;
        var questions = Enumerable.Range(1, 3).Select(i => new Question(
                "Luật Trẻ em", $"Câu {i}", $"Câu hỏi số {i}?", new ChoiceBody([new("Đúng", 1), new("Sai một", 0), new("Sai hai", 0)], false)))
            .Append(new Question("Luật Trẻ em", "Số", "Trẻ em là người dưới bao nhiêu tuổi?", new NumericalBody([new NumericAnswer(16, 0, 1)])))
            .ToList();
        await In<QuizService, QuestionBank>(q => q.SaveBankAsync("giay", questions));
        var (_, contest) = await In<ContestService, ChildProtection.Core.Attempt<Contest, ContestStatus>>(c => c.CreateAsync(new ContestDraft(
            "Thi trên giấy", "thi-tren-giay", "", "giay", 4, 20, ContestRanking.DefaultOrder, [new RoundSchedule(now.AddHours(-1), now.AddDays(1))])));
        _round = contest!.Rounds[0];
        _paper = (await In<QuizService, PaperQuiz?>(q => q.MakePaperVersionsAsync(_round.QuizKey, 2)))!;
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task Import_MarksEachPaperByItsVersionsKey_AndRanksItWithTheRound()
    {
        var rows = new[]
        {
            Row(2, "Nguyễn Thị Lan", _paper.Versions[0], right: 4),
            Row(3, "Trần Văn Minh", _paper.Versions[1], right: 2),
        };

        var import = await Import(rows);

        Assert.Equal((2, 0), (import.Imported, import.Errors.Count));
        var standings = await In<ContestService, IReadOnlyList<Standing>>(c => c.StandingsAsync(_round.Id));
        Assert.Equal([("Nguyễn Thị Lan", 4, 1), ("Trần Văn Minh", 2, 2)], standings.Select(s => (s.Entry.FullName, s.Correct, s.Rank)));
        Assert.All(standings, s => Assert.Equal(TimeSpan.FromMinutes(20), s.Duration));
    }

    [Fact]
    public async Task Import_ABadRow_ImportsNothing_AndSaysWhichRowAndWhy()
    {
        var import = await Import(
        [
            Row(2, "Lê Hoa", _paper.Versions[0], right: 4),
            Row(3, "", _paper.Versions[0], right: 4),
            new PaperSheetRow(4, "Đỗ Nam", "Lớp 7A", "THCS Lợi Hải", "999", "AAAA", ""),
            new PaperSheetRow(5, "Võ An", "Lớp 7A", "THCS Lợi Hải", "101", "AB", ""),
            WithAnswer(Row(6, "Phan Bình", _paper.Versions[0], right: 4), _paper.Versions[0], "Z"),
            Row(7, "Lê Hoa", _paper.Versions[0], right: 1),
        ]);

        Assert.Equal(0, import.Imported);
        Assert.Equal(
            [(3, PaperRowProblem.MissingName), (4, PaperRowProblem.UnknownCode), (5, PaperRowProblem.AnswerCount), (6, PaperRowProblem.BadAnswer), (7, PaperRowProblem.DuplicateRow)],
            import.Errors.Select(e => (e.Row, e.Problem)));
        Assert.Empty(await In<ContestService, IReadOnlyList<Standing>>(c => c.StandingsAsync(_round.Id)));
    }

    [Fact]
    public async Task Import_TheSameSheetTwiceAtOnce_ImportsItOnce()
    {
        PaperSheetRow[] rows = [Row(2, "Nguyễn Thị Lan", _paper.Versions[0], right: 3), Row(3, "Trần Văn Minh", _paper.Versions[1], right: 1)];

        var imports = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Import(rows))));

        Assert.Equal([0, 2], imports.Select(i => i.Imported).Order());
        Assert.Equal(PaperRowProblem.AlreadyImported, imports.Single(i => i.Imported == 0).Errors.Single().Problem);
        Assert.Equal(2, (await In<ContestService, IReadOnlyList<Standing>>(c => c.StandingsAsync(_round.Id))).Count);
        Assert.Equal(PaperRowProblem.AlreadyImported, (await Import(rows)).Errors.Single().Problem);
    }

    [Fact]
    public async Task Import_AWrittenPartsMarksAndClozeGaps_JoinTheScore_OrTheRowSaysWhatIsWrong()
    {
        var now = _training.Clock.GetUtcNow().UtcDateTime;
        var (cloze, gaps, _) = ClozeText.Parse("Luật Trẻ em năm {1:MULTICHOICE:2004~=2016} quy định số tổng đài {1:NUMERICAL:=111}.");
        await In<QuizService, QuestionBank>(q => q.SaveBankAsync("giay-tu-luan",
        [
            new Question("Trắc nghiệm", "Câu 1", "Gọi số nào khi trẻ cần giúp?", new ChoiceBody([new("111", 1), new("113", 0), new("115", 0)], false)),
            new Question("Điền khuyết", "Luật", cloze, new ClozeBody(gaps)),
            new Question("Tự luận", "Cảm nghĩ", "Viết về quyền được bảo vệ.", new EssayBody(), Settings: new QuestionSettings(DefaultMark: 10)),
        ]));
        var (_, contest) = await In<ContestService, ChildProtection.Core.Attempt<Contest, ContestStatus>>(c => c.CreateAsync(new ContestDraft(
            "Thi viết trên giấy", "thi-viet-tren-giay", "", "giay-tu-luan", 0, 30, ContestRanking.DefaultOrder, [new RoundSchedule(now.AddHours(-1), now.AddDays(1))],
            Draws: [new CategoryDraw("Trắc nghiệm", 1), new CategoryDraw("Điền khuyết", 1), new CategoryDraw("Tự luận", 1)])));
        var round = contest!.Rounds[0];
        var version = (await In<QuizService, PaperQuiz?>(q => q.MakePaperVersionsAsync(round.QuizKey, 1)))!.Versions[0];
        var code = version.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The choice question's right letter, then the Cloze gaps ("B" is 2016 in its own order), the essay left out.
        var answers = string.Join(",", version.Questions.Where(q => q.Question.Body is not EssayBody)
            .Select(q => q.Question.Body is ClozeBody ? "B/111" : PaperKey.Letters(q.Right)));

        var refused = await In<ContestPaperResults, PaperImport>(p => p.ImportAsync(round,
        [
            new PaperSheetRow(2, "Lê Hoa", "Lớp 7A", "THCS Lợi Hải", code, answers, "", "11"),
            new PaperSheetRow(3, "Võ An", "Lớp 7A", "THCS Lợi Hải", code, answers.Replace("B/111", "B"), "", "7"),
        ]));
        Assert.Equal([(2, PaperRowProblem.BadEssayMarks), (3, PaperRowProblem.BadAnswer)], refused.Errors.Select(e => (e.Row, e.Problem)));

        var imported = await In<ContestPaperResults, PaperImport>(p => p.ImportAsync(round, [new PaperSheetRow(2, "Lê Hoa", "Lớp 7A", "THCS Lợi Hải", code, answers, "", "7,5")]));
        Assert.Equal(1, imported.Imported);
        var standing = Assert.Single(await In<ContestService, IReadOnlyList<Standing>>(c => c.StandingsAsync(round.Id)));
        Assert.Equal(1 + 1 + 7.5m, standing.Marks);
        Assert.Equal(ContestStatus.RoundNotClosed, await In<ContestService, ContestStatus>(c => c.ApproveResultsAsync(round.Id)));
        _training.Clock.Advance(TimeSpan.FromDays(2));
        // Marked on paper: nothing waits for the site's jury.
        Assert.Equal(ContestStatus.Success, await In<ContestService, ContestStatus>(c => c.ApproveResultsAsync(round.Id)));
    }

    /// <summary>A paper with its first <paramref name="right"/> answers right and the others wrong, typed with commas.</summary>
    private static PaperSheetRow Row(int row, string name, PrintedVersion version, int right) =>
        new(row, name, "Lớp 7A", "THCS Lợi Hải", version.Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Join(",", version.Questions.Select((q, i) => q.Question.Body is NumericalBody
                ? (i < right ? "16" : "15")
                : PaperKey.Letters(i < right ? q.Right : [(q.Right[0] + 1) % q.Order.Count]))),
            "");

    /// <summary>The row with the answer to the version's first choice question replaced by <paramref name="answer"/>.</summary>
    private static PaperSheetRow WithAnswer(PaperSheetRow row, PrintedVersion version, string answer)
    {
        var answers = row.Answers.Split(',');
        answers[version.Questions.ToList().FindIndex(q => q.Question.Body is ChoiceBody)] = answer;
        return row with { Answers = string.Join(",", answers) };
    }

    private Task<PaperImport> Import(IReadOnlyList<PaperSheetRow> rows) =>
        In<ContestPaperResults, PaperImport>(p => p.ImportAsync(_round, rows));

    private Task<TResult> In<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull => _training.InScopeAsync(action);
}

public sealed class SqliteContestPaperResultsTests() : ContestPaperResultsTests(TrainingDatabase.Sqlite);

public sealed class PostgresContestPaperResultsTests() : ContestPaperResultsTests(TrainingDatabase.PostgreSql);
