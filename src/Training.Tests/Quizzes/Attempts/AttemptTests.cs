using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Tests.Quizzes.Attempts;

public sealed class AttemptTests
{
    private static readonly IReadOnlyDictionary<long, Question> Bank = Enumerable.Range(1, 30).ToDictionary(
        i => (long)i,
        i => new Question(i <= 20 ? "Luật" : "Diễn đàn", $"Câu {i}", $"Nội dung câu {i}", new ChoiceBody([new("Đúng", 1), new("Sai 1", 0), new("Sai 2", 0), new("Sai 3", 0)], false)));

    private static readonly QuizDefinition Quiz = new([new CategoryDraw("Luật", 8), new CategoryDraw("Diễn đàn", 2)], TimeSpan.FromMinutes(15));

    [Fact]
    public void Plan_SameSeed_SameQuestionsAndOrder()
    {
        var first = AttemptPlanner.Plan(Quiz, Bank, seed: 42);
        var again = AttemptPlanner.Plan(Quiz, new Dictionary<long, Question>(Bank.Reverse()), seed: 42);

        Assert.Equal(10, first.Count);
        Assert.Equal(first.Select(p => (p.QuestionId, string.Join(",", p.Order))), again.Select(p => (p.QuestionId, string.Join(",", p.Order))));
        Assert.Equal(8, first.Count(p => Bank[p.QuestionId].Category == "Luật"));
        Assert.Equal(10, first.Select(p => p.QuestionId).Distinct().Count());
    }

    [Fact]
    public void Plan_OtherSeeds_DrawAndShuffleDifferently()
    {
        var plans = Enumerable.Range(1, 20).Select(seed => AttemptPlanner.Plan(Quiz, Bank, seed)).ToList();

        Assert.True(plans.Select(p => string.Join(",", p.Select(q => q.QuestionId))).Distinct().Count() > 15);
        Assert.Contains(plans.SelectMany(p => p), q => q.Order[0] != 0);
        Assert.All(plans.SelectMany(p => p), q => Assert.Equal([0, 1, 2, 3], q.Order.Order()));
    }

    [Fact]
    public void Plan_CategoryTooSmall_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() => AttemptPlanner.Plan(Quiz with { Draws = [new CategoryDraw("Diễn đàn", 11)] }, Bank, 1));

    [Fact]
    public void Clock_TimeLimitAndRoundClose_EarlierOneIsTheDeadline()
    {
        var start = new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc);

        Assert.Equal(start.AddMinutes(15), AttemptClock.Start(Quiz, start, closesUtc: start.AddHours(1)).Deadline);
        Assert.Equal(start.AddMinutes(5), AttemptClock.Start(Quiz, start, closesUtc: start.AddMinutes(5)).Deadline);
        Assert.Null(AttemptClock.Start(Quiz with { TimeLimit = null }, start, null).Deadline);
    }

    [Fact]
    public void Clock_AnswersWithinGraceAreTakenLaterOnesRefused()
    {
        var start = new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc);
        var clock = AttemptClock.Start(Quiz, start, null);

        Assert.Equal(AnswerAcceptance.Accepted, clock.Accepts(start.AddMinutes(15).AddSeconds(59), closed: false));
        Assert.Equal(AnswerAcceptance.DeadlinePassed, clock.Accepts(start.AddMinutes(16).AddSeconds(1), closed: false));
        Assert.Equal(AnswerAcceptance.AttemptClosed, clock.Accepts(start.AddMinutes(1), closed: true));
        Assert.False(clock.IsOverdue(start.AddMinutes(16)));
        Assert.True(clock.IsOverdue(start.AddMinutes(17)));
    }

    [Fact]
    public void Clock_SubmittedByTheServerLate_RecordsTheDeadlineAsFinish()
    {
        var start = new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc);
        var clock = AttemptClock.Start(Quiz, start, null);

        Assert.Equal(TimeSpan.FromMinutes(15), clock.Duration(start.AddMinutes(40)));
        Assert.Equal(TimeSpan.FromMinutes(7), clock.Duration(start.AddMinutes(7)));
    }

    [Fact]
    public void Score_SavedAnswers_CountedAgainstThePassMark()
    {
        var plan = AttemptPlanner.Plan(Quiz, Bank, 7);
        var answers = plan.Take(8).ToDictionary(p => p.QuestionId, QuestionResponse (_) => new ChoiceResponse(new HashSet<int> { 0 }));

        var score = AttemptScore.Of(Quiz, plan, Bank, answers);

        Assert.Equal(8, score.CorrectCount);
        Assert.Equal(0.8m, score.Share);
        Assert.True(score.Passed);
        Assert.False(AttemptScore.Of(Quiz, plan, Bank, answers.Skip(1).ToDictionary()).Passed);
    }
}
