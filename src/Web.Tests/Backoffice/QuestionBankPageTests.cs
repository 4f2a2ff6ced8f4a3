using System.Net;
using System.Text;
using ChildProtection.Training.Quizzes;
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
}
