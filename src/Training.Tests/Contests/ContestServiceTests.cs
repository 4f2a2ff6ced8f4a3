using ChildProtection.Core;
using ChildProtection.Training.Contests;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Tests.Contests;

/// <summary>Entries, codes and rankings of a contest on a real database, run against each provider by the subclasses below.</summary>
public abstract class ContestServiceTests(TrainingDatabase database) : IAsyncLifetime
{
    private const int Questions = 4;
    private TrainingFixture _training = null!;
    private Contest _contest = null!;

    private ContestRound Round1 => _contest.Rounds[0];

    private ContestRound Round2 => _contest.Rounds[1];

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database);
        var now = _training.Clock.GetUtcNow().UtcDateTime;
        var questions = Enumerable.Range(1, Questions).Select(i => new Question(
            "Luật Trẻ em", $"Câu {i}", $"Câu hỏi số {i}?", new ChoiceBody([new("Đúng", 1), new("Sai một", 0), new("Sai hai", 0)], false))).ToList();
        await Quizzes(q => q.SaveBankAsync("luat-thu", questions));
        var (status, contest) = await Contests(c => c.CreateAsync(new ContestDraft(
            "Tìm hiểu Luật Trẻ em", "tim-hieu-luat-tre-em", "", "luat-thu", Questions, 15, ContestRanking.DefaultOrder,
            [new RoundSchedule(now.AddHours(-1), now.AddDays(1)), new RoundSchedule(now.AddDays(7), now.AddDays(14))])));
        Assert.Equal(ContestStatus.Success, status);
        _contest = contest!;
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task RequestCode_SameEmailInAnyLetterCase_OneEntryPerRound()
    {
        var first = await RequestAsync(Round1.Id, "Lan@Truong.Example.vn");
        Assert.Equal(ContestStatus.Success, (await Contests(c => c.VerifyAsync(first.Result!.EntryKey, first.Result!.Code!))).Status);

        Assert.Equal(ContestStatus.AlreadyEntered, (await RequestAsync(Round1.Id, "  lan@truong.example.VN ")).Status);
        Assert.Equal(ContestStatus.RoundNotOpenYet, (await RequestAsync(Round2.Id, "lan@truong.example.vn")).Status);
        Assert.Equal(ContestStatus.Success, (await RequestAsync(Round1.Id, "hoa@truong.example.vn")).Status);
    }

    [Fact]
    public async Task RequestCode_AgainBeforeVerifying_KeepsOneEntryAndOnlyTheNewCodeWorks()
    {
        var first = await RequestAsync(Round1.Id, "nam@example.vn");
        var second = await RequestAsync(Round1.Id, "NAM@example.vn");

        Assert.Equal(first.Result!.EntryKey, second.Result!.EntryKey);
        var stale = first.Result!.Code == second.Result!.Code ? ContestStatus.Success : ContestStatus.WrongCode;
        Assert.Equal(stale, (await Contests(c => c.VerifyAsync(first.Result!.EntryKey, first.Result!.Code!))).Status);
        Assert.Equal(ContestStatus.Success, (await Contests(c => c.VerifyAsync(second.Result!.EntryKey, second.Result!.Code!))).Status);
    }

    [Fact]
    public async Task Verify_WrongExpiredOrTooManyTries_IsRefused()
    {
        var entry = await RequestAsync(Round1.Id, "an@example.vn");
        var wrong = entry.Result!.Code == "000000" ? "111111" : "000000";
        Assert.Equal(ContestStatus.WrongCode, (await Contests(c => c.VerifyAsync(entry.Result!.EntryKey, wrong))).Status);

        _training.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(ContestStatus.CodeExpired, (await Contests(c => c.VerifyAsync(entry.Result!.EntryKey, entry.Result!.Code!))).Status);

        var again = await RequestAsync(Round1.Id, "an@example.vn");
        var results = new List<ContestStatus>();
        for (var i = 0; i < 5; i++)
        {
            results.Add((await Contests(c => c.VerifyAsync(again.Result!.EntryKey, wrong))).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(ContestStatus.WrongCode, 4), ContestStatus.TooManyTries], results);
        Assert.Equal(ContestStatus.TooManyTries, (await Contests(c => c.VerifyAsync(again.Result!.EntryKey, again.Result!.Code!))).Status);
    }

    [Fact]
    public async Task RequestCode_SixtyAtOnceFromOneClient_ExactlyTheLimitPass()
    {
        var limit = new ContestOptions().CodesPerClientPerHour;

        // Each in a scope (and so a database context) of its own, as concurrent requests have.
        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => RequestAsync(Round1.Id, $"cung-luc{i}@example.vn", "10.5.0.1"))));

        Assert.Equal(limit, results.Count(r => r.Status == ContestStatus.Success));
        Assert.Equal(60 - limit, results.Count(r => r.Status == ContestStatus.TooManyRequests));
        Assert.Equal(ContestStatus.Success, (await RequestAsync(Round1.Id, "may-khac@example.vn", "10.5.0.2")).Status);
    }

    [Fact]
    public async Task RequestCode_TenAtOnceForOneAddress_ExactlyTheLimitPass()
    {
        var limit = new ContestOptions().CodesPerEmailPerHour;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => RequestAsync(Round1.Id, "mot-dia-chi@example.vn", $"10.6.0.{i}"))));

        // Of the requests let through, those racing to create the same entry are told it exists already.
        Assert.Equal(10 - limit, results.Count(r => r.Status == ContestStatus.TooManyRequests));
        Assert.InRange(results.Count(r => r.Status == ContestStatus.Success), 1, limit);
    }

    [Fact]
    public async Task Verify_TwentyEightWrongCodesAtOnce_AtMostTheTriesAreCheckedAndTheRightCodeIsRefused()
    {
        var maxTries = new ContestOptions().MaxCodeTries;
        var entry = await RequestAsync(Round1.Id, "doan-ma@example.vn");
        var wrong = Enumerable.Range(0, 28).Select(i => (int.Parse(entry.Result!.Code!, System.Globalization.CultureInfo.InvariantCulture) + 1 + i) % 1_000_000)
            .Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var results = await Task.WhenAll(wrong.Select(code => Task.Run(() => Contests(c => c.VerifyAsync(entry.Result!.EntryKey, code)))));

        // A wrong code that was compared says so ("WrongCode", or "TooManyTries" for the last try); every other is refused unchecked.
        Assert.InRange(results.Count(r => r.Status == ContestStatus.WrongCode), 1, maxTries);
        Assert.Equal(28, results.Count(r => r.Status is ContestStatus.WrongCode or ContestStatus.TooManyTries));
        var tries = await _training.InScopeAsync<TrainingDbContext, int>(db => db.ContestEntries.Where(e => e.Key == entry.Result!.EntryKey).Select(e => e.CodeTries).SingleAsync());
        Assert.Equal(maxTries, tries);
        Assert.Equal(ContestStatus.TooManyTries, (await Contests(c => c.VerifyAsync(entry.Result!.EntryKey, entry.Result!.Code!))).Status);
    }

    [Fact]
    public async Task RequestCode_TooManyPerEmailOrPerClient_IsRefusedForAnHour()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ContestStatus.Success, (await RequestAsync(Round1.Id, "binh@example.vn", $"10.1.0.{i}")).Status);
        }

        Assert.Equal(ContestStatus.TooManyRequests, (await RequestAsync(Round1.Id, "binh@example.vn", "10.1.0.9")).Status);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(ContestStatus.Success, (await RequestAsync(Round1.Id, $"hs{i}@example.vn", "10.2.0.1")).Status);
        }

        Assert.Equal(ContestStatus.TooManyRequests, (await RequestAsync(Round1.Id, "hs-moi@example.vn", "10.2.0.1")).Status);

        _training.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(ContestStatus.Success, (await RequestAsync(Round1.Id, "binh@example.vn", "10.1.0.9")).Status);
        Assert.Equal(ContestStatus.Success, (await RequestAsync(Round1.Id, "hs-moi@example.vn", "10.2.0.1")).Status);
    }

    [Fact]
    public async Task Standings_TiesAtEachLevel_ScoreThenTimeThenGuessThenSubmission()
    {
        await TogetherAsync(3, ("Nguyễn Văn An", 4, 0));
        await TogetherAsync(5, ("Trần Thị Bình", 4, 3));
        await TogetherAsync(5, ("Lê Văn Dũng", 4, 3));
        await TogetherAsync(5, ("Phạm Thị Cúc", 4, 10));
        await TogetherAsync(1, ("Hoàng Văn Em", 3, 1), ("Vũ Thị Phương", 3, 1));

        var standings = await Contests(c => c.StandingsAsync(Round1.Id));

        // Four entries answered everything: Bình and Dũng guessed 3 (off by one), Cúc 10; Bình submitted before Dũng.
        Assert.Equal(
            [(1, "Nguyễn Văn An"), (2, "Trần Thị Bình"), (3, "Lê Văn Dũng"), (4, "Phạm Thị Cúc"), (5, "Hoàng Văn Em"), (5, "Vũ Thị Phương")],
            standings.Select(s => (s.Rank, s.Entry.FullName)).OrderBy(s => s.Rank).ThenBy(s => s.FullName, StringComparer.Ordinal).ToList());
        Assert.Equal(TimeSpan.FromMinutes(3), standings[0].Duration);
    }

    [Fact]
    public async Task Leaderboard_HiddenUntilApprovedAfterTheRoundCloses_ThenShortNames()
    {
        await TogetherAsync(2, ("Nguyễn Văn An", 4, 1));
        var round = Round1;

        Assert.Null(await Contests(c => c.LeaderboardAsync(round)));
        Assert.Equal(ContestStatus.RoundNotClosed, await Contests(c => c.ApproveResultsAsync(round.Id)));

        _training.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(ContestStatus.Success, await Contests(c => c.ApproveResultsAsync(round.Id)));
        var approved = (await Contests(c => c.FindAsync(_contest.Key)))!.Rounds[0];
        var row = Assert.Single((await Contests(c => c.LeaderboardAsync(approved)))!);
        Assert.Equal((1, "Nguyễn V. A.", "Trường THCS Ninh Sơn", 4), (row.Rank, row.PublicName, row.School, row.Correct));
    }

    [Fact]
    public async Task Create_NumbersPerCategory_EachRoundDrawsThemAndTheRoundCountIsTheirSum()
    {
        var questions = Enumerable.Range(1, 5).Select(i => new Question("Quyền trẻ em", $"Quyền {i}", $"Quyền số {i}?", new TrueFalseBody(true)))
            .Concat(Enumerable.Range(1, 3).Select(i => new Question("An toàn trên mạng", $"Mạng {i}", $"An toàn số {i}?", new TrueFalseBody(false))))
            .ToList();
        await Quizzes(q => q.SaveBankAsync("hai-chu-de", questions));
        var now = _training.Clock.GetUtcNow().UtcDateTime;
        ContestDraft Draft(string slug, IReadOnlyList<CategoryDraw> draws) => new(
            "Diễn đàn trẻ em", slug, "", "hai-chu-de", 10, 15, ContestRanking.DefaultOrder, [new RoundSchedule(now.AddHours(-1), now.AddDays(1))], Draws: draws);

        Assert.Equal(ContestStatus.CategoryTooSmall, (await Contests(c => c.CreateAsync(Draft("qua-nhieu", [new("Quyền trẻ em", 2), new("An toàn trên mạng", 4)])))).Status);
        Assert.Equal(ContestStatus.CategoryTooSmall, (await Contests(c => c.CreateAsync(Draft("khong-co", [new("Chủ đề khác", 1)])))).Status);
        Assert.Equal(ContestStatus.NothingDrawn, (await Contests(c => c.CreateAsync(Draft("bang-khong", [new("Quyền trẻ em", 0), new("An toàn trên mạng", 0)])))).Status);
        var (status, contest) = await Contests(c => c.CreateAsync(Draft("dien-dan", [new("Quyền trẻ em", 0), new("An toàn trên mạng", 3)])));

        Assert.Equal(ContestStatus.Success, status);
        Assert.Equal(3, contest!.QuestionsPerRound);
        var requested = await Contests(c => c.RequestCodeAsync(contest.Rounds[0].Id, new EntryDetails("Lê Thị Mai", "Lớp 6B", "Trường THCS Ninh Sơn", "mai@example.vn"), "10.3.0.1"));
        var attempt = (await Contests(c => c.VerifyAsync(requested.Result!.EntryKey, requested.Result!.Code!))).Result;
        var asked = (await Quizzes(q => q.GetStateAsync(attempt)))!.View.Questions.Select(q => q.Text).Order().ToList();
        Assert.Equal(["An toàn số 1?", "An toàn số 2?", "An toàn số 3?"], asked);
    }

    /// <summary>Entrants who verify at the same moment, answer (<c>right</c> of them correctly) and submit together <paramref name="minutes"/> later.</summary>
    private async Task TogetherAsync(int minutes, params (string Name, int Right, long Guess)[] entrants)
    {
        var attempts = new List<(Guid Attempt, long Guess)>();
        foreach (var (name, right, guess) in entrants)
        {
            var requested = await Contests(c => c.RequestCodeAsync(Round1.Id, new EntryDetails(name, "Lớp 8A", "Trường THCS Ninh Sơn", $"{Guid.NewGuid():N}@example.vn"), "10.9.9.9"));
            var verified = await Contests(c => c.VerifyAsync(requested.Result!.EntryKey, requested.Result!.Code!));
            Assert.Equal(ContestStatus.Success, verified.Status);
            var state = (await Quizzes(q => q.GetStateAsync(verified.Result)))!;
            foreach (var (question, index) in state.View.Questions.Select((q, i) => (q, i)))
            {
                var choice = question.Options.ToList().IndexOf(index < right ? "Đúng" : "Sai một");
                await Quizzes(q => q.SaveAnswerAsync(state.View.Key, question.QuestionId, new ChoiceResponse(new HashSet<int> { choice }), 1));
            }

            attempts.Add((state.View.Key, guess));
        }

        _training.Clock.Advance(TimeSpan.FromMinutes(minutes));
        foreach (var (attempt, guess) in attempts)
        {
            Assert.Equal(AttemptStatus.Success, (await Contests(c => c.SubmitAsync(attempt, guess))).Status);
        }
    }

    private Task<Attempt<EntryCode, ContestStatus>> RequestAsync(int roundId, string email, string client = "10.0.0.1") =>
        Contests(c => c.RequestCodeAsync(roundId, new EntryDetails("Nguyễn Thị Lan", "12/05/2012", "Trường THCS Ninh Sơn", email), client));

    private Task<T> Contests<T>(Func<ContestService, Task<T>> action) => _training.InScopeAsync(action);

    private Task<T> Quizzes<T>(Func<QuizService, Task<T>> action) => _training.InScopeAsync(action);
}

public sealed class SqliteContestServiceTests() : ContestServiceTests(TrainingDatabase.Sqlite);

public sealed class PostgresContestServiceTests() : ContestServiceTests(TrainingDatabase.PostgreSql);
