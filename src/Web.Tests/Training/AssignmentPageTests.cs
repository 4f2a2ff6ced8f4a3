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
    /// <summary>A new learner of the unit named <paramref name="unitName"/>, signed in.</summary>
    private async Task<(StaffClient Client, Learner Learner)> LearnerAsync(string unitName)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var unit = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Units.SingleAsync(u => u.Name == unitName);
        return await LearnerSignIn.NewLearnerAsync(site, unit.Id, "Lê Văn Bình");
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

        var (insideClient, inside) = await LearnerAsync("Trường THCS Ninh Sơn");
        var (outsideClient, outside) = await LearnerAsync("Trường Mầm non Ninh Phước");
        var (optedOutClient, optedOut) = await LearnerAsync("Trường THCS Ninh Sơn");
        var off = await optedOutClient.PostFormAsync("/hoc-tap", "/hoc-tap/nhac-nho", new() { ["tat"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.NotNull((await optedOutClient.Http.GetPageAsync("/hoc-tap")).Document.QuerySelector(".reminder-setting input[name=tat][value=false]"));
        optedOutClient.Dispose();
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

        // Learners see what is assigned to them and by when; a school outside the commune does not.
        var (_, dashboard) = await insideClient.Http.GetPageAsync("/hoc-tap");
        var assigned = dashboard.QuerySelectorAll(".assigned li").Single(li => li.QuerySelector($"a[href='/hoc-tap/khoa-hoc/{course.Key}']") is not null).TextContent;
        Assert.Contains($"{DateTime.ParseExact(inThreeDays, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture):dd/MM/yyyy}", assigned);
        Assert.Null((await outsideClient.Http.GetPageAsync("/hoc-tap")).Document.QuerySelector($".assigned a[href='/hoc-tap/khoa-hoc/{course.Key}']"));
        insideClient.Dispose();
        outsideClient.Dispose();

        async Task<int> RunAsync()
        {
            await using var scope = site.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TrainingReminders>().SendDueAsync(CancellationToken.None);
        }

        Assert.True(await RunAsync() >= 1);
        var reminder = Assert.Single(await SmtpSink.WaitForAsync(inside.Email));
        // Due in three days: the first reminder goes at once and counts the days really left.
        Assert.StartsWith($"Còn 3 ngày: hoàn thành khóa “{course.Title}”", reminder.Subject);
        // Absolute, though a background job has no request: the address staff use is remembered.
        Assert.Contains($"{site.ServerAddress}/hoc-tap/khoa-hoc/{course.Key}", reminder.TextBody);

        await RunAsync();
        await Task.Delay(1500);
        Assert.Single(SmtpSink.Received(inside.Email));
        Assert.Empty(SmtpSink.Received(outside.Email));
        Assert.DoesNotContain(SmtpSink.Received(optedOut.Email), m => m.Subject != null && m.Subject.Contains(course.Title));

        // A mandatory course reminds those who turned reminders off too.
        var mandatory = site.Services.GetRequiredService<ICourseCatalog>().Courses.First(c => c.Key != course.Key);
        await manager.PostFormAsync("/backoffice/giao-khoa-hoc", "/backoffice/giao-khoa-hoc", new()
        {
            ["khoa-hoc"] = mandatory.Key.ToString(), ["don-vi"] = commune.ToString(System.Globalization.CultureInfo.InvariantCulture), ["vai-tro"] = "", ["han"] = inThreeDays, ["bat-buoc"] = "true",
        });
        await RunAsync();
        var reminded = await SmtpSink.WaitForAsync(optedOut.Email);
        Assert.Contains(reminded, m => m.Subject != null && m.Subject.Contains(mandatory.Title));
        Assert.DoesNotContain(reminded, m => m.Subject != null && m.Subject.Contains(course.Title));
    }
}
