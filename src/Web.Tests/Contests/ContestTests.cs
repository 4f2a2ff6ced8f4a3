using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace ChildProtection.Web.Tests.Contests;

/// <summary>A law contest from the entrant's side (browser and HTTP) and the organiser's (backoffice, exports).</summary>
[Collection(SiteCollection.Name)]
public sealed partial class ContestTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Sample = "/cuoc-thi/cuoc-thi-tim-hieu-luat-tre-em";

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [Fact]
    public async Task Contestant_EntersConfirmsTheCodeAnswersAndIsThanked_WithNoAnswerKeyInThePage()
    {
        var email = $"hs-{Guid.NewGuid():N}"[..15] + "@example.vn";
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync($"{site.ServerAddress}/cuoc-thi");
        await page.ClickAsync($"a[href='{Sample}']");
        Assert.Contains("Đang mở", await page.InnerTextAsync(".round-list li:first-child"));
        await page.ClickAsync($"a[href='{Sample}/vong/1']");
        await page.FillAsync("#FullName", "Nguyễn Văn An");
        await page.FillAsync("#BirthDateOrClass", "Lớp 7A");
        await page.FillAsync("#School", "Trường THCS Ninh Sơn");
        await page.FillAsync("#Email", email);
        await page.ClickAsync("form.entry-form button[type=submit]");
        await page.WaitForURLAsync("**/cuoc-thi/xac-nhan/*");

        var message = Assert.Single(await SmtpSink.WaitForAsync(email));
        var code = SixDigits().Match(message.TextBody ?? "").Value;
        Assert.Contains(code, message.Subject);
        await page.FillAsync("#ma", code);
        await page.ClickAsync("form[action^='/cuoc-thi/xac-nhan'] button[type=submit]");
        await page.WaitForURLAsync("**/cuoc-thi/bai-lam/*");

        var html = await page.ContentAsync();
        Assert.DoesNotContain("fraction", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("correct", html, StringComparison.OrdinalIgnoreCase);
        var attemptKey = Guid.Parse(page.Url.Split('/')[^1]);
        var answers = await AttemptAnswers.RightAnswersAsync(site, attemptKey);
        Assert.Equal(10, answers.Count);
        foreach (var (id, answer) in answers)
        {
            await AttemptAnswers.AnswerAsync(page, id, answer);
        }

        await page.FillAsync("#du-doan", "42");
        await page.ClickAsync("form.attempt button[type=submit]");
        Assert.Contains("Cảm ơn bạn đã tham gia", await page.InnerTextAsync("h1"));
        Assert.Contains("Bạn trả lời đúng 10/10 câu", await page.InnerTextAsync("[role=status]"));

        await using var scope = site.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ContestEntries.SingleAsync(e => e.Email == email);
        Assert.Equal((true, 42L, attemptKey), (entry.Verified, entry.Guess!.Value, entry.AttemptKey!.Value));
    }

    [Fact]
    public async Task EntryForm_SameEmailTwiceInARound_AnsweredAsANewEntryAndTheOwnerToldByEmail_AlsoInOtherLetterCase()
    {
        var email = $"lan-{Guid.NewGuid():N}"[..16] + "@example.vn";
        using var client = new StaffClient(site);
        var first = await EnterAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var code = SixDigits().Match(Assert.Single(await SmtpSink.WaitForAsync(email)).TextBody ?? "").Value;
        var codePage = first.Headers.Location!.OriginalString;
        var wrong = await client.PostFormAsync(codePage, codePage, new() { ["ma"] = code == "000000" ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Mã xác nhận chưa dùng được", await wrong.Content.ReadAsStringAsync());
        var verified = await client.PostFormAsync(codePage, codePage, new() { ["ma"] = code });
        Assert.StartsWith("/cuoc-thi/bai-lam/", verified.Headers.Location!.OriginalString);

        using var stranger = new StaffClient(site);
        var again = await EnterAsync(stranger, email.ToUpperInvariant());
        var newcomer = await EnterAsync(stranger, $"moi-{Guid.NewGuid():N}"[..16] + "@example.vn");

        // Whoever sends the form cannot tell that this address took part: the answer is a new entrant's, and it stays
        // the same when the form is sent again, as a new entrant's does.
        Assert.Equal((newcomer.StatusCode, CodePagePath(newcomer)), (again.StatusCode, CodePagePath(again)));
        Assert.Equal(again.Headers.Location, (await EnterAsync(stranger, email)).Headers.Location);
        var decoyPage = again.Headers.Location!.OriginalString;
        Assert.NotEqual(codePage, decoyPage);
        var (_, newcomerCodePage) = await stranger.Http.GetPageAsync(newcomer.Headers.Location!.OriginalString);
        var (_, decoyCodePage) = await stranger.Http.GetPageAsync(decoyPage);
        Assert.Equal(newcomerCodePage.QuerySelector("main")!.TextContent, decoyCodePage.QuerySelector("main")!.TextContent);
        var guessed = await stranger.PostFormAsync(decoyPage, decoyPage, new() { ["ma"] = code });
        Assert.Equal(HttpStatusCode.BadRequest, guessed.StatusCode);
        Assert.Contains("Mã xác nhận chưa dùng được", await guessed.Content.ReadAsStringAsync());

        // The address's owner learns why no code came, and gets no code that would open anything.
        // (The form was sent twice more for this address, so one or two notices may have arrived by now.)
        var notices = (await SmtpSink.WaitForAsync(email, count: 2)).Where(m => m.Subject == "Về việc đăng ký dự thi bằng địa chỉ thư này").ToList();
        Assert.NotEmpty(notices);
        Assert.All(notices, notice =>
        {
            Assert.Contains("đã dự thi vòng này rồi", notice.TextBody);
            Assert.DoesNotMatch(SixDigits(), notice.TextBody ?? "");
        });
        await using var scope = site.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ContestEntries.CountAsync(e => e.Email == email));
    }

    [Fact]
    public async Task CodePage_RealEntryWithItsTriesUsedUp_AnswersAsTheAlreadyEnteredDecoyDoes()
    {
        using var client = new StaffClient(site);
        var email = $"het-{Guid.NewGuid():N}"[..16] + "@example.vn";
        var codePage = (await EnterAsync(client, email)).Headers.Location!.OriginalString;
        var code = SixDigits().Match(Assert.Single(await SmtpSink.WaitForAsync(email)).TextBody ?? "").Value;
        var wrongCode = code == "000000" ? "111111" : "000000";
        HttpResponseMessage usedUp = null!;
        for (var i = 0; i <= 5; i++)
        {
            usedUp = await client.PostFormAsync(codePage, codePage, new() { ["ma"] = wrongCode });
        }

        var entered = $"roi-{Guid.NewGuid():N}"[..16] + "@example.vn";
        var enteredPage = (await EnterAsync(client, entered)).Headers.Location!.OriginalString;
        var enteredCode = SixDigits().Match(Assert.Single(await SmtpSink.WaitForAsync(entered)).TextBody ?? "").Value;
        await client.PostFormAsync(enteredPage, enteredPage, new() { ["ma"] = enteredCode });
        var decoyPage = (await EnterAsync(client, entered)).Headers.Location!.OriginalString;
        var decoy = await client.PostFormAsync(decoyPage, decoyPage, new() { ["ma"] = wrongCode });

        // Guessing past the tries (or waiting past the code's lifetime) tells a real entry from an address that took part no more than one wrong code does.
        Assert.Equal((usedUp.StatusCode, await AlertAsync(usedUp)), (decoy.StatusCode, await AlertAsync(decoy)));
        Assert.Contains("Mã xác nhận chưa dùng được", await AlertAsync(decoy));
    }

    private static async Task<string?> AlertAsync(HttpResponseMessage response) =>
        Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")?.TextContent;

    /// <summary>The code page an entry was sent to, its own key left out.</summary>
    private static string CodePagePath(HttpResponseMessage response) =>
        Regex.Replace(response.Headers.Location!.OriginalString, "[0-9a-f]{8}-[0-9a-f-]{27}", "{khóa}");

    [Fact]
    public async Task Attempt_OnlyInTheBrowserThatConfirmedTheCode_AnotherIsRefusedInVietnamese()
    {
        var email = $"mot-{Guid.NewGuid():N}"[..16] + "@example.vn";
        using var entrant = new StaffClient(site);
        var entered = await EnterAsync(entrant, email);
        var codePage = entered.Headers.Location!.OriginalString;
        var code = SixDigits().Match(Assert.Single(await SmtpSink.WaitForAsync(email)).TextBody ?? "").Value;
        var attemptPage = (await entrant.PostFormAsync(codePage, codePage, new() { ["ma"] = code })).Headers.Location!.OriginalString;
        var (_, page) = await entrant.Http.GetPageAsync(attemptPage);
        var question = page.QuerySelector("fieldset[data-question]")!;
        var choice = question.QuerySelector("input")!;
        Dictionary<string, string> Answer() => new() { [choice.GetAttribute("name")!] = choice.GetAttribute("value")!, ["phien-ban"] = "1" };

        using var other = new StaffClient(site);
        var refused = await other.Http.GetAsync(attemptPage);
        var save = $"{attemptPage}/cau/{question.GetAttribute("data-question")}";
        var refusedSave = await other.PostWithPageTokenAsync($"{Sample}/vong/1", save, Answer());
        var refusedSubmit = await other.PostWithPageTokenAsync($"{Sample}/vong/1", $"{attemptPage}/nop", new() { ["du-doan"] = "5" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("đã dùng để nhập mã xác nhận", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, refusedSave.StatusCode);
        Assert.Contains("đã dùng để nhập mã xác nhận", await refusedSave.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refusedSubmit.StatusCode);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var attempt = (await scope.ServiceProvider.GetRequiredService<QuizService>().GetStateAsync(Guid.Parse(attemptPage.Split('/')[^1])))!;
            Assert.Empty(attempt.Answers);
            Assert.True(attempt.IsOpen);
        }

        Assert.Equal(HttpStatusCode.OK, (await entrant.PostWithPageTokenAsync(attemptPage, save, Answer())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await entrant.Http.GetAsync(attemptPage)).StatusCode);
    }

    [Fact]
    public async Task EntryForm_FourthCodeForOneAddressWithinAnHour_TooManyRequests()
    {
        var email = $"nhieu-{Guid.NewGuid():N}"[..16] + "@example.vn";
        using var client = new StaffClient(site);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await EnterAsync(client, email)).StatusCode);
        }

        var refused = await EnterAsync(client, email);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("xin mã quá nhiều lần", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAttemptLeftOpenPastItsDeadline_IsSubmittedByTheMinuteJob_AndAnswersShowOnlyAfterTheLastRound()
    {
        var now = DateTime.UtcNow;
        Contest contest;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var (status, created) = await scope.ServiceProvider.GetRequiredService<ContestService>().CreateAsync(new ContestDraft(
                $"Thi thử {Guid.NewGuid():N}", $"thi-thu-{Guid.NewGuid():N}", "", "luat-tre-em", 3, 15, ContestRanking.DefaultOrder,
                [new RoundSchedule(now.AddHours(-1), now.AddHours(1)), new RoundSchedule(now.AddHours(1), now.AddHours(2))], ShowAnswersAfterLastRound: true));
            Assert.Equal(ContestStatus.Success, status);
            contest = created!;
        }

        var roundPage = $"/cuoc-thi/{contest.Slug}/vong/1";
        var email = $"bo-do-{Guid.NewGuid():N}"[..16] + "@example.vn";
        using var entrant = new StaffClient(site);
        var codePage = (await entrant.PostFormAsync(roundPage, roundPage, new()
        {
            ["FullName"] = "Đỗ Minh Khang", ["BirthDateOrClass"] = "Lớp 9A", ["School"] = "Trường THCS Ninh Sơn", ["Email"] = email,
        })).Headers.Location!.OriginalString;
        var code = SixDigits().Match(Assert.Single(await SmtpSink.WaitForAsync(email)).TextBody ?? "").Value;
        var attemptPage = (await entrant.PostFormAsync(codePage, codePage, new() { ["ma"] = code })).Headers.Location!.OriginalString;
        var attemptKey = Guid.Parse(attemptPage.Split('/')[^1]);

        // One answer saved, then the tab is closed and the time limit runs out.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await SaveRightAnswersAsync(scope.ServiceProvider.GetRequiredService<QuizService>(), attemptKey, 1);
            var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            var attempt = await db.QuizAttempts.SingleAsync(a => a.Key == attemptKey);
            attempt.DeadlineUtc = now.AddMinutes(-5);
            await db.SaveChangesAsync();
        }

        site.Services.GetRequiredService<Hangfire.IRecurringJobManager>().Trigger(Web.Hosting.RecurringJobs.OverdueAttemptsJob);
        QuizAttempt? submitted = null;
        for (var waited = 0; waited < 60 && submitted?.SubmittedUtc is null; waited++)
        {
            await Task.Delay(500);
            await using var scope = site.Services.CreateAsyncScope();
            submitted = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().QuizAttempts.AsNoTracking().SingleAsync(a => a.Key == attemptKey);
        }

        Assert.NotNull(submitted!.SubmittedUtc);
        Assert.Equal((true, 1), (submitted.SubmittedByServer, submitted.CorrectCount));
        var (_, thanks) = await entrant.Http.GetPageAsync(attemptPage);
        Assert.Contains("Bạn trả lời đúng 1/3 câu", thanks.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("hệ thống tự nộp khi hết giờ", thanks.Body!.TextContent);
        // Round 2 draws from the same bank: no right answer is shown before it has closed.
        Assert.Null(thanks.QuerySelector(".review"));
        Assert.Contains("sau khi vòng thi cuối cùng kết thúc", thanks.Body.TextContent);

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            var quiz = await db.Quizzes.SingleAsync(q => q.Id == submitted.QuizId);
            // The quiz keeps its rules as JSON in the web's conventions.
            var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
            var rules = System.Text.Json.JsonSerializer.Deserialize<QuizDefinition>(quiz.DefinitionJson, json)!;
            Assert.Equal(now.AddHours(2), rules.ReviewOpensUtc!.Value, TimeSpan.FromSeconds(1));
            quiz.DefinitionJson = System.Text.Json.JsonSerializer.Serialize(rules with { ReviewOpensUtc = now.AddMinutes(-1) }, json);
            await db.SaveChangesAsync();
        }

        var (_, reviewed) = await entrant.Http.GetPageAsync(attemptPage);
        Assert.Equal(["right", "wrong", "wrong"], reviewed.QuerySelectorAll(".review-question").Select(q => q.GetAttribute("data-verdict")).Order());
        Assert.All(reviewed.QuerySelectorAll(".review-question"), q => Assert.NotNull(q.QuerySelector(".right-answer")));
    }

    private async Task<HttpResponseMessage> EnterAsync(StaffClient client, string email) =>
        await client.PostFormAsync($"{Sample}/vong/1", $"{Sample}/vong/1", new()
        {
            ["FullName"] = "Nguyễn Thị Lan", ["BirthDateOrClass"] = "12/05/2012", ["School"] = "Trường THCS Ninh Sơn", ["Email"] = email,
        });

    /// <summary>Saves the right answer to the first <paramref name="count"/> questions of the attempt, as its page's autosave would.</summary>
    private async Task SaveRightAnswersAsync(QuizService quizzes, Guid attempt, int count)
    {
        var state = (await quizzes.GetStateAsync(attempt))!;
        foreach (var (id, answer) in (await AttemptAnswers.RightAnswersAsync(site, attempt)).Take(count))
        {
            var shown = state.View.Questions.Single(q => q.QuestionId == id);
            var form = new Microsoft.AspNetCore.Http.FormCollection(answer.Type == QuestionType.Matching
                ? answer.Values.Select((v, i) => (Key: $"cau-{id}-{i}", Value: v)).ToDictionary(x => x.Key, x => new Microsoft.Extensions.Primitives.StringValues(x.Value))
                : new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { [$"cau-{id}"] = answer.Values.ToArray() });
            await quizzes.SaveAnswerAsync(attempt, id, Features.Learning.AttemptForm.Read(shown, form), 1);
        }
    }

    private Task<(Contest Contest, ContestRound Round)> OpenContestAsync() => TestContests.OpenAsync(site);

    /// <summary>A contest of its own whose first round is entered (each entrant answers <c>right</c> questions correctly) and then closed.</summary>
    private async Task<(Contest Contest, ContestRound Round)> ClosedRoundWithEntriesAsync(params (string Name, int Right)[] entrants)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var contests = scope.ServiceProvider.GetRequiredService<ContestService>();
        var quizzes = scope.ServiceProvider.GetRequiredService<QuizService>();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var now = DateTime.UtcNow;
        var (contest, round) = await OpenContestAsync();
        foreach (var (name, right) in entrants)
        {
            var code = await contests.RequestCodeAsync(round.Id, new EntryDetails(name, "Lớp 8A", "Trường THCS Ninh Sơn", $"{Guid.NewGuid():N}@example.vn"), $"10.0.{right}.1");
            var attempt = (await contests.VerifyAsync(code.Result!.EntryKey, code.Result!.Code!)).Result;
            await SaveRightAnswersAsync(quizzes, attempt, right);
            await contests.SubmitAsync(attempt, 1);
        }

        // The round ends: moved into the past, beyond the grace period that late answers have.
        var stored = await db.ContestRounds.SingleAsync(r => r.Id == round.Id);
        stored.ClosesUtc = now.AddMinutes(-5);
        await db.SaveChangesAsync();
        return (contest, stored);
    }
}
