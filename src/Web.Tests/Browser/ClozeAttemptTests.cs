using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Browser;

/// <summary>A Cloze question on a phone: its gaps where the text puts them, saved as they are filled, scored gap by gap.</summary>
[Collection(SiteCollection.Name)]
public sealed class ClozeAttemptTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task GapsInTheText_AreFilledSavedAndScored()
    {
        var contest = await ContestAsync();
        var code = await EssayContests.EntryCodeAsync(site, contest, "Nguyễn Thị Lan");
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync($"{site.ServerAddress}/cuoc-thi/xac-nhan/{code.EntryKey}");
        await page.FillAsync("#ma", code.Code!);
        await page.ClickAsync("form[action^='/cuoc-thi/xac-nhan'] button[type=submit]");
        await page.WaitForURLAsync("**/cuoc-thi/bai-lam/*");

        // The category's description comes first, then the gaps inside the wording, in its order: a drop-down, a box to type in, a number.
        Assert.Equal("Điền vào chỗ trống cho đúng với Luật Trẻ em.", await page.InnerTextAsync("form.attempt > .question-intro:first-child"));
        var text = page.Locator(".question-text.cloze");
        Assert.Equal(["SELECT", "INPUT", "INPUT"], await text.Locator("select, input").EvaluateAllAsync<string[]>("els => els.map(e => e.tagName)"));
        Assert.StartsWith("Câu 1. Luật Trẻ em năm", await text.InnerTextAsync());
        await text.Locator("select").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "2016" });
        await text.Locator("input[inputmode=text]").FillAsync("dưới 16 tuổi");
        await text.Locator("input[inputmode=decimal]").PressSequentiallyAsync("111");
        await text.Locator("input[inputmode=decimal]").PressAsync("Tab");
        await page.WaitForFunctionAsync("() => { const f = document.querySelector('fieldset[data-question]'); return f.dataset.savedRevision === f.dataset.revision; }");

        // Read back after a reload: the server has every gap.
        await page.ReloadAsync();
        Assert.Equal("dưới 16 tuổi", await page.InputValueAsync(".question-text.cloze input[inputmode=text]"));
        Assert.Equal("111", await page.InputValueAsync(".question-text.cloze input[inputmode=decimal]"));
        await page.ClickAsync("form.attempt > button[type=submit]");
        await page.WaitForSelectorAsync("[role=status]");
        Assert.Contains("Bạn trả lời đúng 1/1 câu", await page.InnerTextAsync("[role=status]"));
    }

    private async Task<Contest> ContestAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var bank = $"dien-khuyet-{Guid.NewGuid():N}";
        var (text, gaps, _) = ClozeText.Parse("Luật Trẻ em năm {1:MULTICHOICE:2004~=2016~2020} quy định trẻ em là người {1:SHORTANSWER:=dưới 16 tuổi~=chưa đủ 16 tuổi}; số tổng đài bảo vệ trẻ em là {1:NUMERICAL:=111}.");
        await scope.ServiceProvider.GetRequiredService<QuizService>().SaveBankAsync(bank,
        [
            new Question("Điền khuyết", "Luật Trẻ em", text, new ClozeBody(gaps)),
            new Question("Điền khuyết", "Hướng dẫn", "Điền vào chỗ trống cho đúng với Luật Trẻ em.", new DescriptionBody()),
        ]);
        var now = DateTime.UtcNow;
        var (status, contest) = await scope.ServiceProvider.GetRequiredService<ContestService>().CreateAsync(new ContestDraft(
            $"Điền khuyết {Guid.NewGuid().ToString("N")[..6]}", $"dien-{Guid.NewGuid():N}", "", bank, 1, 20, ContestRanking.DefaultOrder,
            [new RoundSchedule(now.AddHours(-1), now.AddHours(1))]));
        Assert.Equal(ContestStatus.Success, status);
        return contest!;
    }
}
