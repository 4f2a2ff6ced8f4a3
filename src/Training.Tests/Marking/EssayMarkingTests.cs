using System.Text.Json;
using ChildProtection.Core;
using ChildProtection.Training.Contests;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Marking;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Tests.Marking;

/// <summary>A round with a written part marked by a jury, on a real database, run against each provider below.</summary>
public abstract class EssayMarkingTests(TrainingDatabase database) : IAsyncLifetime
{
    private const string Guide = "Nêu đủ ba quyền: 6 điểm; diễn đạt: 4 điểm.";
    private TrainingFixture _training = null!;
    private Contest _contest = null!;
    private ContestRound _round = null!;

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database);
        var now = _training.Clock.GetUtcNow().UtcDateTime;
        var questions = Enumerable.Range(1, 2).Select(i => new Question("Trắc nghiệm", $"Câu {i}", $"Câu hỏi số {i}?", new ChoiceBody([new("Đúng", 1), new("Sai", 0), new("Sai nữa", 0)], false)))
            .Append(new Question("Tự luận", "Cảm nghĩ", "Viết về quyền được bảo vệ của trẻ em.", new EssayBody(MaxWords: 300, MarkingGuide: Guide), Settings: new QuestionSettings(DefaultMark: 10)))
            .ToList();
        await In<QuizService, QuestionBank>(q => q.SaveBankAsync("tu-luan", questions));
        var (_, contest) = await In<ContestService, Attempt<Contest, ContestStatus>>(c => c.CreateAsync(new ContestDraft(
            "Viết về quyền trẻ em", "viet-ve-quyen-tre-em", "", "tu-luan", 0, 30, ContestRanking.DefaultOrder,
            [new RoundSchedule(now.AddHours(-1), now.AddHours(1))], Draws: [new CategoryDraw("Trắc nghiệm", 2), new CategoryDraw("Tự luận", 1)])));
        (_contest, _round) = (contest!, contest!.Rounds[0]);
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task TwoJurorsBlind_TheirMeanJoinsTheScore_AndResultsWaitForTheLastEssay()
    {
        Assert.Equal(RankingCriterion.HighestMarks, _contest.RankingCriteria()[0]);
        var lan = await EnterAsync("Nguyễn Thị Lan", "Quyền được bảo vệ, quyền được học tập, quyền được vui chơi.");
        var minh = await EnterAsync("Trần Văn Minh", "Trẻ em có quyền được bảo vệ.");
        CloseRound();
        Assert.Equal(ContestStatus.MarkingUnfinished, await In<ContestService, ContestStatus>(c => c.ApproveResultsAsync(_round.Id)));

        await AddJurorsAsync("gk1", "gk2");
        Assert.Equal(MarkingStatus.NotJuror, await MarkAsync("nguoi-khac", lan, 9));
        var first = (await NextAsync("gk1"))!;
        Assert.Equal((1, 1, Guide, 300), (first.Number, first.Turn, first.Essay.MarkingGuide, first.Essay.MaxWords));
        Assert.Equal("Quyền được bảo vệ, quyền được học tập, quyền được vui chơi.", first.Text);
        Assert.DoesNotContain("Lan", JsonSerializer.Serialize(first));

        Assert.Equal(MarkingStatus.Success, await MarkAsync("gk1", lan, 8));
        Assert.Equal(MarkingStatus.AlreadyMarkedByYou, await MarkAsync("gk1", lan, 9));
        Assert.Equal(MarkingStatus.MarksOutOfRange, await MarkAsync("gk1", minh, 10.5m));
        Assert.Equal(MarkingStatus.MarksOutOfRange, await MarkAsync("gk1", minh, 4.125m));
        Assert.Equal(MarkingStatus.Success, await MarkAsync("gk1", minh, 5));
        Assert.Null(await NextAsync("gk1"));
        // The second juror is shown the essays with one mark, never that mark.
        Assert.Equal(2, (await NextAsync("gk2"))!.Turn);
        Assert.Equal(MarkingStatus.Success, await MarkAsync("gk2", lan, 7));
        Assert.Equal(ContestStatus.MarkingUnfinished, await In<ContestService, ContestStatus>(c => c.ApproveResultsAsync(_round.Id)));
        Assert.Equal(MarkingStatus.Success, await MarkAsync("gk2", minh, 5.5m));

        var progress = await In<EssayMarking, RoundMarking>(m => m.ProgressAsync(_contest, _round, "gk2"));
        Assert.Equal((2, 2, 0, 0, true), (progress.Essays, progress.Final, progress.AwaitingThird, progress.ForYou, progress.Finished));
        Assert.Equal(ContestStatus.Success, await In<ContestService, ContestStatus>(c => c.ApproveResultsAsync(_round.Id)));
        var standings = await In<ContestService, IReadOnlyList<Standing>>(c => c.StandingsAsync(_round.Id));
        Assert.Equal([("Nguyễn Thị Lan", 9.5m, 1), ("Trần Văn Minh", 7.25m, 2)], standings.Select(s => (s.Entry.FullName, s.Marks, s.Rank)));
    }

    [Fact]
    public async Task MarksApartByMoreThanTheGap_CallAThirdJuror_WhoseClosestPairIsFinal()
    {
        var lan = await EnterAsync("Nguyễn Thị Lan", "Bài viết về quyền trẻ em.");
        CloseRound();
        await AddJurorsAsync("gk1", "gk2", "gk3");
        Assert.Equal(MarkingStatus.Success, await MarkAsync("gk1", lan, 2));
        Assert.Equal(MarkingStatus.Success, await MarkAsync("gk2", lan, 8));

        var waiting = await In<EssayMarking, RoundMarking>(m => m.ProgressAsync(_contest, _round, "gk1"));
        Assert.Equal((0, 1, 0), (waiting.Final, waiting.AwaitingThird, waiting.ForYou));
        Assert.Equal(MarkingStatus.AlreadyMarkedByYou, await MarkAsync("gk1", lan, 5));
        Assert.Equal(3, (await NextAsync("gk3"))!.Turn);
        Assert.Equal(MarkingStatus.Success, await MarkAsync("gk3", lan, 7));

        Assert.Equal(ContestStatus.Success, await In<ContestService, ContestStatus>(c => c.ApproveResultsAsync(_round.Id)));
        Assert.Equal(2 + 7.5m, (await In<ContestService, IReadOnlyList<Standing>>(c => c.StandingsAsync(_round.Id))).Single().Marks);
    }

    [Fact]
    public async Task ThreeJurorsMarkingOneEssayAtOnce_TwoMarksAreTaken()
    {
        var lan = await EnterAsync("Nguyễn Thị Lan", "Bài viết về quyền trẻ em.");
        CloseRound();
        await AddJurorsAsync("gk1", "gk2", "gk3");

        var results = await Task.WhenAll(new[] { "gk1", "gk2", "gk3" }.Select(juror => Task.Run(() => MarkAsync(juror, lan, 6))));

        Assert.Equal([MarkingStatus.Success, MarkingStatus.Success, MarkingStatus.NoMoreMarksNeeded], results.Order());
        var marks = await In<TrainingDbContext, List<EssayMark>>(db => db.EssayMarks.AsNoTracking().ToListAsync());
        Assert.Equal([1, 2], marks.Select(m => m.Turn).Order());
        Assert.Equal(ContestStatus.Success, await In<ContestService, ContestStatus>(c => c.ApproveResultsAsync(_round.Id)));
    }

    [Fact]
    public async Task ABlankEssay_IsMarkedZeroWithoutAJury_AndHoldsNothingUp()
    {
        await EnterAsync("Nguyễn Thị Lan", "   ");
        CloseRound();
        await AddJurorsAsync("gk1");

        Assert.Null(await NextAsync("gk1"));
        Assert.Equal(ContestStatus.Success, await In<ContestService, ContestStatus>(c => c.ApproveResultsAsync(_round.Id)));
        Assert.Equal(2, (await In<ContestService, IReadOnlyList<Standing>>(c => c.StandingsAsync(_round.Id))).Single().Marks);
    }

    /// <summary>An entry that answers both choice questions right and writes <paramref name="essay"/>; returns its attempt's id.</summary>
    private async Task<long> EnterAsync(string name, string essay)
    {
        var email = $"{Guid.NewGuid():n}@example.com";
        var code = (await In<ContestService, Attempt<EntryCode, ContestStatus>>(c => c.RequestCodeAsync(_round.Id, new EntryDetails(name, "Lớp 7A", "THCS Lợi Hải", email), "10.0.0.1"))).Result!;
        var attemptKey = (await In<ContestService, Attempt<Guid, ContestStatus>>(c => c.VerifyAsync(code.EntryKey, code.Code!))).Result;
        var state = (await In<QuizService, AttemptState?>(q => q.GetStateAsync(attemptKey)))!;
        var answers = state.View.Questions.ToDictionary(q => q.QuestionId, q => q.Type == QuestionType.Essay
            ? (QuestionResponse)new TextResponse(essay)
            : new ChoiceResponse([q.Options.ToList().IndexOf("Đúng")]));
        await In<QuizService, Attempt<AttemptStatus>>(q => q.SaveAnswersAsync(attemptKey, answers));
        await In<ContestService, Attempt<ChildProtection.Training.Quizzes.Attempts.AttemptScore, AttemptStatus>>(c => c.SubmitAsync(attemptKey, null));
        return state.Attempt.Id;
    }

    private void CloseRound() =>
        _training.Clock.Advance(_round.ClosesUtc - _training.Clock.GetUtcNow().UtcDateTime + QuizDefinition.GracePeriod + TimeSpan.FromSeconds(1));

    private async Task AddJurorsAsync(params string[] accounts)
    {
        foreach (var account in accounts)
        {
            await In<EssayMarking, bool>(async m => { await m.AddJurorAsync(_contest.Id, account, $"Giám khảo {account}"); return true; });
        }
    }

    private Task<EssayToMark?> NextAsync(string juror) => In<EssayMarking, EssayToMark?>(m => m.NextAsync(_contest, _round, juror));

    private async Task<MarkingStatus> MarkAsync(string juror, long attemptId, decimal marks)
    {
        var essayId = await In<TrainingDbContext, long>(db => db.BankQuestions.Where(q => q.BodyJson.StartsWith(EssayBody.JsonStart)).Select(q => q.Id).SingleAsync());
        return await In<EssayMarking, MarkingStatus>(m => m.MarkAsync(_contest, _round, juror, $"Giám khảo {juror}", attemptId, essayId, marks, null));
    }

    private Task<TResult> In<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull => _training.InScopeAsync(action);
}

public sealed class SqliteEssayMarkingTests() : EssayMarkingTests(TrainingDatabase.Sqlite);

public sealed class PostgresEssayMarkingTests() : EssayMarkingTests(TrainingDatabase.PostgreSql);
