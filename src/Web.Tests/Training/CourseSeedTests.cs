using System.Net;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Training;

/// <summary>The seeded courses: public pages from content, final-quiz banks imported from their GIFT files.</summary>
[Collection(SiteCollection.Name)]
public sealed class CourseSeedTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateServerClient();

    [Fact]
    public async Task CourseList_ThreeCoursesEachWithFourLessonsOrMore()
    {
        var list = site.Snapshot.All.Single(c => c.ContentTypeAlias == "courseList");
        var (response, document) = await _client.GetPageAsync(list.Url("vi")!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var courses = site.Snapshot.Children(list, "vi");
        Assert.True(courses.Count >= 3, $"{courses.Count} courses seeded");
        foreach (var course in courses)
        {
            Assert.NotNull(document.QuerySelector($"a[href='{course.Url("vi")}']"));
            var (_, page) = await _client.GetPageAsync(course.Url("vi")!);
            var lessons = page.QuerySelectorAll(".lessons li a").Select(a => a.GetAttribute("href")).ToList();
            Assert.True(lessons.Count >= 4, $"{course.Name("vi")} has {lessons.Count} lessons");
            Assert.Contains("80%", page.QuerySelector(".course")!.TextContent);
        }
    }

    [Fact]
    public async Task Lesson_LinksToTheNextLessonAndTheLastBackToTheCourse()
    {
        var course = site.Snapshot.All.First(c => c.ContentTypeAlias == "course");
        var lessons = site.Snapshot.Children(course, "vi");

        var (firstResponse, first) = await _client.GetPageAsync(lessons[0].Url("vi")!);
        var (_, last) = await _client.GetPageAsync(lessons[^1].Url("vi")!);

        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(lessons[1].Url("vi"), first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Contains($"Bài 1/{lessons.Count}", first.QuerySelector(".lesson .meta")!.TextContent);
        Assert.Null(last.QuerySelector("a[rel=next]"));
        Assert.NotNull(last.QuerySelector($".pager a[href='{course.Url("vi")}']"));
    }

    [Fact]
    public async Task QuestionBanks_EveryCourseBankImportedWithTwelveQuestionsOrMore()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var banks = await db.QuestionBanks.Select(b => new { b.Name, Count = b.Questions.Count }).ToListAsync();

        foreach (var course in site.Snapshot.All.Where(c => c.ContentTypeAlias == "course"))
        {
            var bankName = course.Value("questionBank", "vi");
            var bank = Assert.Single(banks, b => b.Name == bankName);
            Assert.True(bank.Count >= 12, $"{bankName} has {bank.Count} questions");
        }
    }
}
