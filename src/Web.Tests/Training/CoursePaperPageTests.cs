using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Training;

/// <summary>A course's final quiz on paper, as a training manager prints it for a training day and types its results back.</summary>
[Collection(SiteCollection.Name)]
public sealed class CoursePaperPageTests(SiteFactory site)
{
    private const string Editor = "kiemthu@example.vn";
    private static readonly Dictionary<string, string> AttendedInPerson = new() { ["hoc-truc-tiep"] = "true" };

    [Fact]
    public async Task TheManagerPrintsTheFinalQuiz_ImportsTheSheets_AndTheLearnersCourseIsComplete()
    {
        var bank = $"giay-khoa-hoc-{Guid.NewGuid():N}";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<QuizService>().SaveBankAsync(bank,
            [
                new Question("Luật", "Tổng đài", "Tổng đài quốc gia bảo vệ trẻ em là số nào?", new ChoiceBody([new("111", 1), new("113", 0), new("115", 0)], false)),
                new Question("Luật", "Ghép nối", "Ghép mỗi số điện thoại với việc của nó.", new MatchingBody(
                    [new("111", "Bảo vệ trẻ em"), new("113", "Công an"), new("115", "Cấp cứu")], ["Cứu hỏa"])),
            ]);
        }

        var title = $"Khóa học thi trên giấy {Guid.NewGuid():N}"[..32];
        var list = site.Snapshot.All.First(c => c.ContentTypeAlias == "courseList");
        var created = await site.WithContentServiceAsync(content => content.CreateAsync(list.Key, "course", new ContentEdit(
            new Dictionary<string, string> { ["vi"] = title },
            [new("summary", "vi", "Khóa học có bài kiểm tra trên giấy."), new("body", "vi", "Phòng, chống xâm hại trẻ em."), new("questionBank", null, bank), new("quizQuestions", null, "2")]), Editor));
        var course = created.Result!.Content!.Key;
        try
        {
            await site.WithContentServiceAsync(content => content.PublishAsync(course, Editor));
            using var manager = new StaffClient(site);
            await manager.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager));
            var (_, reports) = await manager.Http.GetPageAsync("/backoffice/bao-cao");
            var here = reports.QuerySelector($"a[href='/backoffice/khoa-hoc/{course}/de-giay']")!.GetAttribute("href")!;
            Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(here, here, new() { ["so-ma-de"] = "1" })).StatusCode);

            var printed = await PdfText.OfAsync(manager, $"{here}/101.pdf");
            Assert.Contains(title, printed);
            Assert.Contains("Bài kiểm tra cuối khóa", printed);
            Assert.Contains("E-mail:", printed);
            Assert.Contains("Ghép mỗi số điện thoại với việc của nó.", printed);
            PrintedVersion version;
            await using (var scope = site.Services.CreateAsyncScope())
            {
                version = (await scope.ServiceProvider.GetRequiredService<QuizService>().PaperVersionsAsync(course))!.Versions.Single();
            }

            // The key table's cells, as the clerk copies them: "A" for the choice, "a-1 b-3 c-4" for the matching.
            var key = (await PdfText.OfAsync(manager, $"{here}/dap-an.pdf")).Split('\n');
            var answers = string.Join(",", version.Questions.Select(q => KeyCell(key, q.Number)));

            var (learnerClient, learner) = await LearnerSignIn.NewLearnerAsync(site, await LearnerSignIn.AnyUnitAsync(site));
            using var learnerBrowser = learnerClient;
            var unknown = await PaperResultsForm.SendAsync(manager, here, $"email,ma_de,tra_loi\nkhong-co@example.vn,101,\"{answers}\"\n", AttendedInPerson);
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("Dòng 2: không tìm thấy học viên có e-mail “khong-co@example.vn”",
                Html.Parse(await unknown.Content.ReadAsStringAsync()).QuerySelector(".paper-row-errors li")!.TextContent);

            var imported = await PaperResultsForm.SendAsync(manager, here, $"email,ma_de,tra_loi\n{learner.Email.ToUpperInvariant()},101,\"{answers}\"\n", AttendedInPerson);
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            Assert.Contains("Đã nhập 1 bài làm trên giấy", Html.Parse(await imported.Content.ReadAsStringAsync()).QuerySelector("[role=status]")!.TextContent);
            var again = await PaperResultsForm.SendAsync(manager, here, $"email,ma_de,tra_loi\n{learner.Email},101,\"{answers}\"\n", AttendedInPerson);
            Assert.Equal("Dòng 2: bài của học viên này với mã đề này đã được nhập trước đây.",
                Html.Parse(await again.Content.ReadAsStringAsync()).QuerySelector(".paper-row-errors li")!.TextContent);

            var (_, coursePage) = await learnerBrowser.Http.GetPageAsync($"/hoc-tap/khoa-hoc/{course}");
            Assert.NotNull(coursePage.QuerySelector(".quiz-passed"));
            Assert.NotNull(coursePage.QuerySelector(".certificate"));
        }
        finally
        {
            await site.WithContentServiceAsync(content => content.MoveToRecycleBinAsync(course, Editor));
        }
    }

    /// <summary>Question <paramref name="number"/>'s cell in the key table of one version, as pdftotext lays the table out.</summary>
    private static string KeyCell(string[] key, int number) =>
        key.Select(line => line.Trim()).First(line => line.StartsWith($"{number} ", StringComparison.Ordinal))[$"{number} ".Length..].Trim();
}
