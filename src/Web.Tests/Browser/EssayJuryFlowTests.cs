using ChildProtection.Training.Contests;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ChildProtection.Web.Tests.Browser;

/// <summary>A round with a written part, from the entries to the published leaderboard, with a jury of two, in Chromium.</summary>
[Collection(SiteCollection.Name)]
public sealed class EssayJuryFlowTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Essay = "Trẻ em có quyền được bảo vệ khỏi mọi hình thức bạo lực. Khi cần giúp đỡ, em gọi tổng đài 111.";

    [Fact]
    public async Task EntrantsWrite_TwoJurorsMarkBlind_TheOrganiserPublishesTheLeaderboardByMarks()
    {
        var contest = await EssayContests.CreateAsync(site, allowAttachment: true);
        var organiserEmail = await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser);
        var jurors = new[] { await StaffClient.CreateUserAsync(site, StaffRoles.Writer), await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager) };

        // Two children write on phones; the box counts words against the limit as they type.
        await EnterAndWriteAsync(contest, "Nguyễn Thị Lan", Essay, attach: true);
        await EnterAndWriteAsync(contest, "Trần Văn Minh", "Em gọi 111.");

        var organiser = await browser.SignedInStaffPageAsync(site, organiserEmail);
        await organiser.GotoAsync($"{site.ServerAddress}/backoffice/cuoc-thi/{contest.Key}");
        foreach (var juror in jurors)
        {
            await organiser.SelectOptionAsync("#tai-khoan", new SelectOptionValue { Label = $"Nhân viên thử ({juror})" });
            await organiser.ClickAsync("form[action$='/giam-khao'] button[type=submit]");
            await organiser.WaitForSelectorAsync("[role=status]");
        }

        Assert.Equal(2, await organiser.Locator(".jurors li").CountAsync());
        await EssayContests.CloseRoundAsync(site, contest);
        await organiser.ReloadAsync();
        Assert.Equal("2", await organiser.InnerTextAsync(".marking-progress .essays"));
        await organiser.ClickAsync("form[action$='/vong/1/duyet'] button[type=submit]");
        Assert.Contains("còn bài tự luận chưa có điểm cuối", await organiser.InnerTextAsync("[role=alert]"));

        // Each juror marks both essays blind: the question, its guide and the text, never a name.
        var marks = new Dictionary<string, decimal> { [Essay] = 8, ["Em gọi 111."] = 3 };
        foreach (var (juror, shift) in jurors.Zip(new[] { 0m, 0.5m }))
        {
            var page = await browser.SignedInStaffPageAsync(site, juror);
            await page.ClickAsync("a[href='/backoffice/cham-bai']");
            await page.ClickAsync($".marking-rounds a[href='/backoffice/cham-bai/{contest.Key}/vong/1']");
            for (var essay = 0; essay < 2; essay++)
            {
                var shown = await page.InnerTextAsync(".essay-to-mark");
                Assert.Contains("Nêu được quyền được bảo vệ và số 111", shown);
                Assert.DoesNotContain("Lan", shown);
                Assert.DoesNotContain("Minh", shown);
                Assert.DoesNotContain("THCS", await page.InnerTextAsync("main"));
                var text = await page.InnerTextAsync(".essay-text");
                Assert.Equal(text == Essay ? 1 : 0, await page.Locator(".essay-attachment a:has-text('trang-viet-tay.png')").CountAsync());
                await page.FillAsync("#diem", (marks[text] + shift).ToString(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
                await page.ClickAsync(".essay-to-mark button[type=submit]");
                await page.WaitForSelectorAsync("[role=status]:has-text('Đã lưu điểm')");
            }

            Assert.Contains("Bạn đã chấm hết các bài của vòng này", await page.InnerTextAsync(".marking-done"));
        }

        // Opened again, not reloaded: the page on screen is the answer to the refused approval's form.
        await organiser.GotoAsync($"{site.ServerAddress}/backoffice/cuoc-thi/{contest.Key}");
        Assert.Equal("2", await organiser.InnerTextAsync(".marking-progress .final"));
        await organiser.ClickAsync("form[action$='/vong/1/duyet'] button[type=submit]");
        Assert.Contains("công bố", await organiser.InnerTextAsync("[role=status]"));

        var visitor = await browser.NewPhonePageAsync();
        await visitor.GotoAsync($"{site.ServerAddress}/cuoc-thi/{contest.Slug}/vong/1");
        var rows = await visitor.Locator(".leaderboard tbody tr").AllInnerTextsAsync();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("1\tNguyễn T. L.", rows[0]);
        // Two choice questions right (1 mark each) and the mean of 8 and 8,5.
        Assert.Equal("10,25", await visitor.InnerTextAsync(".leaderboard tbody tr:first-child .score"));
        Assert.Equal("5,25", await visitor.InnerTextAsync(".leaderboard tbody tr:nth-child(2) .score"));
        Assert.Equal("Điểm", await visitor.InnerTextAsync(".leaderboard thead th:nth-child(4)"));
    }

    /// <summary>Enters in a phone browser, answers the choices right, writes <paramref name="essay"/> (with a photo when <paramref name="attach"/>) and hands in.</summary>
    private async Task EnterAndWriteAsync(Contest contest, string name, string essay, bool attach = false)
    {
        var code = await EssayContests.EntryCodeAsync(site, contest, name);
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync($"{site.ServerAddress}/cuoc-thi/xac-nhan/{code.EntryKey}");
        await page.FillAsync("#ma", code.Code!);
        await page.ClickAsync("form[action^='/cuoc-thi/xac-nhan'] button[type=submit]");
        await page.WaitForURLAsync("**/cuoc-thi/bai-lam/*");
        foreach (var question in await page.Locator("fieldset[data-question]:has(input[type=radio])").AllAsync())
        {
            await question.Locator("label.choice:has-text('111') input").CheckAsync();
        }

        var box = page.Locator("textarea.essay");
        await box.PressSequentiallyAsync(essay, new() { Delay = 5 });
        var words = essay.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal($"Đã viết {words} chữ (không quá 30 chữ)", await page.InnerTextAsync(".word-count"));
        await box.PressAsync("Tab");
        await page.WaitForFunctionAsync("() => { const f = document.querySelector('textarea.essay').closest('fieldset'); return f.dataset.savedRevision === f.dataset.revision; }");
        if (attach)
        {
            // The file goes with the whole form and the page comes back with the essay as written.
            await page.SetInputFilesAsync(".essay-file input[type=file]", new FilePayload { Name = "trang-viet-tay.png", MimeType = "image/png", Buffer = EssayContests.PagePhoto() });
            await page.ClickAsync(".essay-file button[type=submit]");
            await page.WaitForSelectorAsync(".essay-file [role=status]:has-text('Đã nhận tệp')");
            Assert.Equal(essay, await page.InputValueAsync("textarea.essay"));
        }

        await page.ClickAsync("form.attempt > button[type=submit]");
        await page.WaitForSelectorAsync(".essay-awaiting");
    }
}
