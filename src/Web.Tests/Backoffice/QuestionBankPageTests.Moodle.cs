using System.Net;
using System.Text;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Backoffice;

/// <summary>Files as teachers moving from Moodle or from old Word documents bring them.</summary>
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
}
