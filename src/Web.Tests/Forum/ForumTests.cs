using System.Net;
using ChildProtection.Training.Forum;
using ChildProtection.Training.Limits;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Infrastructure;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace ChildProtection.Web.Tests.Forum;

/// <summary>The Children's Forum from a child's side (phone, HTTP) and the organisers' (moderation, groups, forwarding, answers, exports).</summary>
[Collection(SiteCollection.Name)]
public sealed class ForumTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SampleSlug = "dien-dan-tre-em-tinh-nam-2026-tre-em-voi-an-toan-tren-khong-gian-mang";
    private const string Sample = "/dien-dan-tre-em/" + SampleSlug;

    [Fact]
    public async Task SeededForum_ListedInTheFooterAndTheList_LinksToTheLawContestsOpenRound()
    {
        using var client = site.CreateServerClient();
        var home = Html.Parse(await client.GetStringAsync("/"));
        Assert.NotNull(home.QuerySelector(".site-footer a[href='/dien-dan-tre-em']"));

        var list = Html.Parse(await client.GetStringAsync("/dien-dan-tre-em"));
        Assert.Contains("Trẻ em với an toàn trên không gian mạng", list.QuerySelector($"a[href='{Sample}']")!.TextContent);

        var (response, page) = await client.GetPageAsync(Sample);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Đang nhận ý kiến", page.QuerySelector(".round-state")!.TextContent);
        Assert.Contains("Cuộc thi tìm hiểu Luật Trẻ em", page.QuerySelector(".forum-quiz a[href='/cuoc-thi/cuoc-thi-tim-hieu-luat-tre-em/vong/1']")!.TextContent);
        Assert.NotNull(page.QuerySelector(".hotline-bar a[href='tel:111']"));
    }

    [Fact]
    public async Task Child_SendsAnOpinionFromAPhone_IsThanked_AndTheOpinionWaitsForModeration()
    {
        var text = $"Em muốn được học cách chặn người lạ nhắn tin {Guid.NewGuid():N}.";
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync(site.ServerAddress + Sample);
        await page.FillAsync("#Text", text);
        await page.FillAsync("#FirstName", "Lan");
        await page.FillAsync("#GradeOrAge", "Lớp 5");
        await page.ClickAsync("form.opinion-form button[type=submit]");
        await page.WaitForURLAsync("**/cam-on");

        Assert.Equal("Cảm ơn em đã gửi ý kiến!", await page.InnerTextAsync("h1"));
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the thank-you page scrolls sideways on a 360px screen");
        var opinion = await OpinionAsync(text);
        Assert.Equal((OpinionStatus.Pending, "Lan", null, "Lớp 5"), (opinion.Status, opinion.FirstName, opinion.School, opinion.GradeOrAge));
        using var client = site.CreateServerClient();
        Assert.DoesNotContain(text, await client.GetStringAsync(Sample));
    }

    [Fact]
    public async Task OpinionForm_FullNameOrNoText_VietnameseErrors_AndTheTypedTextIsKept()
    {
        var text = $"Ý kiến có họ tên đầy đủ {Guid.NewGuid():N}";
        using var client = new StaffClient(site);

        var refused = await client.PostFormAsync(Sample, Sample, new() { ["Text"] = text, ["FirstName"] = "Nguyễn Thị Lan", ["School"] = "Trường TH Kim Bài" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("chỉ cần ghi tên", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(text, page.QuerySelector("#Text")!.TextContent);
        Assert.Equal("Trường TH Kim Bài", page.QuerySelector("#School")!.GetAttribute("value"));
        var empty = await client.PostFormAsync(Sample, Sample, new() { ["Text"] = "  " });
        Assert.Contains("Em hãy viết ý kiến của mình", Html.Parse(await empty.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent);
        await using var scope = site.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ForumOpinions.AnyAsync(o => o.Text == text));
    }

    [Fact]
    public async Task OpinionForm_SentAfterTheForumClosed_RefusedInVietnamese_AndWhatWasWrittenIsShownBack()
    {
        var now = DateTime.UtcNow;
        await using var scope = site.Services.CreateAsyncScope();
        var (status, closed) = await scope.ServiceProvider.GetRequiredService<ForumService>().CreateEventAsync(new ForumEventDraft(
            "Diễn đàn đã đóng", $"da-dong-{Guid.NewGuid():N}", "Em nghĩ gì?", "", now.AddDays(-7), now.AddMinutes(-1), null));
        Assert.Equal(ForumStatus.Success, status);

        var text = $"Ý kiến gửi muộn {Guid.NewGuid():N}";
        using var client = new StaffClient(site);
        var page = $"/dien-dan-tre-em/{closed!.Slug}";
        var refused = await client.PostWithPageTokenAsync(Sample, page, new() { ["Text"] = text });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("hết hạn gửi ý kiến", html.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(text, html.QuerySelector(".forum-kept")!.TextContent);
        Assert.Null(html.QuerySelector("form.opinion-form"));
    }

    [Fact]
    public async Task OpinionForm_HoneypotFilled_ThankedButNothingKept()
    {
        var text = $"Quảng cáo {Guid.NewGuid():N}";
        using var client = new StaffClient(site);

        var response = await client.PostFormAsync(Sample, Sample, new() { ["Text"] = text, ["Website"] = "http://spam.example" });

        Assert.Equal($"{Sample}/cam-on", response.Headers.Location!.OriginalString);
        await using var scope = site.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ForumOpinions.AnyAsync(o => o.Text == text));
    }

    [Fact]
    public async Task OpinionForm_OverTheHourlyLimitOfThisClient_TooManyRequestsInVietnamese_TextKept()
    {
        using var client = new StaffClient(site);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Sample, Sample, new() { ["Text"] = $"Ý kiến đầu {Guid.NewGuid():N}" })).StatusCode);
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var mine = await db.ClientRequests.Where(r => r.Purpose == ForumService.SubmissionPurpose).OrderByDescending(r => r.Id).FirstAsync();
        var used = await db.ClientRequests.CountAsync(r => r.Purpose == mine.Purpose && r.ClientHash == mine.ClientHash);
        var filler = Enumerable.Range(0, new ForumOptions().OpinionsPerClientPerHour - used)
            .Select(_ => new ClientRequest { Purpose = mine.Purpose, ClientHash = mine.ClientHash, SentUtc = DateTime.UtcNow }).ToList();
        db.ClientRequests.AddRange(filler);
        await db.SaveChangesAsync();
        try
        {
            var text = $"Ý kiến quá giới hạn {Guid.NewGuid():N}";
            var refused = await client.PostFormAsync(Sample, Sample, new() { ["Text"] = text });

            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var page = Html.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Contains("Em đợi một lúc rồi gửi lại", page.QuerySelector("[role=alert]")!.TextContent);
            Assert.Equal(text, page.QuerySelector("#Text")!.TextContent);
        }
        finally
        {
            // The other tests of the collection send from the same address within the hour.
            var ids = filler.Select(f => f.Id).ToList();
            await db.ClientRequests.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task Organiser_ModeratesGroupsForwardsAnswersAndPublishes_ChildrenSeeOnlyTheApprovedOpinionAndThePublishedAnswer()
    {
        using var organiser = new StaffClient(site);
        await organiser.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var (_, list) = await organiser.Http.GetPageAsync("/backoffice");
        Assert.NotNull(list.QuerySelector(".menu a[href='/backoffice/dien-dan']"));
        var title = $"Diễn đàn thử {Guid.NewGuid():N}";
        var created = await organiser.PostFormAsync("/backoffice/dien-dan", "/backoffice/dien-dan/tao", new()
        {
            ["Title"] = title, ["Question"] = "Em muốn sân trường thế nào?", ["Description"] = "Đoạn một.\n\nĐoạn hai.",
            ["Opens"] = SiteClock.ToLocalInput(DateTime.UtcNow.AddHours(-1)), ["Closes"] = SiteClock.ToLocalInput(DateTime.UtcNow.AddDays(7)), ["ContestId"] = "",
        });
        var admin = created.Headers.Location!.OriginalString;
        var forumEvent = await EventAsync(Guid.Parse(admin.Split('/')[^1]));
        var publicPage = $"/dien-dan-tre-em/{forumEvent.Slug}";

        using var child = new StaffClient(site);
        var (kind, unkind) = ($"Em muốn có thêm cây xanh {Guid.NewGuid():N}", $"Số điện thoại của em là 0912 {Guid.NewGuid():N}");
        foreach (var opinion in new[] { kind, unkind })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await child.PostFormAsync(publicPage, publicPage, new() { ["Text"] = opinion, ["FirstName"] = "Minh", ["School"] = "Trường TH Kim Bài", ["GradeOrAge"] = "Lớp 4" })).StatusCode);
        }

        var (kindId, unkindId) = ((await OpinionAsync(kind)).Id, (await OpinionAsync(unkind)).Id);
        var (_, queue) = await organiser.Http.GetPageAsync(admin);
        Assert.Equal("2", queue.QuerySelector("[data-status=Pending] .count")!.TextContent);
        var noReason = await organiser.PostWithPageTokenAsync(admin, $"{admin}/tu-choi", new() { ["y-kien"] = unkindId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ly-do"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Hãy ghi lý do từ chối", await noReason.Content.ReadAsStringAsync());
        await organiser.PostFormAsync(admin, $"{admin}/duyet", new() { ["y-kien"] = kindId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await organiser.PostWithPageTokenAsync(admin, $"{admin}/tu-choi", new() { ["y-kien"] = unkindId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ly-do"] = "Có số điện thoại." });
        var (_, moderated) = await organiser.Http.GetPageAsync(admin);
        Assert.Equal(("0", "1", "1"), (moderated.QuerySelector("[data-status=Pending] .count")!.TextContent, moderated.QuerySelector("[data-status=Approved] .count")!.TextContent, moderated.QuerySelector("[data-status=Rejected] .count")!.TextContent));

        var groups = $"{admin}/nhom";
        await organiser.PostFormAsync(groups, groups, new() { ["ten-nhom"] = "Các em muốn sân trường có nhiều cây xanh", ["y-kien"] = kindId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var groupId = (await OpinionAsync(kind)).GroupId!.Value;
        var body = $"phong-gd-{Guid.NewGuid():N}"[..20] + "@example.vn";
        var badEmail = await organiser.PostFormAsync(groups, $"{groups}/{groupId}/chuyen", new() { ["BodyName"] = "Phòng Giáo dục huyện", ["BodyEmail"] = "khong-phai-thu" });
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Equal("Phòng Giáo dục huyện", Html.Parse(await badEmail.Content.ReadAsStringAsync()).QuerySelector($"#BodyName-{groupId}")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync(groups, $"{groups}/{groupId}/chuyen", new() { ["BodyName"] = "Phòng Giáo dục huyện", ["BodyEmail"] = body })).StatusCode);

        var mail = Assert.Single(await SmtpSink.WaitForAsync(body));
        Assert.Contains(kind, mail.TextBody);
        Assert.Contains("Trường TH Kim Bài", mail.TextBody);
        Assert.DoesNotContain("Minh", mail.TextBody);
        Assert.DoesNotContain(unkind, mail.TextBody);
        Assert.Contains("Các em muốn sân trường có nhiều cây xanh", mail.Subject);

        var answer = $"Huyện sẽ trồng thêm 50 cây xanh trong năm học này {Guid.NewGuid():N}.";
        await organiser.PostFormAsync(groups, $"{groups}/{groupId}/tra-loi", new() { ["AnsweredBy"] = "Phòng Giáo dục huyện", ["Text"] = answer });
        using var anonymous = site.CreateServerClient();
        var unpublished = await anonymous.GetStringAsync(publicPage);
        Assert.DoesNotContain(answer, unpublished);
        Assert.DoesNotContain(kind, unpublished);

        await organiser.PostFormAsync(groups, $"{groups}/{groupId}/cong-bo", []);
        var published = Html.Parse(await anonymous.GetStringAsync(publicPage));
        var article = Assert.Single(published.QuerySelectorAll(".forum-answer"));
        Assert.Equal("Các em muốn sân trường có nhiều cây xanh", article.QuerySelector("h3")!.TextContent);
        Assert.Equal(kind, article.QuerySelector("blockquote")!.TextContent);
        Assert.Equal("Minh, Lớp 4, Trường TH Kim Bài", article.QuerySelector(".forum-who")!.TextContent);
        Assert.Contains(answer, article.QuerySelector(".forum-reply")!.TextContent);
        Assert.DoesNotContain(unkind, published.Source.Text);
        Assert.Equal(2, published.QuerySelectorAll(".forum-question-box ~ p").Count(p => p.TextContent.StartsWith("Đoạn", StringComparison.Ordinal)));

        await organiser.PostFormAsync(groups, $"{groups}/{groupId}/go-cong-bo", []);
        Assert.DoesNotContain(answer, await anonymous.GetStringAsync(publicPage));
    }

    [Fact]
    public async Task Export_EveryOpinionWithVietnameseHeaders_InExcelAndCsv()
    {
        var text = $"Ý kiến để xuất {Guid.NewGuid():N}";
        using var child = new StaffClient(site);
        await child.PostFormAsync(Sample, Sample, new() { ["Text"] = text, ["SentByTeacher"] = "true" });
        var forumEvent = await SampleEventAsync();
        using var organiser = new StaffClient(site);
        await organiser.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));

        var xlsx = await organiser.Http.GetAsync($"/backoffice/dien-dan/{forumEvent.Key}/y-kien.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        string[] headers = ["Số thứ tự", "Gửi lúc", "Ý kiến của em", "Tên", "Trường", "Lớp hoặc tuổi", "Thầy cô gửi thay", "Trạng thái", "Lý do từ chối", "Nhóm"];
        Assert.Equal(headers, rows[0].Keys);
        var row = Assert.Single(rows, r => (string?)r["Ý kiến của em"] == text);
        Assert.Equal(("Có", "Chờ duyệt"), ((string?)row["Thầy cô gửi thay"], (string?)row["Trạng thái"]));

        var csv = await organiser.Http.GetByteArrayAsync($"/backoffice/dien-dan/{forumEvent.Key}/y-kien.csv");
        Assert.Equal(System.Text.Encoding.UTF8.Preamble.ToArray(), csv[..3]);
        using var csvStream = new MemoryStream(csv);
        var csvRows = csvStream.Query(useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(headers, csvRows[0].Keys);
        Assert.Equal(rows.Select(r => r["Ý kiến của em"]), csvRows.Select(r => r["Ý kiến của em"]));
    }

    [Fact]
    public async Task Export_OpinionWrittenAsAFormula_IsTextInCsvAndExcel()
    {
        var now = DateTime.UtcNow;
        await using var scope = site.Services.CreateAsyncScope();
        var (status, forumEvent) = await scope.ServiceProvider.GetRequiredService<ForumService>().CreateEventAsync(new ForumEventDraft(
            "Diễn đàn công thức", $"cong-thuc-{Guid.NewGuid():N}", "Em nghĩ gì?", "", now.AddHours(-1), now.AddDays(7), null));
        Assert.Equal(ForumStatus.Success, status);
        const string formula = "=HYPERLINK(\"http://x.example/\",\"Bấm vào đây\")";
        using var child = new StaffClient(site);
        var page = $"/dien-dan-tre-em/{forumEvent!.Slug}";
        Assert.Equal(HttpStatusCode.Redirect, (await child.PostFormAsync(page, page, new() { ["Text"] = formula })).StatusCode);
        using var organiser = new StaffClient(site);
        await organiser.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));

        using var csv = new MemoryStream(await organiser.Http.GetByteArrayAsync($"/backoffice/dien-dan/{forumEvent.Key}/y-kien.csv"));
        using var xlsx = new MemoryStream(await organiser.Http.GetByteArrayAsync($"/backoffice/dien-dan/{forumEvent.Key}/y-kien.xlsx"));

        var csvRow = Assert.Single(csv.Query(useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>());
        Assert.Equal("'" + formula, csvRow["Ý kiến của em"]);
        var xlsxRow = Assert.Single(xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>());
        Assert.Equal(formula, xlsxRow["Ý kiến của em"]);
    }

    private async Task<ForumOpinion> OpinionAsync(string text)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ForumOpinions.AsNoTracking().SingleAsync(o => o.Text == text);
    }

    private async Task<ForumEvent> EventAsync(Guid key)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ForumService>().FindAsync(key))!;
    }

    private async Task<ForumEvent> SampleEventAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ForumService>().FindAsync(SampleSlug))!;
    }
}
