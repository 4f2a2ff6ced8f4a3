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

    /// <summary>A class of a new teacher of a new school, registered for the round; the teacher's client is signed in.</summary>
    public static async Task<(StaffClient Teacher, ClassSheet Sheet)> RegisteredClassAsync(SiteFactory site, ContestRound round, int seats)
    {
        var province = new TestProvince(site);
        await province.AddUnitAsync("truong", null, $"Trường THCS Lợi Hải {province.Tag}");
        var (client, teacher) = await LearnerSignIn.NewLearnerAsync(site, province.Units["truong"].Id);
        await using var scope = site.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<ContestClasses>().RegisterAsync(
            new ClassOrganiser(teacher.AccountId, teacher.FullName, teacher.UnitId), round.Id, "Lớp 3A", seats);
        Assert.Equal(ContestStatus.Success, registered.Status);
        return (client, registered.Result!);
    }
}
