using ChildProtection.Training.Learning;
using ChildProtection.Web.Features.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Infrastructure;

public static class LearnerSignIn
{
    public const string Password = "Mat-khau-hoc-vien-1";

    /// <summary>The id of a unit of the seeded tree, for tests that need a learner of any unit.</summary>
    public static async Task<int> AnyUnitAsync(SiteFactory site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ChildProtection.Training.Persistence.TrainingDbContext>().Units.FirstAsync()).Id;
    }

    /// <summary>A new learner of <paramref name="unitId"/> with a confirmed account, signed in on a client of their own (or on <paramref name="signInThrough"/>).</summary>
    public static async Task<(StaffClient Client, Learner Learner)> NewLearnerAsync(SiteFactory site, int unitId, string fullName = "Phạm Thu Hà", StaffClient? signInThrough = null)
    {
        var email = $"hv-{Guid.NewGuid():N}"[..12] + "@example.vn";
        Learner learner;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var account = new LearnerUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<LearnerUser>>().CreateAsync(account, Password)).Succeeded);
            learner = (await scope.ServiceProvider.GetRequiredService<LearningService>().RegisterAsync(account.Id, fullName, email, LearnerRole.Teacher, unitId)).Result!;
        }

        var client = signInThrough ?? new StaffClient(site);
        var signedIn = await client.PostFormAsync("/hoc-tap/dang-nhap", "/hoc-tap/dang-nhap", new() { ["Email"] = email, ["Password"] = Password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        return (client, learner);
    }
}
