using System.Net;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ChildProtection.Web.Tests.Contests;

/// <summary>Paper versions of a round, as an organiser makes and prints them; their text read back with pdftotext.</summary>
[Collection(SiteCollection.Name)]
public sealed class PaperVersionPageTests(SiteFactory site)
{
    [Fact]
    public async Task Organiser_MakesTwoVersions_AndPrintsEachTheAnswerSheetAndTheKey_InVietnamese()
    {
        var (contest, round) = await TestContests.OpenAsync(site);
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var (_, contestPage) = await staff.Http.GetPageAsync($"/backoffice/cuoc-thi/{contest.Key}");
        var here = contestPage.QuerySelector($"tr[data-round='{round.Number}'] a[href$='/de-giay']")!.GetAttribute("href")!;

        var refused = await staff.PostFormAsync(here, here, new() { ["so-ma-de"] = "0" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Số mã đề phải từ 1 đến 24", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent);

        var made = await staff.PostFormAsync(here, here, new() { ["so-ma-de"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var (_, page) = await staff.Http.GetPageAsync(here);
        Assert.Equal(["Mã đề 101", "Mã đề 102"], page.QuerySelectorAll(".paper-versions tbody tr td:first-child a").Select(a => a.TextContent));

        await using var scope = site.Services.CreateAsyncScope();
        var paper = (await scope.ServiceProvider.GetRequiredService<QuizService>().PaperVersionsAsync(round.QuizKey))!;
        var first = paper.Versions[0].Questions[0];

        var version = await PdfText.OfAsync(staff, $"{here}/101.pdf");
        Assert.Contains(contest.Title, version);
        Assert.Contains("Mã đề 101", version);
        Assert.Contains("Thời gian làm bài: 15 phút", version);
        Assert.Contains("Họ và tên:", version);
        Assert.Contains("Câu 1. " + FormattedText.ToPlain(first.Question.Text, first.Question.Format)[..20], version);
        Assert.Contains("Trang 1/", version);

        var sheet = await PdfText.OfAsync(staff, $"{here}/phieu-tra-loi.pdf");
        Assert.Contains("Phiếu trả lời", sheet);
        Assert.Contains("khoanh tròn chữ cái", sheet);

        var key = await PdfText.OfAsync(staff, $"{here}/dap-an.pdf");
        Assert.Contains("Bảng đáp án", key);
        Assert.Contains("Mã đề 102", key);
        var firstRow = key.Split('\n').First(line => line.TrimStart().StartsWith("1 ", StringComparison.Ordinal));
        // The seeded bank asks true/false and numerical questions: letters for the one, the number for the other.
        var expected = paper.Versions.Select(v => v.Questions[0] is { Right.Count: > 0 } printed
            ? ChildProtection.Training.Quizzes.Paper.PaperKey.Letters(printed.Right)
            : ((NumericalBody)v.Questions[0].Question.Body).Answers.MaxBy(a => a.Fraction)!.Value!.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, firstRow.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));

        Assert.Equal(HttpStatusCode.NotFound, (await staff.Http.GetAsync($"{here}/199.pdf")).StatusCode);
    }

    [Fact]
    public async Task AWrittenPart_PrintsLinesToWriteOn_AndItsMarkInTheKey()
    {
        var contest = await EssayContests.CreateAsync(site);
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var here = $"/backoffice/cuoc-thi/{contest.Key}/vong/1/de-giay";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(here, here, new() { ["so-ma-de"] = "1" })).StatusCode);

        var version = await PdfText.OfAsync(staff, $"{here}/101.pdf");
        // The part's description item prints before its first question.
        Assert.Matches(@"Phần II\. Tự luận \(10 điểm\)\s+Câu 3\. Em hiểu thế nào về quyền được bảo vệ của trẻ em\?", version);
        Assert.Contains("Bài làm phần tự luận (viết tiếp ra giấy thi nếu cần):", version);
        Assert.Contains(new string('.', 100), version);
        var key = await PdfText.OfAsync(staff, $"{here}/dap-an.pdf");
        // "TL" (tự luận, the written part) fits the key's narrow column, with the essay's mark.
        Assert.Contains("TL: 10 điểm", key);
    }

    [Fact]
    public async Task Organiser_ImportsTheTypedAnswerSheets_TheyJoinTheRanking_ABadFileSaysWhichRow()
    {
        var (round, staff, here, version) = await OneVersionAsync();
        using var organiser = staff;
        await using var scope = site.Services.CreateAsyncScope();
        var answers = RightAnswers(version);

        var bad = await PaperResultsForm.SendAsync(staff, here, $"ho_ten,lop,truong,ma_de,tra_loi\nHà Thị Mai,Lớp 6B,THCS Lợi Hải,102,\"{answers}\"\n");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = Html.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Equal("Dòng 2: vòng thi này không có mã đề “102”.", badPage.QuerySelector(".paper-row-errors li")!.TextContent);

        var good = await PaperResultsForm.SendAsync(staff, here, $"ho_ten,lop,truong,ma_de,tra_loi\nHà Thị Mai,Lớp 6B,THCS Lợi Hải,101,\"{answers}\"\n");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("Đã nhập 1 bài làm trên giấy", Html.Parse(await good.Content.ReadAsStringAsync()).QuerySelector("[role=status]")!.TextContent);
        var standing = Assert.Single(await scope.ServiceProvider.GetRequiredService<ChildProtection.Training.Contests.ContestService>().StandingsAsync(round.Id));
        Assert.Equal(("Hà Thị Mai", version.Questions.Count), (standing.Entry.FullName, standing.Correct));
    }

    [Fact]
    public async Task Organiser_TypesPapersInTheGrid_ABadLineImportsNothing_KeepsWhatWasTyped_AndSaysWhichLine()
    {
        var (round, staff, here, version) = await OneVersionAsync();
        using var organiser = staff;
        await using var scope = site.Services.CreateAsyncScope();
        var answers = RightAnswers(version);
        (string, string)[] Line(string name, string code) =>
            [("ho_ten", name), ("lop", name.Length == 0 ? "" : "Lớp 6B"), ("truong", name.Length == 0 ? "" : "THCS Lợi Hải"), ("ma_de", code), ("tra_loi", code.Length == 0 ? "" : answers), ("diem_tu_luan", ""), ("du_doan", "")];

        var refused = await staff.PostFieldsAsync(here, $"{here}/nhap-tay", [.. Line("Hà Thị Mai", "101"), .. Line("", ""), .. Line("Lê Văn Tùng", "109")]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Dòng 3: vòng thi này không có mã đề “109”.", refusedPage.QuerySelector(".paper-row-errors li")!.TextContent);
        Assert.Equal(["Hà Thị Mai", "", "Lê Văn Tùng"], refusedPage.QuerySelectorAll(".paper-typed input[name=ho_ten]").Take(3).Select(i => i.GetAttribute("value") ?? ""));
        Assert.Equal("109", refusedPage.QuerySelectorAll(".paper-typed input[name=ma_de]")[2].GetAttribute("value"));
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ChildProtection.Training.Contests.ContestService>().StandingsAsync(round.Id));

        var imported = await staff.PostFieldsAsync(here, $"{here}/nhap-tay", [.. Line("Hà Thị Mai", "101"), .. Line("", ""), .. Line("Lê Văn Tùng", "101")]);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var importedPage = Html.Parse(await imported.Content.ReadAsStringAsync());
        Assert.Contains("Đã nhập 2 bài làm trên giấy", importedPage.QuerySelector("[role=status]")!.TextContent);
        Assert.All(importedPage.QuerySelectorAll(".paper-typed input[name=ho_ten]"), i => Assert.True(string.IsNullOrEmpty(i.GetAttribute("value"))));
        Assert.Equal(["Hà Thị Mai", "Lê Văn Tùng"], (await scope.ServiceProvider.GetRequiredService<ChildProtection.Training.Contests.ContestService>().StandingsAsync(round.Id))
            .Select(s => s.Entry.FullName).Order());
    }

    [Fact]
    public async Task PicturesFromTheMediaLibrary_InAQuestionAndAChoice_Print_AndOneFromAnotherSite_IsNamedAndMarkedOnThePaper()
    {
        using var bitmap = new SKBitmap(600, 300);
        bitmap.Erase(SKColors.SteelBlue);
        var picture = await site.UploadMediaAsync("bien-bao-de-giay.png", bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        bitmap.Erase(SKColors.OrangeRed);
        var choicePicture = await site.UploadMediaAsync("bien-bao-lua-chon.png", bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        await using var scope = site.Services.CreateAsyncScope();
        var bank = $"Đề có hình {Guid.NewGuid():N}"[..24];
        await scope.ServiceProvider.GetRequiredService<QuizService>().SaveBankAsync(bank,
        [
            new Question("Hình", "Biển báo", $"<p>Biển báo này có ý nghĩa gì?</p><p><img src=\"{picture.Url}\" alt=\"Biển báo\"></p>",
                new ChoiceBody([new("Cấm trẻ em", 1), new($"<img src=\"{choicePicture.Url}\" alt=\"Biển khác\">", 0)], false), Format: TextFormat.Html),
            new Question("Hình", "Biển báo ở trang khác", "<p>Biển báo trên trang web khác nói gì?</p><p><img src=\"https://example.org/bien-bao.png\" alt=\"Biển\"></p>",
                new ChoiceBody([new("Đi chậm", 1), new("Dừng lại", 0)], false), Format: TextFormat.Html),
        ]);
        var now = DateTime.UtcNow;
        var (_, contest) = await scope.ServiceProvider.GetRequiredService<ChildProtection.Training.Contests.ContestService>().CreateAsync(new ChildProtection.Training.Contests.ContestDraft(
            $"Thi có hình {Guid.NewGuid():N}", $"thi-co-hinh-{Guid.NewGuid():N}", "", bank, 2, 10, ChildProtection.Training.Contests.ContestRanking.DefaultOrder,
            [new ChildProtection.Training.Contests.RoundSchedule(now.AddHours(-1), now.AddHours(1))]));
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var here = $"/backoffice/cuoc-thi/{contest!.Key}/vong/1/de-giay";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(here, here, new() { ["so-ma-de"] = "1" })).StatusCode);

        var (_, page) = await staff.Http.GetPageAsync(here);
        Assert.Equal(["Biển báo ở trang khác"], page.QuerySelectorAll(".form-warning li").Select(li => li.TextContent));
        var pdf = await staff.Http.GetByteArrayAsync($"{here}/101.pdf");

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Equal(2, document.GetPages().Sum(p => p.GetImages().Count()));
        var words = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Biển báo này có ý nghĩa gì?", words);
        Assert.Contains("[Hình ảnh không in được]", words);
    }

    /// <summary>An open round with one paper version, made by an organiser signed in on <c>Staff</c> (the caller disposes of it).</summary>
    private async Task<(ChildProtection.Training.Contests.ContestRound Round, StaffClient Staff, string Here, ChildProtection.Training.Quizzes.Paper.PrintedVersion Version)> OneVersionAsync()
    {
        var (contest, round) = await TestContests.OpenAsync(site);
        var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var here = $"/backoffice/cuoc-thi/{contest.Key}/vong/{round.Number}/de-giay";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(here, here, new() { ["so-ma-de"] = "1" })).StatusCode);
        await using var scope = site.Services.CreateAsyncScope();
        return (round, staff, here, (await scope.ServiceProvider.GetRequiredService<QuizService>().PaperVersionsAsync(round.QuizKey))!.Versions.Single());
    }

    /// <summary>A version's answers that earn every mark, as a clerk types them: letters, or the number.</summary>
    private static string RightAnswers(ChildProtection.Training.Quizzes.Paper.PrintedVersion version) =>
        string.Join(",", version.Questions.Select(q => q.Right.Count > 0
            ? ChildProtection.Training.Quizzes.Paper.PaperKey.Letters(q.Right)
            : ((NumericalBody)q.Question.Body).Answers.MaxBy(a => a.Fraction)!.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
