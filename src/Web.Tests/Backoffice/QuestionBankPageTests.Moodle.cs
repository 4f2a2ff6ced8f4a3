using System.Net;
using System.Text;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ChildProtection.Training.Tests.Quizzes.Questions.WordFiles;

namespace ChildProtection.Web.Tests.Backoffice;

/// <summary>Files as teachers moving from Moodle, from Word or from old Vietnamese fonts bring them.</summary>
public sealed partial class QuestionBankPageTests
{
    [Fact]
    public async Task GiftInTcvn3_PreviewedConvertedWithANotice_AndSavedInUnicode()
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager));
        var name = $"ABC {Guid.NewGuid():N}"[..20];

        // "Trẻ em có quyền được bảo vệ? {=Đúng ~Sai}" as a .VnTime document saves it: one byte a letter, đ 0xAE, ư 0xAD…
        var tcvn3 = Encoding.Latin1.GetBytes("::Quy\u00D2n::Tr\u00CE em c\u00E3 quy\u00D2n \u00AE\u00AD\u00EEc b\u00B6o v\u00D6? {=\u00AE\u00F3ng ~sai}\n");
        var preview = await PreviewAsync(staff, name, "abc.gift", tcvn3);

        var page = Html.Parse(await preview.Content.ReadAsStringAsync());
        Assert.Contains("TCVN3", page.QuerySelector(".bank-preview [role=status]")!.TextContent);
        Assert.Contains("Trẻ em có quyền được bảo vệ?", page.QuerySelector(".bank-questions tbody")!.TextContent);
        var saved = await ConfirmAsync(staff, page.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/luu']")!, name);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await using var scope = site.Services.CreateAsyncScope();
        var bank = (await scope.ServiceProvider.GetRequiredService<QuizService>().BanksAsync()).Single(b => b.Bank.Name == name).Bank;
        var (_, questions) = (await scope.ServiceProvider.GetRequiredService<QuizService>().BankQuestionsAsync(bank.Key))!.Value;
        var question = Assert.Single(questions);
        Assert.Equal(("Quyền", "Trẻ em có quyền được bảo vệ?"), (question.Name, question.Text));
        Assert.Equal("đúng", ((ChoiceBody)question.Body).Choices.Single(c => c.IsCorrect).Text);
    }

    [Fact]
    public async Task MoodleGrades_ThatMakeFullMarksImpossible_RefusedPerQuestionInVietnamese()
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var name = $"Điểm {Guid.NewGuid():N}"[..20];
        var gift = Good + """


            ::Một phần ba::Những hành vi nào bị nghiêm cấm? {~%33%Bạo lực ~%33%Xâm hại ~%33%Bỏ mặc ~Khen ngợi}

            ::Hai đáp án đủ điểm::Chọn các số điện thoại khẩn cấp. {~%100%111 ~%100%113 ~115}
            """;

        var page = Html.Parse(await (await PreviewAsync(staff, name, "diem.gift", gift)).Content.ReadAsStringAsync());

        var problems = page.QuerySelectorAll(".bank-problems li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("“Một phần ba”") && p.Contains("mức điểm 33%") && p.Contains("33.33333%"));
        Assert.Contains(problems, p => p.Contains("“Hai đáp án đủ điểm”") && p.Contains("cộng lại được 200%"));
        Assert.Null(page.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/luu']"));
    }

    [Fact]
    public async Task WordFile_AsTeachersWriteIt_WithAPictureAndATable_PreviewedThenSavedWithThePictureInTheLibrary()
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager));
        var name = $"Word {Guid.NewGuid():N}"[..20];
        var docx = Create(main =>
        [
            P(R("Phần I. Trắc nghiệm", Bold)),
            P(R("Câu 1. ", Bold), R("Quan sát bảng và hình sau:")),
            Table(["Ngày", "Hoạt động"], ["1/6", "Phát động Tháng hành động vì trẻ em"]),
            P(Picture(main, Png)),
            P(R("Tháng hành động vì trẻ em bắt đầu ngày nào?")),
            P(R("A.", Bold), R(" 1/9"), Tab, R("B.", Bold, Underlined), R(" 1/6")),
            P(R("Lời giải: Tháng hành động vì trẻ em kéo dài từ 1/6 đến 30/6.")),
            P(R("Câu 2. Tổng đài quốc gia bảo vệ trẻ em?")),
            P(R("A. 113")),
            P(R("B. 111")),
            P(R("ĐÁP ÁN", Bold)),
            P(R("2-B")),
        ]);

        var preview = await PreviewAsync(staff, name, "de-on-tap.docx", docx);

        var page = Html.Parse(await preview.Content.ReadAsStringAsync());
        Assert.Empty(page.QuerySelectorAll(".bank-problems li"));
        var rows = page.QuerySelectorAll(".bank-questions > tbody > tr");
        Assert.Equal(2, rows.Length);
        Assert.NotNull(rows[0].QuerySelector("table td"));
        Assert.StartsWith("data:image/png;base64,", rows[0].QuerySelector("img")!.GetAttribute("src"));
        Assert.Contains("Phần I. Trắc nghiệm", rows[0].TextContent);
        Assert.StartsWith("1/6", rows[0].QuerySelector(".right-answer")!.TextContent.Trim());
        Assert.Null(page.QuerySelector(".bank-preview [role=status]"));

        var saved = await ConfirmAsync(staff, page.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/luu']")!, name);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await using var scope = site.Services.CreateAsyncScope();
        var quizzes = scope.ServiceProvider.GetRequiredService<QuizService>();
        var bank = (await quizzes.BanksAsync()).Single(b => b.Bank.Name == name).Bank;
        var (_, questions) = (await quizzes.BankQuestionsAsync(bank.Key))!.Value;
        Assert.Equal(2, questions.Count);
        Assert.Contains("<td>Phát động Tháng hành động vì trẻ em</td>", questions[0].Text);
        Assert.Matches("<img src=\"/media/[^\"]+\"", questions[0].Text);
        Assert.Equal("<p>Tháng hành động vì trẻ em kéo dài từ 1/6 đến 30/6.</p>", questions[0].Feedback);
        Assert.Equal("111", ((ChoiceBody)questions[1].Body).Choices.Single(c => c.IsCorrect).Text);
    }

    [Fact]
    public async Task WordTemplate_DownloadsForQuestionBankKeepers()
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));

        var response = await staff.Http.GetAsync("/backoffice/ngan-hang-cau-hoi/mau-cau-hoi.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        var import = WordFormat.Parse(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Empty(import.Problems);
        Assert.Equal(4, import.Questions.Count);
    }
}
