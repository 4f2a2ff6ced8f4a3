using System.Text.RegularExpressions;
using ChildProtection.Web.Tests.Concerns;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ChildProtection.Web.Tests.Browser;

/// <summary>Report a concern in a real browser: a child on a phone, the officer at a desk, a conversation, a closed case.</summary>
[Collection(SiteCollection.Name)]
public sealed class ReportConcernFlowTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string NeutralPage = "https://www.google.com/";

    [Fact]
    public async Task ChildReportsWithAPicture_OfficerRepliesFromTheNotice_ChildReadsAndAnswers_CaseClosed()
    {
        var province = new TestProvince(site);
        await province.AddTwoCommunesAsync();
        var (officer, _) = await ConcernTestData.OfficerAsync(site, province.Units["xa-a"].Id);
        var story = $"Anh lớp trên bắt em nộp tiền mỗi sáng {Guid.NewGuid():n}"[..60];
        var picture = Path.Combine(site.DataPath, $"anh-{Guid.NewGuid():n}.png");
        await File.WriteAllBytesAsync(picture, ConcernTestData.NoisePicture(3));

        // The child, on a phone: the form in a child's words, anonymous by default.
        var child = await browser.NewPhonePageAsync();
        await child.GotoAsync($"{site.ServerAddress}/");
        await child.ClickAsync(".hotline-bar a[href='/bao-tin']");
        Assert.True(await child.Locator("input[name=Reporter][value=Child]").IsCheckedAsync());
        await child.CheckAsync("input[name=Category][value=SchoolBullying]");
        await child.FillAsync("#Place", province.Units["truong-a2"].Name);
        await child.FillAsync("#What", story);
        await child.SetInputFilesAsync("#pictures", picture);
        await child.ClickAsync("form[action='/bao-tin'] button[type=submit]");
        var receipt = (await child.InnerTextAsync("[data-receipt-code]")).Trim();
        Assert.Matches(@"^\d{4} \d{4} \d{4} \d{4}$", receipt);

        // The officer: a notice with a link and nothing of the report.
        var notice = Assert.Single(await SmtpSink.WaitForAsync(officer));
        Assert.DoesNotContain(story, notice.TextBody);
        var link = site.ServerAddress + Regex.Match(notice.TextBody ?? "", @"/backoffice/bao-tin/[0-9a-f-]{36}").Value;
        var desk = await browser.SignedInStaffPageAsync(site, officer);
        await desk.GotoAsync(link);
        Assert.Contains(story, await desk.InnerTextAsync(".case-story"));
        await desk.Locator(".case-picture").EvaluateAsync("img => img.decode()");
        Assert.Equal(64, await desk.EvalOnSelectorAsync<int>(".case-picture", "img => img.naturalWidth"));
        Assert.Contains("Mở xem", await desk.InnerTextAsync(".case-log"));
        var reply = $"Cô đã đọc. Em có thể kể thêm anh ấy học lớp nào không? {Guid.NewGuid():n}"[..70];
        await desk.FillAsync("#reply", reply);
        await desk.ClickAsync($"form[action$='/tra-loi'] button[type=submit]");
        Assert.Contains("Đã gửi trả lời", await desk.InnerTextAsync("[role=status]"));

        // The child comes back with the code, reads the reply and answers, still without a name.
        await child.GotoAsync($"{site.ServerAddress}/bao-tin/theo-doi");
        await child.FillAsync("#code", receipt);
        await child.ClickAsync("form[action='/bao-tin/theo-doi'] button[type=submit]");
        Assert.Contains(reply, await child.InnerTextAsync(".conversation"));
        Assert.DoesNotContain(story, await child.ContentAsync());
        var answer = $"Anh ấy học lớp 9A ạ {Guid.NewGuid():n}"[..40];
        await child.FillAsync("#message", answer);
        await child.ClickAsync("form[action='/bao-tin/theo-doi/tra-loi'] button[type=submit]");
        Assert.Contains("Đã gửi trả lời của bạn", await child.InnerTextAsync("[role=status]"));
        Assert.Equal(2, (await SmtpSink.WaitForAsync(officer, 2)).Count);

        // The officer reads the answer and closes the case with its outcome.
        await desk.GotoAsync(link);
        Assert.Contains(answer, await desk.InnerTextAsync(".case-log"));
        await desk.SelectOptionAsync("#Status", "Closed");
        await desk.SelectOptionAsync("#Outcome", "Supported");
        await desk.ClickAsync("form[action$='/trang-thai'] button[type=submit]");
        Assert.Contains("Đã cập nhật tình trạng", await desk.InnerTextAsync("[role=status]"));
        Assert.Contains("Đã kết thúc", await desk.InnerTextAsync(".case-facts"));

        await child.GotoAsync($"{site.ServerAddress}/bao-tin/theo-doi");
        await child.FillAsync("#code", receipt);
        await child.ClickAsync("form[action='/bao-tin/theo-doi'] button[type=submit]");
        Assert.Contains("Đã kết thúc", await child.InnerTextAsync("main"));
        Assert.Equal(0, await child.Locator("#message").CountAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExitThisPage_ButtonOrShiftThreeTimes_NeutralPageAndTheChannelNotInTheHistory(bool withKeyboard)
    {
        var page = await browser.NewPhonePageAsync();
        // The neutral page is another site's: answered here, as the test machine has no internet.
        await page.Context.RouteAsync(NeutralPage + "**", route => route.FulfillAsync(new() { Body = "<title>Google</title>", ContentType = "text/html" }));
        await page.GotoAsync($"{site.ServerAddress}/");
        await page.GotoAsync($"{site.ServerAddress}/bao-tin");
        var before = await page.EvaluateAsync<int>("history.length");

        if (withKeyboard)
        {
            // The keys go to the page a visitor has been reading: focus it as a tap on its heading does.
            await page.ClickAsync("h1");
            await PressShiftThreeTimesAsync(page);
        }
        else
        {
            await page.ClickAsync("[data-exit-page]");
        }

        // Only where the browser went matters, not how long the neutral page takes to finish loading: the wait ends
        // once the browser has committed to it (on a loaded machine even this one-line page's load event came late).
        await page.WaitForURLAsync(NeutralPage, new() { WaitUntil = WaitUntilState.Commit });
        Assert.Equal(before, await page.EvaluateAsync<int>("history.length"));
        await page.GoBackAsync();
        Assert.Equal($"{site.ServerAddress}/", page.Url);
    }

    /// <summary>
    /// Three presses within the two seconds the page allows. A loaded test machine can take longer between
    /// Playwright's key presses than a person does: the page's own clock says when, and only then are they pressed again.
    /// </summary>
    private static async Task PressShiftThreeTimesAsync(IPage page)
    {
        await page.EvaluateAsync("() => { window.shiftTimes = []; document.addEventListener('keydown', e => { if (e.key === 'Shift') window.shiftTimes.push(Date.now()); }, true); }");
        for (var tries = 1; ; tries++)
        {
            await page.EvaluateAsync("() => { window.shiftTimes = []; }");
            await page.Keyboard.PressAsync("Shift");
            await page.Keyboard.PressAsync("Shift");
            await page.Keyboard.PressAsync("Shift");
            try
            {
                await page.WaitForURLAsync(NeutralPage, new() { WaitUntil = WaitUntilState.Commit, Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (tries < 3)
            {
                // Slower than the wait, but gone: the presses did what they are for.
                if (page.Url.StartsWith(NeutralPage, StringComparison.Ordinal))
                {
                    return;
                }

                var spread = await page.EvaluateAsync<double>("() => window.shiftTimes[window.shiftTimes.length - 1] - window.shiftTimes[0]");
                Assert.True(spread >= 2000, $"Three presses {spread} ms apart did not leave the page.");
            }
        }
    }
}
