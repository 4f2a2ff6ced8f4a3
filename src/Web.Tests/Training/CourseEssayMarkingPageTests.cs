using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Training;

/// <summary>A course's final quiz with a reflection: the learner waits for it to be marked, a training manager marks it in the backoffice.</summary>
[Collection(SiteCollection.Name)]
public sealed class CourseEssayMarkingPageTests(SiteFactory site)
{
    private const string Editor = "kiemthu@example.vn";
    private const string Reflection = "Em sẽ lắng nghe học sinh, nhắc nhở nhẹ nhàng và khen ngợi kịp thời.";

    [Fact]
    public async Task TheLearnerWaits_TheManagerMarksTheReflection_TheCourseIsComplete()
    {
        var bank = $"suy-ngam-{Guid.NewGuid():N}";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<QuizService>().SaveBankAsync(bank,
            [
                new Question("Kỷ luật", "Khẳng định", "Kỷ luật tích cực không dùng đòn roi.", new TrueFalseBody(true)),
                new Question("Suy ngẫm", "Bài học", "Em sẽ áp dụng kỷ luật tích cực thế nào?", new EssayBody(MarkingGuide: "Nêu một việc làm cụ thể.")),
            ]);
        }

        var list = site.Snapshot.All.First(c => c.ContentTypeAlias == "courseList");
        var created = await site.WithContentServiceAsync(content => content.CreateAsync(list.Key, "course", new ContentEdit(
            new Dictionary<string, string> { ["vi"] = $"Khóa có bài suy ngẫm {Guid.NewGuid():N}"[..28] },
            [new("summary", "vi", "Khóa học có câu tự luận."), new("body", "vi", "Kỷ luật tích cực."), new("questionBank", null, bank), new("quizQuestions", null, "2")]), Editor));
        var course = created.Result!.Content!.Key;
        try
        {
            await site.WithContentServiceAsync(content => content.PublishAsync(course, Editor));
            var (client, _) = await LearnerSignIn.NewLearnerAsync(site, await LearnerSignIn.AnyUnitAsync(site));
            using var learner = client;
            var coursePage = $"/hoc-tap/khoa-hoc/{course}";
            var attemptPage = (await learner.PostFormAsync(coursePage, $"{coursePage}/kiem-tra", [])).Headers.Location!.OriginalString;
            var (_, attempt) = await learner.Http.GetPageAsync(attemptPage);
            var essay = attempt.QuerySelector("textarea.essay")!.GetAttribute("name")!;
            var truth = attempt.QuerySelector("input[type=radio][value=true]")!.GetAttribute("name")!;
            Assert.Equal(HttpStatusCode.Redirect, (await learner.PostFormAsync(attemptPage, $"{attemptPage}/nop", new() { [essay] = Reflection, [truth] = "true" })).StatusCode);
            var (_, result) = await learner.Http.GetPageAsync(attemptPage);
            Assert.Contains("đang chờ cán bộ quản lý đào tạo chấm", result.QuerySelector(".essay-awaiting")!.TextContent);

            using var manager = new StaffClient(site);
            await manager.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager));
            var (_, index) = await manager.Http.GetPageAsync("/backoffice/cham-bai");
            Assert.Contains("Còn 1 bài chờ chấm.", index.QuerySelector(".course-essays")!.TextContent);
            var (_, marking) = await manager.Http.GetPageAsync("/backoffice/cham-bai/khoa-hoc");
            Assert.Equal(Reflection, marking.QuerySelector(".essay-text")!.TextContent);
            Assert.Contains("Nêu một việc làm cụ thể.", marking.QuerySelector(".marking-guide")!.TextContent);
            Assert.DoesNotContain("Phạm Thu Hà", marking.QuerySelector("main")!.TextContent);
            var fields = new Dictionary<string, string>
            {
                ["bai"] = marking.QuerySelector("input[name=bai]")!.GetAttribute("value")!,
                ["cau"] = marking.QuerySelector("input[name=cau]")!.GetAttribute("value")!,
                ["diem"] = "1,5",
            };
            var refused = await manager.PostFormAsync("/backoffice/cham-bai/khoa-hoc", "/backoffice/cham-bai/khoa-hoc", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Điểm phải từ 0 đến điểm tối đa của câu", await refused.Content.ReadAsStringAsync());
            fields["diem"] = "1";
            Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync("/backoffice/cham-bai/khoa-hoc", "/backoffice/cham-bai/khoa-hoc", fields)).StatusCode);

            var (_, done) = await learner.Http.GetPageAsync(coursePage);
            Assert.Null(done.QuerySelector(".essay-awaiting"));
            Assert.NotNull(done.QuerySelector(".quiz-passed"));
        }
        finally
        {
            await site.WithContentServiceAsync(content => content.MoveToRecycleBinAsync(course, Editor));
        }
    }
}
