using System.Net;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildProtection.Web.Tests.Contests;

/// <summary>Class entry without e-mail (issue 21): a teacher's sheet of single-use codes, children entering with them, the class's results.</summary>
[Collection(SiteCollection.Name)]
public sealed class ClassEntryTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Teacher_PrintsASheet_TwoChildrenEnterFromOneComputer_AUsedCodeIsRefused_TheClassResultsShowBoth()
    {
        var (contest, round) = await OpenContestAsync();
        var province = new TestProvince(site);
        await province.AddUnitAsync("truong", null, $"Trường Tiểu học Phước Dân {province.Tag}");
        var (_, teacher) = await LearnerSignIn.NewLearnerAsync(site, province.Units["truong"].Id, "Lê Thị Hồng");

        var desk = await browser.NewPhonePageAsync();
        await desk.SetViewportSizeAsync(1280, 900);
        await desk.GotoAsync($"{site.ServerAddress}/hoc-tap/dang-nhap");
        await desk.FillAsync("#email", teacher.Email);
        await desk.FillAsync("#password", LearnerSignIn.Password);
        await desk.ClickAsync("form[action='/hoc-tap/dang-nhap'] button[type=submit]");
        await desk.ClickAsync("a[href='/hoc-tap/lop-du-thi']");
        await desk.SelectOptionAsync("#Round", round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await desk.FillAsync("#Name", "Lớp 4A");
        await desk.FillAsync("#Seats", "3");
        await desk.ClickAsync("form.class-form button[type=submit]");

        var codes = await desk.Locator(".class-code").AllInnerTextsAsync();
        Assert.Equal(3, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$", c));
        Assert.Equal(3, codes.Distinct().Count());
        Assert.Contains("/cuoc-thi/vao-thi", await desk.InnerTextAsync(".class-slip"));
        Assert.Contains("111", await desk.InnerTextAsync(".class-slip"));
        // Printed, the sheet is its slips: the site's header and the page's buttons stay off the paper.
        await desk.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        Assert.False(await desk.IsVisibleAsync(".site-header"));
        Assert.False(await desk.IsVisibleAsync(".print-button"));
        Assert.True(await desk.IsVisibleAsync(".class-slip"));
        await desk.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Screen });

        // One computer of the class, two children one after the other.
        var computer = await browser.NewPhonePageAsync();
        var first = await EnterWithCodeAsync(computer, codes[0], "An", "4A");
        var firstAnswers = await AttemptAnswers.RightAnswersAsync(site, first);
        foreach (var (id, answer) in firstAnswers)
        {
            await AttemptAnswers.AnswerAsync(computer, id, answer);
        }

        await computer.FillAsync("#du-doan", "12");
        // Handed in from the keyboard: the guess typed, then Enter, as a child at a school computer does.
        await computer.PressAsync("#du-doan", "Enter");
        Assert.Contains($"Bạn trả lời đúng {firstAnswers.Count}/{firstAnswers.Count} câu", await computer.InnerTextAsync("[role=status]"));

        var second = await EnterWithCodeAsync(computer, codes[1].Replace("-", "").ToLowerInvariant(), "Bình", "4A");
        Assert.NotEqual(first, second);

        // The second child's code, typed again (by someone else on the same computer), is refused kindly.
        await computer.GotoAsync($"{site.ServerAddress}/cuoc-thi/vao-thi");
        await computer.FillAsync("#Code", codes[1]);
        await computer.FillAsync("#FirstName", "Chi");
        await computer.FillAsync("#ClassName", "4A");
        await computer.ClickAsync("form.class-entry-form button[type=submit]");
        Assert.Contains($"Mã {codes[1]} đã có bạn dùng để vào thi rồi", await computer.InnerTextAsync("[role=alert]"));

        await desk.GotoAsync($"{site.ServerAddress}/hoc-tap/lop-du-thi");
        await desk.ClickAsync("table.classes a:text('Lớp 4A')");
        var results = await desk.InnerTextAsync("table.class-results");
        Assert.Contains("An", results);
        Assert.Contains($"{firstAnswers.Count}/{contest.QuestionsPerRound}", results);
        Assert.Contains("Bình", results);
        Assert.Contains("Đang làm bài", results);
        Assert.Contains("2/3 em đã vào thi, 1 em đã nộp bài", await desk.InnerTextAsync("[role=status]"));

        await using var scope = site.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ContestEntries.Where(e => e.RoundId == round.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([("An", "4A", (string?)null), ("Bình", "4A", null)], entries.Select(e => (e.FullName, e.BirthDateOrClass, e.Email)));
        Assert.All(entries, e => Assert.Equal((province.Units["truong"].Id, $"Trường Tiểu học Phước Dân {province.Tag}"), (e.UnitId!.Value, e.School)));
    }

    [Fact]
    public async Task ClassCode_WrongOrMissing_ExplainedInVietnamese_AndLeaderboardShowsInitialClassAndSchool()
    {
        var (_, round) = await OpenContestAsync();
        var (teacher, sheet) = await RegisteredClassAsync(round, seats: 2);
        using var child = new StaffClient(site);

        var empty = await child.PostFormAsync("/cuoc-thi/vao-thi", "/cuoc-thi/vao-thi", new() { ["Code"] = "", ["FirstName"] = "", ["ClassName"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyPage = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Hãy nhập mã vào thi", emptyPage);
        Assert.Contains("Hãy nhập tên của em", emptyPage);
        Assert.Contains("Hãy nhập lớp của em", emptyPage);

        var wrong = await child.PostFormAsync("/cuoc-thi/vao-thi", "/cuoc-thi/vao-thi", new() { ["Code"] = "AAAA-0000", ["FirstName"] = "Dũng", ["ClassName"] = "5B" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("Mã chưa đúng", wrongPage);
        Assert.Contains("value=\"Dũng\"", wrongPage);

        var entered = await child.PostFormAsync("/cuoc-thi/vao-thi", "/cuoc-thi/vao-thi", new() { ["Code"] = $" {sheet.Codes[0].Code[..4]} {sheet.Codes[0].Code[4..]} ", ["FirstName"] = "Dũng", ["ClassName"] = "5B" });
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        var attempt = Guid.Parse(entered.Headers.Location!.OriginalString.Split('/')[^1]);

        await using var scope = site.Services.CreateAsyncScope();
        var contests = scope.ServiceProvider.GetRequiredService<ContestService>();
        await contests.SubmitAsync(attempt, 3);
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var stored = await db.ContestRounds.SingleAsync(r => r.Id == round.Id);
        stored.ClosesUtc = DateTime.UtcNow.AddMinutes(-5);
        await db.SaveChangesAsync();
        Assert.Equal(ContestStatus.Success, await contests.ApproveResultsAsync(round.Id));
        var board = Assert.Single((await contests.LeaderboardAsync(stored))!);
        Assert.Equal(("D., 5B", sheet.Summary.UnitName), (board.PublicName, board.School));

        // The teacher's class page shows the child; another teacher's account finds no such class.
        var (_, page) = await teacher.Http.GetPageAsync($"/hoc-tap/lop-du-thi/{sheet.Summary.Class.Key}");
        Assert.Contains("Dũng", page.QuerySelector("table.class-results")!.TextContent);
        var (stranger, _) = await LearnerSignIn.NewLearnerAsync(site, sheet.Summary.Class.UnitId);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/hoc-tap/lop-du-thi/{sheet.Summary.Class.Key}")).StatusCode);
    }

    [Fact]
    public async Task Reissue_AsksFirst_ThenOldUnusedCodesStopAndNewOnesWork_UsedSeatsKeepTheirEntries()
    {
        var (_, round) = await OpenContestAsync();
        var (teacher, sheet) = await RegisteredClassAsync(round, seats: 2);
        using var child = new StaffClient(site);
        Assert.Equal(HttpStatusCode.Redirect, (await EnterAsync(child, sheet.Codes[0].Code, "Giang")).StatusCode);

        var classPage = $"/hoc-tap/lop-du-thi/{sheet.Summary.Class.Key}";
        var unconfirmed = await teacher.PostFormAsync(classPage, $"{classPage}/cap-lai-ma", []);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Hãy đánh dấu ô xác nhận", await unconfirmed.Content.ReadAsStringAsync());

        var reissued = await teacher.PostFormAsync(classPage, $"{classPage}/cap-lai-ma", new() { ["dong-y"] = "true" });
        Assert.Equal(HttpStatusCode.OK, reissued.StatusCode);
        var html = await reissued.Content.ReadAsStringAsync();
        Assert.Contains("Các phiếu số 1 đã được dùng nên không cấp lại", html);
        var fresh = Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "class=\"class-code\">([A-Z0-9-]{9})<")).Groups[1].Value;

        var old = await EnterAsync(child, sheet.Codes[1].Code, "Hải");
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("Mã chưa đúng", await old.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await EnterAsync(child, fresh, "Hải")).StatusCode);

        await using var scope = site.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ContestEntries.Where(e => e.ClassId == sheet.Summary.Class.Id).Select(e => e.FullName).OrderBy(n => n).ToListAsync();
        Assert.Equal(["Giang", "Hải"], entries);
    }

    [Fact]
    public async Task Register_RoleOtherThanTeacher_IsRefused_AndSeatsAreChecked()
    {
        var (_, round) = await OpenContestAsync();
        var unit = await LearnerSignIn.AnyUnitAsync(site);
        var (client, learner) = await LearnerSignIn.NewLearnerAsync(site, unit);
        var roundId = round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var tooMany = await client.PostFormAsync("/hoc-tap/lop-du-thi", "/hoc-tap/lop-du-thi", new() { ["Round"] = roundId, ["Name"] = "Lớp 6C", ["Seats"] = "61" });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("Số học sinh phải là một số từ 1 đến 60", await tooMany.Content.ReadAsStringAsync());

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            await db.Learners.Where(l => l.Id == learner.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Role, LearnerRole.SocialWorker));
        }

        var refused = await client.PostWithPageTokenAsync("/hoc-tap/lop-du-thi", "/hoc-tap/lop-du-thi", new() { ["Round"] = roundId, ["Name"] = "Lớp 6C", ["Seats"] = "30" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Chỉ giáo viên, cán bộ quản lý trường và cán bộ Đoàn, Đội", await refused.Content.ReadAsStringAsync());
        await using var check = site.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<TrainingDbContext>().ContestClasses.AnyAsync(c => c.OrganiserAccountId == learner.AccountId));
    }

    [Fact]
    public async Task ClassCode_AfterTheMissesAllowedFromOneClient_EvenARightCodeIsRefusedForAnHour()
    {
        await using var limited = new SiteFactory().With("Contests:ClassCodeMissesPerClientPerHour", "2");
        var (_, round) = await TestContests.OpenAsync(limited);
        var (_, sheet) = await TestContests.RegisteredClassAsync(limited, round, seats: 1);
        using var guesser = new StaffClient(limited);
        foreach (var guess in new[] { "AAAA-AAAA", "BBBB-BBBB" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await EnterAsync(guesser, guess, "Khoa")).StatusCode);
        }

        var refused = await EnterAsync(guesser, sheet.Codes[0].Code, "Khoa");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("quá nhiều lần nhập sai mã", await refused.Content.ReadAsStringAsync());
        await using var scope = limited.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ContestEntries.AnyAsync(e => e.ClassId == sheet.Summary.Class.Id));
    }

    [Fact]
    public async Task LimitRecords_OlderThanAnHour_ArePrunedByTheRecurringJob_NewerOnesStillCount()
    {
        var client = $"kiem-thu-{Guid.NewGuid():N}";
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var now = DateTime.UtcNow;
        db.ClientRequests.AddRange(
            new ChildProtection.Training.Limits.ClientRequest { Purpose = "contest-class-code", ClientHash = client, SentUtc = now.AddMinutes(-61) },
            new ChildProtection.Training.Limits.ClientRequest { Purpose = "contest-class-code", ClientHash = client, SentUtc = now.AddMinutes(-5) });
        db.ContestCodeRequests.AddRange(
            new ContestCodeRequest { Email = $"{client}@example.vn", ClientHash = client, SentUtc = now.AddMinutes(-61) },
            new ContestCodeRequest { Email = $"{client}@example.vn", ClientHash = client, SentUtc = now.AddMinutes(-5) });
        await db.SaveChangesAsync();

        Assert.True(await scope.ServiceProvider.GetRequiredService<ChildProtection.Training.Limits.RequestLimitRecords>().PruneAsync(default) >= 2);
        Assert.Equal([now.AddMinutes(-5)], await db.ClientRequests.Where(r => r.ClientHash == client).Select(r => r.SentUtc).ToListAsync());
        Assert.Equal([now.AddMinutes(-5)], await db.ContestCodeRequests.Where(r => r.ClientHash == client).Select(r => r.SentUtc).ToListAsync());
    }

    private async Task<Guid> EnterWithCodeAsync(IPage page, string code, string firstName, string className)
    {
        await page.GotoAsync($"{site.ServerAddress}/cuoc-thi/vao-thi");
        await page.FillAsync("#Code", code);
        await page.FillAsync("#FirstName", firstName);
        await page.FillAsync("#ClassName", className);
        await page.ClickAsync("form.class-entry-form button[type=submit]");
        await page.WaitForURLAsync("**/cuoc-thi/bai-lam/*");
        return Guid.Parse(page.Url.Split('/')[^1]);
    }

    private static Task<HttpResponseMessage> EnterAsync(StaffClient child, string code, string firstName) =>
        child.PostFormAsync("/cuoc-thi/vao-thi", "/cuoc-thi/vao-thi", new() { ["Code"] = code, ["FirstName"] = firstName, ["ClassName"] = "3A" });

    private Task<(StaffClient Teacher, ClassSheet Sheet)> RegisteredClassAsync(ContestRound round, int seats) => TestContests.RegisteredClassAsync(site, round, seats);

    /// <summary>A contest of its own, on the seeded bank, with one round open now.</summary>
    private Task<(Contest Contest, ContestRound Round)> OpenContestAsync() => TestContests.OpenAsync(site);
}
