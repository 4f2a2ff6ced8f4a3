using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ChildProtection.Cms.Persistence;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed partial class QuestionBankPageTests(SiteFactory site)
{
    private const string Good = """
        $CATEGORY: Luật Trẻ em

        ::Tuổi::Theo Luật Trẻ em 2016, trẻ em là người dưới bao nhiêu tuổi? {#16}

        ::Tổng đài::Tổng đài quốc gia bảo vệ trẻ em là số nào? {=111 ~113 ~115}

        ::Miễn phí::Gọi tổng đài 111 không mất tiền. {T}
        """;

    private static Task<HttpResponseMessage> PreviewAsync(StaffClient staff, string name, string fileName, string content) =>
        PreviewAsync(staff, name, fileName, Encoding.UTF8.GetBytes(content));

    private static async Task<HttpResponseMessage> PreviewAsync(StaffClient staff, string name, string fileName, byte[] content)
    {
        var (_, page) = await staff.Http.GetPageAsync("/backoffice/ngan-hang-cau-hoi");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/xem-truoc'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(name), "ten" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await staff.Http.PostAsync("/backoffice/ngan-hang-cau-hoi/xem-truoc", form);
    }

    /// <summary>Sends the preview's save form back as the trainer's "Lưu" button does.</summary>
    private static Task<HttpResponseMessage> ConfirmAsync(StaffClient staff, AngleSharp.Dom.IElement save, string name) =>
        staff.Http.PostAsync("/backoffice/ngan-hang-cau-hoi/luu", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = save.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["dinh-dang"] = save.QuerySelector("input[name=dinh-dang]")!.GetAttribute("value")!,
            ["noi-dung"] = save.QuerySelector("textarea[name=noi-dung]")!.TextContent,
            ["ten"] = name,
        }));

    [Fact]
    public async Task GiftImport_PreviewReportsBrokenQuestionsAndSavesNothing_ThenSavesAWholeFile_AndExportsBoth()
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var name = $"Luật Trẻ em {Guid.NewGuid():N}"[..20];

        var broken = await PreviewAsync(staff, name, "loi.gift", Good + "\n\n::Điểm lẻ::Số nào gọi khi trẻ cần giúp? {=111 ~%33%113}\n\n::Không đáp án::Câu hỏi thiếu đáp án đúng. {~A ~B}\n");
        var brokenPage = Html.Parse(await broken.Content.ReadAsStringAsync());
        Assert.Equal(3, brokenPage.QuerySelectorAll(".bank-questions tbody tr").Length);
        var problems = brokenPage.QuerySelectorAll(".bank-problems li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("Điểm lẻ") && p.Contains("mức điểm 33% không nằm trong các mức Moodle cho phép"));
        Assert.Null(brokenPage.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/luu']"));

        var good = await PreviewAsync(staff, name, "tot.gift", Good);
        var goodPage = Html.Parse(await good.Content.ReadAsStringAsync());
        var save = goodPage.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/luu']")!;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<QuizService>().BankExistsAsync(name));
        }

        var saved = await ConfirmAsync(staff, save, name);
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

    /// <summary>
    /// A Moodle 4 export: wording in HTML, a photo (with its GPS position) embedded as base64 and shown with
    /// @@PLUGINFILE@@, and what a hostile file could add: a script, an event handler, a javascript: picture.
    /// </summary>
    private static string MoodleExport(string picture, string base64, string extraQuestion = "") => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <quiz>
          <question type="category"><category><text>$course$/top/Biển báo</text></category></question>
          <question type="multichoice">
            <name><text>Biển báo</text></name>
            <questiontext format="html">
              <text><![CDATA[<p>Biển báo <strong>này</strong> nghĩa là gì?</p><p><img src="@@PLUGINFILE@@/{{picture}}" alt="Biển báo" onerror="alert('loi')"></p><script>alert('xss')</script><img src="javascript:alert(1)">]]></text>
              <file name="{{picture}}" path="/" encoding="base64">{{base64}}</file>
            </questiontext>
            <generalfeedback format="html"><text><![CDATA[<p>Xem <em>Điều 6</em> Luật Trẻ em.</p>]]></text></generalfeedback>
            <single>true</single>
            <answer fraction="100" format="html"><text><![CDATA[<p>Cấm trẻ em vào</p>]]></text><feedback format="html"><text><![CDATA[<p>Đúng <b>rồi</b>.</p>]]></text></feedback></answer>
            <answer fraction="0" format="html"><text><![CDATA[<p>Được vào</p>]]></text><feedback format="html"><text></text></feedback></answer>
          </question>
          <question type="truefalse">
            <name><text>Tổng đài</text></name>
            <questiontext format="html"><text><![CDATA[<p>Gọi <b>111</b> không mất tiền.</p>]]></text></questiontext>
            <answer fraction="100"><text>true</text><feedback format="html"><text><![CDATA[<p>Miễn phí, 24/7.</p>]]></text></feedback></answer>
            <answer fraction="0"><text>false</text><feedback format="html"><text></text></feedback></answer>
          </question>
          <question type="shortanswer">
            <name><text>Số tổng đài</text></name>
            <questiontext format="plain_text"><text>Tổng đài quốc gia bảo vệ trẻ em là số nào?</text></questiontext>
            <answer fraction="100" format="moodle_auto_format"><text>111</text><feedback format="html"><text></text></feedback></answer>
          </question>
          {{extraQuestion}}
        </quiz>
        """;

    [GeneratedRegex(@"^/media/[0-9a-f]{32}/[^/]+\.jpg$")]
    private static partial Regex MediaAddress();

    [Fact]
    public async Task MoodleXmlImport_PicturePreviewedFromTheFile_StoredOnConfirm_ShownCleanInAContestAttempt_AndExportedByAddress()
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var name = $"Biển báo {Guid.NewGuid():N}"[..20];
        var picture = $"bien-bao-{Guid.NewGuid():N}"[..20];
        var photo = MediaSectionTests.PhotoWithGps();

        var preview = await PreviewAsync(staff, name, "bien-bao.xml", MoodleExport($"{picture}.jpg", Convert.ToBase64String(photo)));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewPage = Html.Parse(await preview.Content.ReadAsStringAsync());
        var rows = previewPage.QuerySelectorAll(".bank-questions tbody tr");
        Assert.Equal(3, rows.Length);
        Assert.Null(previewPage.QuerySelector(".bank-problems"));
        Assert.Equal("này", rows[0].QuerySelector(".question-preview > .rich strong")!.TextContent);
        Assert.StartsWith("data:image/jpeg;base64,", rows[0].QuerySelector("img[alt='Biển báo']")!.GetAttribute("src"));
        Assert.Equal("Cấm trẻ em vào", rows[0].QuerySelector("li.right-answer .rich")!.TextContent);
        Assert.Contains("Đúng rồi.", rows[0].QuerySelector("li.right-answer .feedback")!.TextContent);
        Assert.Contains("Điều 6", rows[0].QuerySelector(".question-preview > .feedback em")!.TextContent);
        Assert.Contains("Miễn phí, 24/7.", rows[1].TextContent);
        Assert.Equal("111", rows[2].QuerySelector("li.right-answer")!.TextContent.Trim()[..3]);
        AssertClean(previewPage.QuerySelector(".bank-questions")!.OuterHtml);
        Assert.False(await MediaExistsAsync(picture), "Nothing is stored before the trainer confirms.");

        var save = previewPage.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/luu']")!;
        var saved = await ConfirmAsync(staff, save, name);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True(await MediaExistsAsync(picture));

        // A contest drawing the three questions: the entrant sees the question as written, with the stored picture.
        Contest contest;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var now = DateTime.UtcNow;
            var (status, created) = await scope.ServiceProvider.GetRequiredService<ContestService>().CreateAsync(new ContestDraft(
                $"Thi biển báo {Guid.NewGuid():N}", $"thi-bien-bao-{Guid.NewGuid():N}", "", name, 3, 15, ContestRanking.DefaultOrder, [new RoundSchedule(now.AddHours(-1), now.AddHours(1))]));
            Assert.Equal(ContestStatus.Success, status);
            contest = created!;
        }

        var roundPage = $"/cuoc-thi/{contest.Slug}/vong/1";
        var email = $"anh-{Guid.NewGuid():N}"[..16] + "@example.vn";
        using var entrant = new StaffClient(site);
        var codePage = (await entrant.PostFormAsync(roundPage, roundPage, new()
        {
            ["FullName"] = "Lê Thu Hà", ["BirthDateOrClass"] = "Lớp 8B", ["School"] = "Trường THCS Ninh Sơn", ["Email"] = email,
        })).Headers.Location!.OriginalString;
        var code = Regex.Match(Assert.Single(await SmtpSink.WaitForAsync(email)).TextBody ?? "", @"\b\d{6}\b").Value;
        var attemptPage = (await entrant.PostFormAsync(codePage, codePage, new() { ["ma"] = code })).Headers.Location!.OriginalString;
        var (_, attempt) = await entrant.Http.GetPageAsync(attemptPage);

        var question = attempt.QuerySelectorAll("fieldset.question").Single(f => f.QuerySelector("img") is not null);
        Assert.Equal("này", question.QuerySelector(".question-text strong")!.TextContent);
        Assert.Equal(["Cấm trẻ em vào", "Được vào"], question.QuerySelectorAll("label.choice .rich > p").Select(p => p.TextContent).Order());
        var src = question.QuerySelector(".question-text img")!.GetAttribute("src")!;
        Assert.Matches(MediaAddress(), src);
        AssertClean(string.Concat(attempt.QuerySelectorAll("fieldset.question").Select(f => f.OuterHtml)));
        var served = await entrant.Http.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(await served.Content.ReadAsByteArrayAsync()));

        var bankRow = Html.Parse(await saved.Content.ReadAsStringAsync()).QuerySelectorAll("table.results tbody tr").Single(r => r.TextContent.Contains(name));
        var xml = await staff.Http.GetStringAsync(bankRow.QuerySelector("a[href$='/xml']")!.GetAttribute("href"));
        Assert.Contains("<questiontext format=\"html\">", xml);
        Assert.Matches(@"src=""https?://[^""/]+/media/[0-9a-f]{32}/", System.Net.WebUtility.HtmlDecode(xml));
        var gift = await staff.Http.GetStringAsync(bankRow.QuerySelector("a[href$='/gift']")!.GetAttribute("href"));
        Assert.Contains("::Biển báo::[html]<p>Biển báo <strong>này</strong>", gift);
    }

    [Fact]
    public async Task MoodleXmlImport_BrokenPictureOrAFileThatIsNoPicture_ReportedInVietnamese_AndNothingSaved()
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager));
        var name = $"Hỏng {Guid.NewGuid():N}"[..20];
        var picture = $"hong-{Guid.NewGuid():N}"[..20];
        var notAPicture = """
            <question type="truefalse">
              <name><text>Tệp văn bản</text></name>
              <questiontext format="html"><text><![CDATA[<p>Xem <img src="@@PLUGINFILE@@/ghi-chu.png"></p>]]></text>
                <file name="ghi-chu.png" path="/" encoding="base64">eGluIGNow6BvLCDEkcOieSBsw6AgdsSDbiBi4bqjbg==</file></questiontext>
              <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
            </question>
            """;
        var source = MoodleExport($"{picture}.jpg", "đây-không-phải-base64!", notAPicture);

        var preview = await PreviewAsync(staff, name, "hong.xml", source);

        var page = Html.Parse(await preview.Content.ReadAsStringAsync());
        var problems = page.QuerySelectorAll(".bank-problems li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("“Biển báo”") && p.Contains("ảnh đính kèm bị hỏng") && p.Contains($"{picture}.jpg"));
        Assert.Contains(problems, p => p.Contains("“Tệp văn bản”") && p.Contains("không phải là ảnh") && p.Contains("ghi-chu.png"));
        Assert.Equal(2, page.QuerySelectorAll(".bank-questions tbody tr").Length);
        Assert.Null(page.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/luu']"));

        // Sent anyway (an old tab, a hand-made request): refused, nothing saved.
        var forced = await staff.PostWithPageTokenAsync("/backoffice/ngan-hang-cau-hoi", "/backoffice/ngan-hang-cau-hoi/luu", new()
        {
            ["dinh-dang"] = "MoodleXml", ["noi-dung"] = source, ["ten"] = name,
        });
        Assert.Equal(HttpStatusCode.BadRequest, forced.StatusCode);
        Assert.Contains("Chưa lưu", Html.Parse(await forced.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent);
        await using var scope = site.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<QuizService>().BankExistsAsync(name));
        Assert.False(await MediaExistsAsync(picture));
        Assert.False(await MediaExistsAsync("ghi-chu"));
    }

    /// <summary>No script, event handler or javascript: address survived into the page, and no HTML shows as text.</summary>
    private static void AssertClean(string html)
    {
        foreach (var gone in new[] { "<script", "alert(", "onerror", "javascript:", "&lt;p&gt;" })
        {
            Assert.DoesNotContain(gone, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<bool> MediaExistsAsync(string namePrefix)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CmsDbContext>().Media.AnyAsync(m => m.Name.StartsWith(namePrefix));
    }

    [Fact]
    public async Task MoodleXmlImport_AClozeQuestion_PreviewsEachGapWithItsAnswers_AndIsNotOfferedForGiftEditing()
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager));
        var name = $"Điền khuyết {Guid.NewGuid():N}"[..20];
        const string Xml = """
            <quiz><question type="cloze"><name><text>Luật Trẻ em</text></name>
              <questiontext format="html"><text><![CDATA[<p>Luật Trẻ em năm {1:MULTICHOICE:2004~=2016#Đúng} quy định số tổng đài {2:NUMERICAL:=111}.</p>]]></text></questiontext>
            </question></quiz>
            """;

        var preview = Html.Parse(await (await PreviewAsync(staff, name, "dien-khuyet.xml", Xml)).Content.ReadAsStringAsync());

        Assert.Contains("Điền khuyết nhiều ô (Cloze)", preview.QuerySelector(".bank-questions tbody tr")!.TextContent);
        var shown = preview.QuerySelector(".question-preview")!.TextContent;
        Assert.Contains("Luật Trẻ em năm [1] quy định số tổng đài [2].", shown);
        Assert.Contains("Ô trống [1] (Một lựa chọn, trọng số 1):", shown);
        Assert.Contains("Ô trống [2] (Số, trọng số 2):", shown);
        var save = preview.QuerySelector("form[action='/backoffice/ngan-hang-cau-hoi/luu']")!;
        var confirmed = await ConfirmAsync(staff, save, name);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("với 1 câu hỏi", await confirmed.Content.ReadAsStringAsync());

        await using var scope = site.Services.CreateAsyncScope();
        var bankKey = (await scope.ServiceProvider.GetRequiredService<QuizService>().BanksAsync()).Single(b => b.Bank.Name == name).Bank.Key;
        var (_, questions) = (await scope.ServiceProvider.GetRequiredService<QuizService>().BankQuestionsAsync(bankKey))!.Value;
        var (_, editPage) = await staff.Http.GetPageAsync($"/backoffice/ngan-hang-cau-hoi/{bankKey}");
        var (_, edit) = await staff.Http.GetPageAsync(editPage.QuerySelector(".bank-questions tbody tr a")!.GetAttribute("href")!);
        Assert.Null(edit.QuerySelector("textarea[name=gift]"));
        Assert.Contains("nhập lại", edit.QuerySelector(".cloze-not-editable")!.TextContent);
        Assert.Equal(QuestionType.Cloze, Assert.Single(questions).Type);
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
