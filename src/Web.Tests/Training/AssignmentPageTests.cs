using System.Net;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Training;

[Collection(SiteCollection.Name)]
public sealed class AssignmentPageTests(SiteFactory site)
{
    private async Task<Learner> LearnerAsync(string unitName)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var unit = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Units.SingleAsync(u => u.Name == unitName);
        var email = $"hv-{Guid.NewGuid():N}"[..12] + "@example.vn";
        return (await scope.ServiceProvider.GetRequiredService<LearningService>().RegisterAsync(Guid.NewGuid().ToString(), "Lê Văn Bình", email, LearnerRole.Teacher, unit.Id)).Learner!;
    }

    [Fact]
    public async Task ManagerAssignsToACommune_ItsSchoolsLearnersAreRemindedOnce_OthersAreNot()
    {
        var course = site.Services.GetRequiredService<ICourseCatalog>().Courses.First(c => c.Title.Contains("an toàn", StringComparison.OrdinalIgnoreCase));
        int commune;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            commune = (await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Units.SingleAsync(u => u.Name == "Xã Ninh Sơn")).Id;
        }

        var inside = await LearnerAsync("Trường THCS Ninh Sơn");
        var outside = await LearnerAsync("Trường Mầm non Ninh Phước");
        using var manager = new StaffClient(site);
        await manager.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager));
        var inThreeDays = DateTime.UtcNow.AddHours(7).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var past = await manager.PostFormAsync("/backoffice/giao-khoa-hoc", "/backoffice/giao-khoa-hoc", new()
        {
            ["khoa-hoc"] = course.Key.ToString(), ["don-vi"] = commune.ToString(System.Globalization.CultureInfo.InvariantCulture), ["vai-tro"] = "", ["han"] = "2020-01-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("ngày trong tương lai", await past.Content.ReadAsStringAsync());
        var saved = await manager.PostFormAsync("/backoffice/giao-khoa-hoc", "/backoffice/giao-khoa-hoc", new()
        {
            ["khoa-hoc"] = course.Key.ToString(), ["don-vi"] = commune.ToString(System.Globalization.CultureInfo.InvariantCulture), ["vai-tro"] = "", ["han"] = inThreeDays,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Đã giao khóa học", await saved.Content.ReadAsStringAsync());

        async Task<int> RunAsync()
        {
            await using var scope = site.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TrainingReminders>().SendDueAsync(CancellationToken.None);
        }

        Assert.True(await RunAsync() >= 1);
        var reminder = Assert.Single(await SmtpSink.WaitForAsync(inside.Email));
        Assert.StartsWith($"Còn 7 ngày: hoàn thành khóa “{course.Title}”", reminder.Subject);
        // Absolute, though a background job has no request: the address staff use is remembered.
        Assert.Contains($"{site.ServerAddress}/hoc-tap/khoa-hoc/{course.Key}", reminder.TextBody);

        await RunAsync();
        await Task.Delay(1500);
        Assert.Single(SmtpSink.Received(inside.Email));
        Assert.Empty(SmtpSink.Received(outside.Email));
    }
}
