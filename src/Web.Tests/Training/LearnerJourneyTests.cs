using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ChildProtection.Web.Tests.Training;

/// <summary>A teacher's way through a course, in a real browser and over HTTP.</summary>
[Collection(SiteCollection.Name)]
public sealed partial class LearnerJourneyTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Guid PositiveDiscipline = Guid.Parse("2b8f0c61-3e4a-4d57-9a1b-7c2d5e6f8a01");

    [GeneratedRegex(@"https?://\S+/hoc-tap/xac-nhan\?\S+")]
    private static partial Regex ConfirmLink();

    /// <summary>Registers through the form, confirms from the e-mail and signs in; returns the signed-in page.</summary>
    private async Task<(IPage Page, string Email)> RegisteredLearnerAsync()
    {
        var email = $"gv-{Guid.NewGuid():N}"[..15] + "@truong.example.vn";
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync($"{site.ServerAddress}/hoc-tap/dang-ky");
        await page.FillAsync("#FullName", "Nguyễn Thị Hoa");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", "Mat-khau-hoc-vien-1");
        await page.SelectOptionAsync("#Role", "Teacher");
        var unit = await page.EvalOnSelectorAsync<string>("#UnitId", "s => [...s.options].find(o => o.text.trim() === 'Trường Tiểu học Ninh Phước').value");
        await page.SelectOptionAsync("#UnitId", unit);
        await page.ClickAsync("form[action='/hoc-tap/dang-ky'] button[type=submit]");
        Assert.Contains("Đã đăng ký", await page.InnerTextAsync("[role=status]"));

        var message = Assert.Single(await SmtpSink.WaitForAsync(email));
        Assert.Equal("Xác nhận đăng ký học tập huấn", message.Subject);
        var link = new Uri(ConfirmLink().Match(message.TextBody ?? "").Value);
        await page.GotoAsync(site.ServerAddress + link.PathAndQuery);
        Assert.Contains("Đã xác nhận", await page.InnerTextAsync("[role=status]"));
        await page.FillAsync("#password", "Mat-khau-hoc-vien-1");
        await page.ClickAsync("form[action='/hoc-tap/dang-nhap'] button[type=submit]");
        await page.WaitForURLAsync("**/hoc-tap");
        return (page, email);
    }

    [Fact]
    public async Task Register_Confirm_TakeTheCourse_LoseNothingWhenTheTabDies_PassTheQuiz()
    {
        var (page, _) = await RegisteredLearnerAsync();

        await page.ClickAsync($"a[href='/hoc-tap/khoa-hoc/{PositiveDiscipline}']");
        await page.ClickAsync(".lesson-list li:first-child a");
        while (await page.Locator(".lesson-nav a:has-text('→')").CountAsync() > 0)
        {
            await page.ClickAsync(".lesson-nav a:has-text('→')");
        }

        await page.ClickAsync($".lesson-nav a[href='/hoc-tap/khoa-hoc/{PositiveDiscipline}']");
        Assert.Equal("80", await page.GetAttributeAsync(".progress", "aria-valuenow"));
        await page.ClickAsync("form[action$='/kiem-tra'] button");
        await page.WaitForURLAsync("**/hoc-tap/bai-lam/*");
        var attemptKey = Guid.Parse(page.Url.Split('/')[^1]);
        var answers = await AttemptAnswers.RightAnswersAsync(site, attemptKey);
        Assert.Equal(10, answers.Count);

        // Half the answers, then the tab dies: they were saved as they were given.
        foreach (var (id, answer) in answers.Take(5))
        {
            await AttemptAnswers.AnswerAsync(page, id, answer);
        }

        var context = page.Context;
        await page.CloseAsync();
        page = await context.NewPageAsync();
        await page.GotoAsync($"{site.ServerAddress}/hoc-tap/khoa-hoc/{PositiveDiscipline}");
        await page.ClickAsync("form[action$='/kiem-tra'] button:has-text('Làm tiếp')");
        await page.WaitForURLAsync($"**/hoc-tap/bai-lam/{attemptKey}");
        foreach (var (id, answer) in answers.Take(5))
        {
            var question = $"fieldset[data-question='{id}']";
            var kept = answer.Type switch
            {
                QuestionType.ShortAnswer or QuestionType.Numerical => [await page.InputValueAsync($"{question} input")],
                QuestionType.Matching => await page.EvalOnSelectorAllAsync<string[]>($"{question} select", "s => s.map(x => x.value)"),
                _ => await page.EvalOnSelectorAllAsync<string[]>($"{question} input:checked", "s => s.map(x => x.value)"),
            };
            Assert.True(answer.Values.Order().SequenceEqual(kept.Order()), $"question {id} lost its saved answer");
        }

        foreach (var (id, answer) in answers.Skip(5))
        {
            await AttemptAnswers.AnswerAsync(page, id, answer);
        }

        await page.ClickAsync("form.attempt button[type=submit]");
        Assert.Contains("Bạn trả lời đúng 10/10 câu (100%): đạt.", await page.InnerTextAsync("[role=status]"));
        // Course quizzes show the review once the attempt is closed: each question, its right answer and the bank's feedback.
        Assert.Equal(Enumerable.Repeat("right", 10), await page.EvalOnSelectorAllAsync<string[]>(".review-question", "q => q.map(x => x.dataset.verdict)"));
        Assert.True(await page.EvalOnSelectorAllAsync<bool>(".review-question", "q => q.every(x => x.querySelector('.right-answer'))"));
        Assert.Contains("Đúng.", await page.InnerTextAsync(".review"));
        await page.ClickAsync($"main a[href='/hoc-tap/khoa-hoc/{PositiveDiscipline}']");
        Assert.Equal("100", await page.GetAttributeAsync(".progress", "aria-valuenow"));
        Assert.Contains("Đã hoàn thành", await page.InnerTextAsync(".progress-text"));

        // The certificate: a PDF with the name, unit, course, date and code, and a public page that checks it.
        var pdfLink = await page.GetAttributeAsync(".certificate a.button", "href");
        var pdf = await page.APIRequest.GetAsync(site.ServerAddress + pdfLink);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        string text;
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.BodyAsync()))
        {
            text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        }

        var checkUrl = await page.GetAttributeAsync(".certificate a[href^='/chung-nhan/']", "href");
        var code = checkUrl!.Split('/')[^1];
        foreach (var expected in new[] { "Nguyễn Thị Hoa", "Trường Tiểu học Ninh Phước", "Kỷ luật tích cực trong lớp học", code, $"Ngày cấp: {DateTime.UtcNow.AddHours(7):dd/MM/yyyy}" })
        {
            Assert.Contains(expected, text);
        }

        var visitor = await browser.NewPhonePageAsync();
        await visitor.GotoAsync(site.ServerAddress + checkUrl);
        Assert.Equal("Nguyễn Thị Hoa", await visitor.InnerTextAsync(".holder"));
        Assert.Equal("Kỷ luật tích cực trong lớp học", await visitor.InnerTextAsync(".course"));
        var shown = await visitor.InnerTextAsync("main");
        Assert.Contains("hợp lệ", shown);
        Assert.DoesNotContain("Ninh Phước", shown);
        Assert.DoesNotContain("@", shown);

        var lookup = $"/backoffice/chung-nhan?ma={code.ToLowerInvariant().Replace("-", "")}";
        // A manager of another part of the tree finds nothing by the code, and cannot revoke it.
        var elsewhere = new TestProvince(site);
        await elsewhere.AddTwoCommunesAsync();
        using (var stranger = await elsewhere.ManagerAsync("xa-a"))
        {
            var (_, strangerPage) = await stranger.Http.GetPageAsync(lookup);
            Assert.Null(strangerPage.QuerySelector(".certificate-detail"));
            Assert.Contains("Không có giấy chứng nhận", strangerPage.QuerySelector("[role=alert]")!.TextContent);
            var refused = await stranger.PostWithPageTokenAsync("/backoffice/chung-nhan", "/backoffice/chung-nhan/thu-hoi", new() { ["ma"] = code, ["ly-do"] = "Thử thu hồi." });
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        using var manager = new StaffClient(site);
        await manager.SignInAsync(await StaffClient.CreateUserAsync(site, ChildProtection.Web.Features.Accounts.StaffRoles.TrainingManager));
        var (_, found) = await manager.Http.GetPageAsync(lookup);
        Assert.Equal("Nguyễn Thị Hoa", found.QuerySelector(".certificate-detail dd")!.TextContent);
        var noReason = await manager.PostFormAsync(lookup, "/backoffice/chung-nhan/thu-hoi", new() { ["ma"] = code, ["ly-do"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var revoked = await manager.PostFormAsync(lookup, "/backoffice/chung-nhan/thu-hoi", new() { ["ma"] = code, ["ly-do"] = "Cấp nhầm người." });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await visitor.ReloadAsync();
        Assert.Contains("đã bị thu hồi", await visitor.InnerTextAsync("[role=status]"));
    }

    [Fact]
    public async Task AttemptPage_CarriesNoAnswerKey_AndNobodyElseCanOpenOrAnswerIt()
    {
        var (page, _) = await RegisteredLearnerAsync();
        await page.GotoAsync($"{site.ServerAddress}/hoc-tap/khoa-hoc/{PositiveDiscipline}");
        await page.ClickAsync("form[action$='/kiem-tra'] button");
        await page.WaitForURLAsync("**/hoc-tap/bai-lam/*");
        var attemptUrl = page.Url;
        var html = await page.ContentAsync();

        // The bank's per-answer feedback starts "Đúng." or "Chưa đúng."; none of it, and no marks, may reach the page.
        Assert.DoesNotContain("Chưa đúng", html);
        Assert.DoesNotContain("Đúng.", html);
        Assert.DoesNotContain("fraction", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("33.33", html);

        var (other, _) = await RegisteredLearnerAsync();
        var response = await other.GotoAsync(attemptUrl);
        Assert.Equal(404, response!.Status);
        var token = await other.EvalOnSelectorAsync<string>("input[name=__RequestVerificationToken]", "e => e.value");
        var question = await page.GetAttributeAsync("fieldset[data-question]", "data-question");
        var save = await other.APIRequest.PostAsync($"{attemptUrl}/cau/{question}", new() { Form = other.APIRequest.CreateFormData().Set("cau-" + question, "0").Set("phien-ban", "1").Set("__RequestVerificationToken", token) });
        Assert.Equal(404, save.Status);
    }

    [Fact]
    public async Task SaveAnswer_SignedOut_SentToSignInAsFromTheAreasPages()
    {
        using var anonymous = site.CreateServerClient();

        var save = await anonymous.PostAsync($"/hoc-tap/bai-lam/{Guid.NewGuid()}/cau/1", new FormUrlEncodedContent(new Dictionary<string, string> { ["phien-ban"] = "1" }));

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.StartsWith("/hoc-tap/dang-nhap", save.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task LearnerPages_NeedTheLearnerCookie_AndUnconfirmedAccountsCannotSignIn()
    {
        using var anonymous = site.CreateServerClient();
        var dashboard = await anonymous.GetAsync("/hoc-tap");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/hoc-tap/dang-nhap", dashboard.Headers.Location!.AbsolutePath);

        var email = $"chua-xac-nhan-{Guid.NewGuid():N}@example.vn";
        var client = new StaffClient(site);
        await RegisterUnconfirmedAsync(client, email, "Mat-khau-hoc-vien-2");

        var signIn = await client.PostFormAsync("/hoc-tap/dang-nhap", "/hoc-tap/dang-nhap", new() { ["Email"] = email, ["Password"] = "Mat-khau-hoc-vien-2" });
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Contains("chưa xác nhận địa chỉ thư", await signIn.Content.ReadAsStringAsync());

        var bad = await client.PostFormAsync("/hoc-tap/dang-ky", "/hoc-tap/dang-ky", new() { ["FullName"] = "", ["Email"] = "khong-phai-thu", ["Password"] = "ngan" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = Html.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Hãy nhập họ và tên", errors);
        Assert.Contains("đúng dạng", errors);
        Assert.Contains("Hãy chọn đơn vị công tác", errors);
    }

    [Fact]
    public async Task Register_AddressAlreadyRegistered_AnsweredAsANewOne_AndTheOwnerToldByEmail()
    {
        var email = $"da-co-{Guid.NewGuid():N}@example.vn";
        using var owner = new StaffClient(site);
        await RegisterUnconfirmedAsync(owner, email, "Mat-khau-hoc-vien-3");
        using var stranger = new StaffClient(site);
        var (_, form) = await stranger.Http.GetPageAsync("/hoc-tap/dang-ky");
        var unit = form.QuerySelectorAll("#UnitId option").First(o => o.TextContent.Trim() == "Trường THCS Ninh Sơn").GetAttribute("value")!;

        var again = await stranger.PostFormAsync("/hoc-tap/dang-ky", "/hoc-tap/dang-ky", new()
        {
            ["FullName"] = "Người khác", ["Email"] = email.ToUpperInvariant(), ["Password"] = "Mat-khau-khac-2026", ["Role"] = "Teacher", ["UnitId"] = unit,
        });

        // The page says what it says for a new registration; only the address's owner learns more, by e-mail.
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var answer = Html.Parse(await again.Content.ReadAsStringAsync());
        Assert.Null(answer.QuerySelector("[role=alert]"));
        Assert.Contains("Đã đăng ký. Chúng tôi vừa gửi thư đến", answer.QuerySelector("[role=status]")!.TextContent);
        var mails = await SmtpSink.WaitForAsync(email, count: 2);
        var notice = Assert.Single(mails, m => m.Subject == "Địa chỉ thư này đã có tài khoản học tập huấn");
        Assert.Contains("/hoc-tap/quen-mat-khau", notice.TextBody);
        var signIn = await owner.PostFormAsync("/hoc-tap/dang-nhap", "/hoc-tap/dang-nhap", new() { ["Email"] = email, ["Password"] = "Mat-khau-khac-2026" });
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
    }

    /// <summary>Registers Trần Văn Nam through the form, over HTTP, without confirming the address.</summary>
    internal static async Task RegisterUnconfirmedAsync(StaffClient client, string email, string password)
    {
        var (_, form) = await client.Http.GetPageAsync("/hoc-tap/dang-ky");
        var unit = form.QuerySelectorAll("#UnitId option").First(o => o.TextContent.Trim() == "Trường THCS Ninh Sơn").GetAttribute("value")!;
        var registered = await client.PostFormAsync("/hoc-tap/dang-ky", "/hoc-tap/dang-ky", new()
        {
            ["FullName"] = "Trần Văn Nam", ["Email"] = email, ["Password"] = password, ["Role"] = "YouthOfficer", ["UnitId"] = unit,
        });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
    }
}
