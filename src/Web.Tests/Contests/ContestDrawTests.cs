using System.Net;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Infrastructure;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Contests;

/// <summary>The organiser chooses how many questions each category of the bank gives a round.</summary>
[Collection(SiteCollection.Name)]
public sealed class ContestDrawTests(SiteFactory site)
{
    private const string Page = "/backoffice/cuoc-thi";
    private const string Create = "/backoffice/cuoc-thi/tao";
    private const string Rights = "Quyền được bảo vệ";
    private const string Online = "An toàn trên mạng";

    [Fact]
    public async Task ContestForm_NumbersPerCategory_TooManyExplainedInVietnamese_ThenEachRoundDrawsThem()
    {
        var bank = $"dien-dan-{Guid.NewGuid():N}"[..17];
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var questions = Enumerable.Range(1, 4).Select(i => new Question(Rights, $"Quyền {i}", $"Câu về quyền số {i}?", new TrueFalseBody(true)))
                .Concat(Enumerable.Range(1, 2).Select(i => new Question(Online, $"Mạng {i}", $"Câu về an toàn trên mạng số {i}?", new TrueFalseBody(false))));
            await scope.ServiceProvider.GetRequiredService<QuizService>().SaveBankAsync(bank, questions.ToList());
        }

        using var organiser = new StaffClient(site);
        await organiser.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var (_, form) = await organiser.Http.GetPageAsync(Page);
        var rows = form.QuerySelectorAll($"fieldset.category-draws[data-bank='{bank}'] tbody tr").ToList();
        Assert.Equal([(Online, "2"), (Rights, "4")], rows.Select(r => (r.GetAttribute("data-category")!, r.QuerySelector(".available")!.TextContent)));
        // The fields of this bank's categories, as the page names them.
        string Field(string category, string part) =>
            rows.Single(r => r.GetAttribute("data-category") == category).QuerySelector($"input[name$='.{part}']")!.GetAttribute("name")!;
        // The whole form as a browser sends it (every bank's categories; only the chosen bank's count).
        Dictionary<string, string> Fields(string title, int online, string rights)
        {
            var fields = form.FormFields(Create);
            (fields["Title"], fields["BankName"], fields["QuestionsPerRound"], fields["TimeLimitMinutes"]) = (title, bank, "", "10");
            (fields["FirstRoundOpens"], fields["RoundCount"], fields["DaysPerRound"]) = (SiteClock.ToLocalInput(DateTime.UtcNow.AddHours(-1)), "2", "7");
            (fields[Field(Online, "Count")], fields[Field(Rights, "Count")]) = (online.ToString(System.Globalization.CultureInfo.InvariantCulture), rights);
            return fields;
        }

        var title = $"Diễn đàn trẻ em {Guid.NewGuid():N}";

        var tooMany = await organiser.PostFormAsync(Page, Create, Fields(title, 3, "1"));

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var refused = Html.Parse(await tooMany.Content.ReadAsStringAsync());
        Assert.Equal($"Chủ đề «{Online}» chỉ có 2 câu hỏi, không đủ để rút 3 câu mỗi vòng.", refused.QuerySelector("[role=alert] li")!.TextContent);
        Assert.Equal("3", refused.QuerySelector($"input[name='{Field(Online, "Count")}']")!.GetAttribute("value"));
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Contests.AnyAsync(c => c.Title == title));
        }

        // Rights left empty: it gives no question; the round draws both questions about safety online.
        var created = await organiser.PostFormAsync(Page, Create, Fields(title, 2, ""));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var contests = scope.ServiceProvider.GetRequiredService<ContestService>();
            var contest = (await contests.FindAsync(Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1])))!;
            Assert.Equal((title, 2, 2), (contest.Title, contest.QuestionsPerRound, contest.Rounds.Count));
            var code = await contests.RequestCodeAsync(contest.Rounds[0].Id, new EntryDetails("Phan Thị Thu", "Lớp 5A", "Trường Tiểu học Ninh Phước", $"{Guid.NewGuid():N}@example.vn"), "10.4.0.1");
            var attempt = (await contests.VerifyAsync(code.Result!.EntryKey, code.Result!.Code!)).Result;
            var asked = (await scope.ServiceProvider.GetRequiredService<QuizService>().GetStateAsync(attempt))!.View.Questions.Select(q => q.Text).Order();
            Assert.Equal(["Câu về an toàn trên mạng số 1?", "Câu về an toàn trên mạng số 2?"], asked);
        }
    }

    [Fact]
    public async Task ContestForm_NumbersLeftEmpty_TheTotalIsSpreadInProportion()
    {
        using var organiser = new StaffClient(site);
        await organiser.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var title = $"Thi thử theo tỷ lệ {Guid.NewGuid():N}";

        var created = await organiser.PostFormAsync(Page, Create, new()
        {
            ["Title"] = title, ["BankName"] = "luat-tre-em", ["QuestionsPerRound"] = "7", ["TimeLimitMinutes"] = "10",
            ["FirstRoundOpens"] = SiteClock.ToLocalInput(DateTime.UtcNow.AddHours(-1)), ["RoundCount"] = "1", ["DaysPerRound"] = "7", ["RankingOrder"] = "default",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var scope = site.Services.CreateAsyncScope();
        Assert.Equal(7, (await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Contests.SingleAsync(c => c.Title == title)).QuestionsPerRound);
    }
}
