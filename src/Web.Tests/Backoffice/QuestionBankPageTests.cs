using System.Net;
using System.Text;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class QuestionBankPageTests(SiteFactory site)
{
    private const string Good = """
        $CATEGORY: Luật Trẻ em

        ::Tuổi::Theo Luật Trẻ em 2016, trẻ em là người dưới bao nhiêu tuổi? {#16}

        ::Tổng đài::Tổng đài quốc gia bảo vệ trẻ em là số nào? {=111 ~113 ~115}

        ::Miễn phí::Gọi tổng đài 111 không mất tiền. {T}
        """;

    private static async Task<HttpResponseMessage> PreviewAsync(StaffClient staff, string name, string fileName, string content)
    {
        var (_, page) = await staff.Http.GetPageAsync("/backoffice/ngan-hang-cau-hoi");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/xem-truoc'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(name), "ten" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName },
        };
        return await staff.Http.PostAsync("/backoffice/ngan-hang-cau-hoi/xem-truoc", form);
    }

    [Fact]
    public async Task GiftImport_PreviewReportsBrokenQuestionsAndSavesNothing_ThenSavesAWholeFile_AndExportsBoth()
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var name = $"Luật Trẻ em {Guid.NewGuid():N}"[..20];

        var broken = await PreviewAsync(staff, name, "loi.gift", Good + "\n\n::Tự luận::Hãy nêu ý kiến của em. {}\n\n::Không đáp án::Câu hỏi thiếu đáp án.\n");
        var brokenPage = Html.Parse(await broken.Content.ReadAsStringAsync());
        Assert.Equal(3, brokenPage.QuerySelectorAll(".bank-questions tbody tr").Length);
        var problems = brokenPage.QuerySelectorAll(".bank-problems li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("Tự luận") && p.Contains("cần người chấm"));
        Assert.Null(brokenPage.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/luu']"));

        var good = await PreviewAsync(staff, name, "tot.gift", Good);
        var goodPage = Html.Parse(await good.Content.ReadAsStringAsync());
        var save = goodPage.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/luu']")!;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<QuizService>().BankExistsAsync(name));
        }

        var saved = await staff.Http.PostAsync("/backoffice/ngan-hang-cau-hoi/luu", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = save.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["dinh-dang"] = save.QuerySelector("input[name=dinh-dang]")!.GetAttribute("value")!,
            ["noi-dung"] = save.QuerySelector("textarea[name=noi-dung]")!.TextContent,
            ["ten"] = name,
        }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var savedPage = Html.Parse(await saved.Content.ReadAsStringAsync());
        Assert.Contains("với 3 câu hỏi", savedPage.QuerySelector("[role=status]")!.TextContent);

        var row = savedPage.QuerySelectorAll("table.results tbody tr").Single(r => r.TextContent.Contains(name));
        var gift = await staff.Http.GetStringAsync(row.QuerySelector("a[href$='/gift']")!.GetAttribute("href"));
        Assert.Contains("Tổng đài quốc gia bảo vệ trẻ em là số nào?", gift);
        var xml = await staff.Http.GetStringAsync(row.QuerySelector("a[href$='/xml']")!.GetAttribute("href"));
        Assert.Contains("<quiz>", xml);
        Assert.Contains("numerical", xml);
    }

    [Fact]
    public async Task SingleQuestion_ListedSearchedAndEditedAsGift_TheEditReplacesIt()
    {
        var (bankKey, staff) = await BankWithOrganiserAsync();
        using var _ = staff;
        var list = $"/backoffice/ngan-hang-cau-hoi/{bankKey}";
        var (_, all) = await staff.Http.GetPageAsync(list);
        Assert.Equal(3, all.QuerySelectorAll(".bank-questions tbody tr").Length);
        var (_, found) = await staff.Http.GetPageAsync($"{list}?q={Uri.EscapeDataString("số nào")}");
        var row = Assert.Single(found.QuerySelectorAll(".bank-questions tbody tr"));
        var edit = row.QuerySelector("a")!.GetAttribute("href")!;
        var (_, form) = await staff.Http.GetPageAsync(edit);
        var gift = form.QuerySelector("textarea[name=gift]")!.TextContent;
        Assert.Contains("::Tổng đài::", gift);

        var saved = await staff.PostFormAsync(edit, edit, new() { ["gift"] = gift.Replace("Tổng đài quốc gia bảo vệ trẻ em là số nào?", "Số của Tổng đài quốc gia bảo vệ trẻ em là?").Replace("~115", "~115#Đây là số cấp cứu.") });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, after) = await staff.Http.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Đã lưu câu hỏi", after.QuerySelector("[role=status]")!.TextContent);
        var texts = after.QuerySelectorAll(".bank-questions tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Contains(texts, t => t.Contains("Số của Tổng đài quốc gia bảo vệ trẻ em là?"));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Http.GetAsync(edit)).StatusCode);
        await using var scope = site.Services.CreateAsyncScope();
        var (_, questions) = (await scope.ServiceProvider.GetRequiredService<QuizService>().BankQuestionsAsync(bankKey))!.Value;
        var choices = ((ChoiceBody)questions.Single(q => q.Name == "Tổng đài").Body).Choices;
        Assert.Equal("Đây là số cấp cứu.", choices.Single(c => c.Text == "115").Feedback);
    }

    [Fact]
    public async Task SingleQuestion_BrokenGift_RefusedInVietnameseAndNothingSaved()
    {
        var (bankKey, staff) = await BankWithOrganiserAsync();
        using var _ = staff;
        var (_, all) = await staff.Http.GetPageAsync($"/backoffice/ngan-hang-cau-hoi/{bankKey}");
        var edit = all.QuerySelectorAll(".bank-questions tbody tr").Single(r => r.TextContent.Contains("Tổng đài")).QuerySelector("a")!.GetAttribute("href")!;

        var refused = await staff.PostFormAsync(edit, edit, new() { ["gift"] = "::Tổng đài::Tổng đài quốc gia bảo vệ trẻ em là số nào? {~113 ~115}" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Chưa lưu", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains("không có đáp án đúng", page.QuerySelector(".bank-problems")!.TextContent);
        Assert.Contains("{~113 ~115}", page.QuerySelector("textarea[name=gift]")!.TextContent);
        await using var scope = site.Services.CreateAsyncScope();
        var (_, questions) = (await scope.ServiceProvider.GetRequiredService<QuizService>().BankQuestionsAsync(bankKey))!.Value;
        Assert.Equal(3, questions.Count);
        Assert.Equal("111", ((ChoiceBody)questions.Single(q => q.Name == "Tổng đài").Body).Choices.Single(c => c.IsCorrect).Text);
    }

    [Fact]
    public async Task SingleQuestion_AddedThenDeleted_AndAWriterMayNotEdit()
    {
        var (bankKey, staff) = await BankWithOrganiserAsync();
        using var _ = staff;
        var add = $"/backoffice/ngan-hang-cau-hoi/{bankKey}/them";
        var added = await staff.PostFormAsync(add, add, new() { ["gift"] = "$CATEGORY: Luật Trẻ em\n\n::Tháng hành động::Tháng hành động vì trẻ em là tháng 6. {T}" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (_, list) = await staff.Http.GetPageAsync($"/backoffice/ngan-hang-cau-hoi/{bankKey}");
        var edit = list.QuerySelectorAll(".bank-questions tbody tr").Single(r => r.TextContent.Contains("Tháng hành động")).QuerySelector("a")!.GetAttribute("href")!;

        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.Http.GetAsync(edit)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostWithPageTokenAsync("/backoffice", $"{edit}/xoa", [])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync(edit)).StatusCode);

        var deleted = await staff.PostFormAsync(edit, $"{edit}/xoa", []);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var (_, after) = await staff.Http.GetPageAsync(deleted.Headers.Location!.OriginalString);
        Assert.Equal(3, after.QuerySelectorAll(".bank-questions tbody tr").Length);
        Assert.DoesNotContain("Tháng hành động", after.QuerySelector(".bank-questions")!.TextContent);
    }

    /// <summary>A bank of its own with the three good questions, and a contest organiser signed in.</summary>
    private async Task<(Guid BankKey, StaffClient Staff)> BankWithOrganiserAsync()
    {
        Guid key;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var questions = GiftFormat.Parse(Good).Questions;
            key = (await scope.ServiceProvider.GetRequiredService<QuizService>().SaveBankAsync($"Sửa từng câu {Guid.NewGuid():N}", questions)).Key;
        }

        var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        return (key, staff);
    }
}
