using ChildProtection.Cms.Content;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Features.Shared;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Training;

public sealed class VideoEmbedTests
{
    [Theory]
    [InlineData("https://www.youtube.com/watch?v=AbCdEfGhIj0&t=30s", "https://www.youtube-nocookie.com/embed/AbCdEfGhIj0")]
    [InlineData("https://youtu.be/AbCdEfGhIj0", "https://www.youtube-nocookie.com/embed/AbCdEfGhIj0")]
    [InlineData("https://m.youtube.com/shorts/AbCdEfGhIj0", "https://www.youtube-nocookie.com/embed/AbCdEfGhIj0")]
    [InlineData("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789")]
    [InlineData("https://www.facebook.com/unicefvietnam/videos/12345/", "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Funicefvietnam%2Fvideos%2F12345%2F&show_text=false")]
    [InlineData("https://www.youtube.com/watch?v=<script>", null)]
    [InlineData("https://example.vn/video.mp4", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("khong-phai-dia-chi", null)]
    public void PlayerUrl_KnownVideoSitesOnly(string link, string? expected) => Assert.Equal(expected, VideoEmbed.PlayerUrl(link));
}

/// <summary>A lesson with a video and attached documents, on a site of its own (the seeded lesson is changed).</summary>
public sealed class LessonMediaTests
{
    private static readonly Guid PositiveDiscipline = Guid.Parse("2b8f0c61-3e4a-4d57-9a1b-7c2d5e6f8a01");

    [Fact]
    public async Task TheLearnersLessonPage_EmbedsTheVideo_AndListsTheAttachmentsAsThePublicPageDoes()
    {
        using var site = new SiteFactory();
        var lesson = site.Services.GetRequiredService<ICourseCatalog>().Find(PositiveDiscipline)!.Lessons[0];
        var leaflet = site.Snapshot.All.First(c => c.ContentTypeAlias == "leaflet");
        var content = site.Snapshot.Get(lesson.Key)!;
        var attachments = $$"""[{"name":"Phiếu tự đánh giá","url":"https://example.vn/phieu-tu-danh-gia.pdf"},{"name":null,"key":"{{leaflet.Key}}"}]""";
        await site.WithContentServiceAsync(async cms =>
        {
            var saved = await cms.SaveAsync(lesson.Key, new ContentEdit(
                new Dictionary<string, string> { ["vi"] = content.Name("vi") },
                [new("body", "vi", content.Value("body", "vi")), new("durationMinutes", null, content.Value("durationMinutes", "vi")),
                 new("videoUrl", null, "https://youtu.be/AbCdEfGhIj0"), new("attachments", null, attachments)]), "kiemthu@example.vn");
            Assert.Equal(ContentOperationStatus.Success, saved.Status);
            return await cms.PublishAsync(lesson.Key, "kiemthu@example.vn");
        });

        int unit;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            unit = (await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Units.FirstAsync()).Id;
        }

        var (client, enrolled) = await LearnerSignIn.NewLearnerAsync(site, unit);
        using var learner = client;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.Equal(LearningStatus.Success, await scope.ServiceProvider.GetRequiredService<LearningService>().EnrolAsync(enrolled, PositiveDiscipline));
        }

        var (_, page) = await learner.Http.GetPageAsync($"/hoc-tap/khoa-hoc/{PositiveDiscipline}/bai/{lesson.Key}");
        var (_, publicPage) = await learner.Http.GetPageAsync(site.Snapshot.Get(lesson.Key)!.Url("vi")!);

        foreach (var shown in new[] { page, publicPage })
        {
            Assert.Equal("https://www.youtube-nocookie.com/embed/AbCdEfGhIj0", shown.QuerySelector(".lesson-video iframe")!.GetAttribute("src"));
            Assert.Equal("https://youtu.be/AbCdEfGhIj0", shown.QuerySelector(".lesson-video a.video-link")!.GetAttribute("href"));
            var links = shown.QuerySelectorAll(".lesson-attachments a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
            Assert.Equal([("Phiếu tự đánh giá", "https://example.vn/phieu-tu-danh-gia.pdf"), (leaflet.Name("vi"), leaflet.Url("vi"))], links);
        }
    }
}
