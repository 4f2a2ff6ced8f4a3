using ChildProtection.Core;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildProtection.Web.Tests.Contests;

/// <summary>A contest attempt at its edges: past the deadline, with the connection gone, and read by someone looking for the answers.</summary>
[Collection(SiteCollection.Name)]
public sealed class AttemptEdgeTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>The bank of a seeded course: every question type, feedback for most answers.</summary>
    private const string Bank = "ky-luat-tich-cuc";
    private const string Retrying = "Chưa lưu được, đang thử lại…";
    private const string Saved = "Đã lưu câu trả lời.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Autosave_AfterTheDeadlineAndItsGrace_RefusedWith409AndAVietnameseMessage_AndNothingSaved()
    {
        var code = await EntryAsync(await ContestAsync());
        using var entrant = new StaffClient(site);
        var codePage = $"/cuoc-thi/xac-nhan/{code.Result!.EntryKey}";
        var attemptPage = (await entrant.PostFormAsync(codePage, codePage, new() { ["ma"] = code.Result!.Code! })).Headers.Location!.OriginalString;
        var attemptKey = Guid.Parse(attemptPage.Split('/')[^1]);
        var (_, page) = await entrant.Http.GetPageAsync(attemptPage);
        var choice = page.QuerySelector("fieldset[data-question] input[type=radio]")!;
        var question = choice.Closest("fieldset")!.GetAttribute("data-question");
        await using (var scope = site.Services.CreateAsyncScope())
        {
            // The limit ran out two minutes ago: beyond the minute's grace that late answers get.
            var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            var attempt = await db.QuizAttempts.SingleAsync(a => a.Key == attemptKey);
            attempt.DeadlineUtc = DateTime.UtcNow.AddMinutes(-2);
            await db.SaveChangesAsync();
        }

        var late = await entrant.PostWithPageTokenAsync(attemptPage, $"{attemptPage}/cau/{question}", new()
        {
            [choice.GetAttribute("name")!] = choice.GetAttribute("value")!, ["phien-ban"] = "1",
        });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("application/json", late.Content.Headers.ContentType!.MediaType);
        var body = JsonSerializer.Deserialize<JsonElement>(await late.Content.ReadAsStringAsync());
        Assert.False(body.GetProperty("saved").GetBoolean());
        Assert.Equal("Đã hết giờ làm bài; câu trả lời này không được nhận.", body.GetProperty("message").GetString());
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.Empty((await scope.ServiceProvider.GetRequiredService<QuizService>().GetStateAsync(attemptKey))!.Answers);
        }
    }

    [Fact]
    public async Task Autosave_ConnectionLost_AnswersKeptAndSentWhenItReturns_AlsoAfterTheTabWasClosed_AndTypedTextSavesWhileTyping()
    {
        var (page, attempt) = await EnterInBrowserAsync(await ContestAsync());
        var answers = await AttemptAnswers.RightAnswersAsync(site, attempt);
        var choices = answers.Where(a => a.Value.Type is QuestionType.SingleChoice or QuestionType.TrueFalse).Select(a => a.Key).ToList();
        var (first, second) = (choices[0], choices[1]);

        await page.Context.SetOfflineAsync(true);
        await page.CheckAsync($"fieldset[data-question='{first}'] input[value='{answers[first].Values[0]}']");
        await WaitForStateAsync(page, first, Retrying);
        Assert.Null(await SavedAsync(attempt, first));

        await page.Context.SetOfflineAsync(false);
        await WaitForStateAsync(page, first, Saved);
        Assert.Equal(answers[first].Values[0], await SavedAsShownAsync(attempt, first));

        // Offline again, an answer, and the tab is closed before the connection returns: the next visit sends it.
        await page.Context.SetOfflineAsync(true);
        await page.CheckAsync($"fieldset[data-question='{second}'] input[value='{answers[second].Values[0]}']");
        await WaitForStateAsync(page, second, Retrying);
        var context = page.Context;
        await page.CloseAsync();
        await context.SetOfflineAsync(false);
        Assert.Null(await SavedAsync(attempt, second));
        page = await context.NewPageAsync();
        await page.GotoAsync($"{site.ServerAddress}/cuoc-thi/bai-lam/{attempt}");
        await WaitForStateAsync(page, second, Saved);
        Assert.Equal(answers[second].Values[0], await SavedAsShownAsync(attempt, second));
        Assert.True(await page.IsCheckedAsync($"fieldset[data-question='{second}'] input[value='{answers[second].Values[0]}']"));

        // Typed answers are saved after a pause in typing, before the field is left.
        var typed = answers.First(a => a.Value.Type is QuestionType.ShortAnswer or QuestionType.Numerical).Key;
        await page.Locator($"fieldset[data-question='{typed}'] input").PressSequentiallyAsync(answers[typed].Values[0], new() { Delay = 50 });
        await WaitForStateAsync(page, typed, Saved);
        Assert.Equal(answers[typed].Values[0], await SavedAsShownAsync(attempt, typed));
        Assert.True(await page.EvalOnSelectorAsync<bool>($"fieldset[data-question='{typed}'] input", "i => i === document.activeElement"));
    }

    [Fact]
    public async Task HandIn_OfflineIsHeldWithAMessage_ThenOnlineNothingGivenIsLost()
    {
        var (page, attempt) = await EnterInBrowserAsync(await ContestAsync());
        var answers = await AttemptAnswers.RightAnswersAsync(site, attempt);
        var choice = answers.First(a => a.Value.Type is QuestionType.SingleChoice or QuestionType.TrueFalse).Key;
        var typed = answers.First(a => a.Value.Type is QuestionType.ShortAnswer or QuestionType.Numerical).Key;

        await page.Context.SetOfflineAsync(true);
        await page.CheckAsync($"fieldset[data-question='{choice}'] input[value='{answers[choice].Values[0]}']");
        await page.ClickAsync("form.attempt button[type=submit]");

        Assert.Equal("Chưa có kết nối mạng nên chưa nộp được bài; các câu trả lời vẫn được giữ trên máy này. Hãy nộp lại khi có mạng.", await page.InnerTextAsync(".submit-state"));
        Assert.Contains("/cuoc-thi/bai-lam/", page.Url, StringComparison.Ordinal);

        // Back online, a typed answer and at once the hand-in: the queued save and the text still in its pause both count.
        await page.Context.SetOfflineAsync(false);
        await page.Locator($"fieldset[data-question='{typed}'] input").PressSequentiallyAsync(answers[typed].Values[0]);
        await page.ClickAsync("form.attempt button[type=submit]");
        await page.WaitForSelectorAsync("[role=status]");
        Assert.Contains("Bạn trả lời đúng 2/12 câu", await page.InnerTextAsync("[role=status]"));
        await using var scope = site.Services.CreateAsyncScope();
        var closed = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().QuizAttempts.AsNoTracking().SingleAsync(a => a.Key == attempt);
        Assert.Equal((2, false), (closed.CorrectCount, closed.SubmittedByServer));
    }

    [Fact]
    public async Task OpenAttempt_NeitherThePageNorAnyAutosaveAnswerCarriesTheBanksKey()
    {
        var (page, attempt) = await EnterInBrowserAsync(await ContestAsync());
        var responses = new List<IResponse>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/cau/", StringComparison.Ordinal))
            {
                lock (responses)
                {
                    responses.Add(response);
                }
            }
        };
        var html = await page.ContentAsync();
        var key = await AnswerKeyAsync(attempt);
        Assert.True(key.Count > 20, $"only {key.Count} strings of the bank's key to look for");

        // Every question answered right, then a wrong choice: each save's answer says nothing either.
        var answers = await AttemptAnswers.RightAnswersAsync(site, attempt);
        foreach (var (id, answer) in answers)
        {
            await AttemptAnswers.AnswerAsync(page, id, answer);
        }

        var single = answers.First(a => a.Value.Type == QuestionType.SingleChoice);
        var wrong = Enumerable.Range(0, 3).Select(i => i.ToString(CultureInfo.InvariantCulture)).First(v => v != single.Value.Values[0]);
        await AttemptAnswers.AnswerAsync(page, single.Key, (QuestionType.SingleChoice, [wrong]));

        var autosaves = new List<string>();
        foreach (var response in responses)
        {
            autosaves.Add(await response.TextAsync());
        }

        Assert.All(key, leak => Assert.False(leak.Pattern.IsMatch(html), $"The page shows the bank's {leak.What}."));
        // One save per change: a question with several boxes or pairs saves more than once.
        Assert.True(autosaves.Count > answers.Count, $"{autosaves.Count} autosaves for {answers.Count} questions");
        Assert.All(autosaves, body => Assert.Equal("""{"saved":true}""", body));
        Assert.All(autosaves, body => Assert.All(key, leak => Assert.False(leak.Pattern.IsMatch(body), $"An autosave answer carries the bank's {leak.What}.")));

        // The form's controls: no attribute beyond these, choices numbered by the position shown, so the right one looks like any other.
        string[] allowed = ["type", "name", "value", "id", "for", "class", "inputmode", "autocomplete", "checked", "selected"];
        var controls = await page.EvalOnSelectorAllAsync<string[][]>(
            "fieldset[data-question] :is(input, select, option, label)", "els => els.map(e => [...e.attributes].map(a => a.name))");
        Assert.All(controls.SelectMany(c => c), name => Assert.Contains(name, allowed));
        var numbering = await page.EvalOnSelectorAllAsync<string[][]>(
            "fieldset[data-question]", "fs => fs.map(f => [...f.querySelectorAll('input[type=radio], input[type=checkbox]')].map(i => i.value))");
        Assert.All(numbering.Where(values => values.Length > 0), values =>
            Assert.True(values.SequenceEqual(["true", "false"]) || values.SequenceEqual(values.Select((_, i) => i.ToString(CultureInfo.InvariantCulture))), string.Join(",", values)));
    }

    /// <summary>
    /// What the bank knows and the page must not: feedback (per answer, per truth value, general), accepted typed
    /// answers, and marks that are neither all nor nothing, except text the question itself shows.
    /// </summary>
    private async Task<List<(string What, Regex Pattern)>> AnswerKeyAsync(Guid attempt)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var shown = (await scope.ServiceProvider.GetRequiredService<QuizService>().GetStateAsync(attempt))!.View.Questions;
        var ids = shown.Select(q => q.QuestionId).ToList();
        var rows = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().BankQuestions.Where(q => ids.Contains(q.Id)).ToListAsync();
        var visible = string.Join("\n", shown.SelectMany(q => q.Options.Concat(q.Prompts).Append(q.Text)));
        var key = new List<(string What, string Text)>();
        foreach (var row in rows)
        {
            key.Add(("general feedback", row.Feedback ?? ""));
            switch (JsonSerializer.Deserialize<QuestionBody>(row.BodyJson, Json))
            {
                case ChoiceBody choice:
                    key.AddRange(choice.Choices.Select(c => ("answer feedback", c.Feedback ?? "")));
                    key.AddRange(choice.Choices.Where(c => c.Fraction is not (0 or 1)).SelectMany(c => Marks(c.Fraction)));
                    break;
                case TrueFalseBody truth:
                    key.AddRange([("true/false feedback", truth.FeedbackWhenRight ?? ""), ("true/false feedback", truth.FeedbackWhenWrong ?? "")]);
                    break;
                case ShortAnswerBody typed:
                    key.AddRange(typed.Answers.SelectMany(a => new[] { ("accepted answer", a.Text), ("answer feedback", a.Feedback ?? "") }));
                    break;
                case NumericalBody numerical:
                    key.AddRange(numerical.Answers.Select(a => ("answer feedback", a.Feedback ?? "")));
                    break;
            }
        }

        return key.Where(k => k.Text.Trim().Length > 0 && !visible.Contains(k.Text.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(k => (k.What, new Regex($@"(?<![\w.\-]){Regex.Escape(k.Text.Trim())}(?![\w])", RegexOptions.IgnoreCase)))
            .ToList();

        static IEnumerable<(string, string)> Marks(decimal fraction) =>
        [
            ("mark", fraction.ToString(CultureInfo.InvariantCulture)),
            ("mark", (fraction * 100).ToString("0.#####", CultureInfo.InvariantCulture)),
        ];
    }

    private async Task<Contest> ContestAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var now = DateTime.UtcNow;
        var (status, contest) = await scope.ServiceProvider.GetRequiredService<ContestService>().CreateAsync(new ContestDraft(
            // A short mark of its own in the title: a long unbroken one would widen a phone's page.
            $"Thi thử kỷ luật tích cực {Guid.NewGuid().ToString("N")[..6]}", $"thi-thu-{Guid.NewGuid():N}", "", Bank, 12, 15, ContestRanking.DefaultOrder,
            [new RoundSchedule(now.AddHours(-1), now.AddHours(1))]));
        Assert.Equal(ContestStatus.Success, status);
        return contest!;
    }

    private async Task<Attempt<EntryCode, ContestStatus>> EntryAsync(Contest contest)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContestService>().RequestCodeAsync(
            contest.Rounds[0].Id, new EntryDetails("Đặng Thu Trang", "Lớp 8B", "Trường THCS Ninh Sơn", $"{Guid.NewGuid():N}@example.vn"), $"kiem-thu-{Guid.NewGuid():N}");
    }

    /// <summary>Confirms an entry's code in a new phone-sized browser, which then holds the attempt.</summary>
    private async Task<(IPage Page, Guid Attempt)> EnterInBrowserAsync(Contest contest)
    {
        var code = await EntryAsync(contest);
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync($"{site.ServerAddress}/cuoc-thi/xac-nhan/{code.Result!.EntryKey}");
        await page.FillAsync("#ma", code.Result!.Code!);
        await page.ClickAsync("form[action^='/cuoc-thi/xac-nhan'] button[type=submit]");
        await page.WaitForURLAsync("**/cuoc-thi/bai-lam/*");
        return (page, Guid.Parse(page.Url.Split('/')[^1]));
    }

    private static async Task WaitForStateAsync(IPage page, long question, string text) =>
        await page.WaitForFunctionAsync(
            "([q, t]) => document.querySelector(`fieldset[data-question='${q}'] .save-state`)?.textContent === t",
            new object[] { question.ToString(CultureInfo.InvariantCulture), text },
            new() { Timeout = 15000 });

    private async Task<AttemptAnswer?> SavedAsync(Guid attempt, long question)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        return await db.AttemptAnswers.AsNoTracking().SingleOrDefaultAsync(a => a.QuestionId == question && db.QuizAttempts.Any(t => t.Id == a.AttemptId && t.Key == attempt));
    }

    /// <summary>The saved answer to a choice or typed question, as the page shows it (a choice's position, or the text).</summary>
    private async Task<string?> SavedAsShownAsync(Guid attempt, long question)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var state = (await scope.ServiceProvider.GetRequiredService<QuizService>().GetStateAsync(attempt))!;
        return state.Answers.GetValueOrDefault(question) switch
        {
            ChoiceResponse choice => choice.Selected.Single().ToString(CultureInfo.InvariantCulture),
            TrueFalseResponse truth => truth.Value ? "true" : "false",
            TextResponse text => text.Text,
            _ => null,
        };
    }
}
