using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Training;

/// <summary>A course's own settings for its final quiz, given as document type properties by whoever edits the course.</summary>
[Collection(SiteCollection.Name)]
public sealed class CourseQuizSettingsTests(SiteFactory site)
{
    private const string Editor = "kiemthu@example.vn";

    [Fact]
    public async Task Course_TimeLimitAndMaximumAttempts_ShownToTheLearnerAndHeld()
    {
        var list = site.Snapshot.All.First(c => c.ContentTypeAlias == "courseList");
        var created = await site.WithContentServiceAsync(content => content.CreateAsync(list.Key, "course", new ContentEdit(
            new Dictionary<string, string> { ["vi"] = $"Khóa thử có giới hạn {Guid.NewGuid():N}"[..28] },
            [
                new("summary", "vi", "Khóa học để thử giới hạn của bài kiểm tra."), new("body", "vi", "Biết gọi Tổng đài 111."),
                new("questionBank", null, "luat-tre-em"), new("quizQuestions", null, "3"), new("timeLimitMinutes", null, "25"), new("maxAttempts", null, "1"),
            ]), Editor));
        var course = created.Result!.Content!.Key;
        try
        {
            await site.WithContentServiceAsync(content => content.PublishAsync(course, Editor));
            using var learner = await SignedInLearnerAsync();
            var coursePage = $"/hoc-tap/khoa-hoc/{course}";
            var (_, before) = await learner.Http.GetPageAsync(coursePage);
            Assert.Equal("Mỗi lần làm bài có 25 phút; hết giờ, bài được tự nộp với các câu trả lời đã lưu.", before.QuerySelector(".quiz-time-limit")!.TextContent);
            Assert.Equal("Được làm bài tối đa 1 lần; anh/chị đã làm 0 lần.", before.QuerySelector(".quiz-attempts")!.TextContent);

            var started = await learner.PostFormAsync(coursePage, $"{coursePage}/kiem-tra", []);
            var attemptPage = started.Headers.Location!.OriginalString;
            var attemptKey = Guid.Parse(attemptPage.Split('/')[^1]);
            await using (var scope = site.Services.CreateAsyncScope())
            {
                var attempt = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().QuizAttempts.SingleAsync(a => a.Key == attemptKey);
                Assert.Equal(attempt.StartedUtc.AddMinutes(25), attempt.DeadlineUtc);
            }

            Assert.Equal(HttpStatusCode.Redirect, (await learner.PostFormAsync(attemptPage, $"{attemptPage}/nop", [])).StatusCode);
            var (_, after) = await learner.Http.GetPageAsync(coursePage);
            Assert.Null(after.QuerySelector($"form[action='{coursePage}/kiem-tra']"));
            Assert.Equal("Anh/chị đã dùng hết số lần làm bài.", after.QuerySelector("[role=status]")!.TextContent);
            var again = await learner.PostWithPageTokenAsync(attemptPage, $"{coursePage}/kiem-tra", []);
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Contains("Anh/chị đã dùng hết số lần làm bài.", await again.Content.ReadAsStringAsync());
        }
        finally
        {
            // The seeded site's course list stays as the other tests know it.
            await site.WithContentServiceAsync(content => content.MoveToRecycleBinAsync(course, Editor));
        }
    }

    private async Task<StaffClient> SignedInLearnerAsync()
    {
        var email = $"gh-{Guid.NewGuid():N}"[..12] + "@example.vn";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var account = new LearnerUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<LearnerUser>>().CreateAsync(account, "Mat-khau-hoc-vien-1")).Succeeded);
            var unit = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Units.SingleAsync(u => u.Name == "Trường THCS Ninh Sơn");
            await scope.ServiceProvider.GetRequiredService<LearningService>().RegisterAsync(account.Id, "Võ Thị Hạnh", email, LearnerRole.Teacher, unit.Id);
        }

        var client = new StaffClient(site);
        var signedIn = await client.PostFormAsync("/hoc-tap/dang-nhap", "/hoc-tap/dang-nhap", new() { ["Email"] = email, ["Password"] = "Mat-khau-hoc-vien-1" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}
