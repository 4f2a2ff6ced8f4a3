using ChildProtection.Training.Contests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Infrastructure;

public static class TestContests
{
    /// <summary>A contest of its own, on the seeded bank (three questions, 15 minutes), with one round open now.</summary>
    public static async Task<(Contest Contest, ContestRound Round)> OpenAsync(SiteFactory site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var now = DateTime.UtcNow;
        var (status, contest) = await scope.ServiceProvider.GetRequiredService<ContestService>().CreateAsync(new ContestDraft(
            $"Thi thử {Guid.NewGuid():N}", $"thi-thu-{Guid.NewGuid():N}", "", "luat-tre-em", 3, 15, ContestRanking.DefaultOrder,
            [new RoundSchedule(now.AddHours(-1), now.AddHours(1))]));
        Assert.Equal(ContestStatus.Success, status);
        return (contest!, contest!.Rounds[0]);
    }
}
