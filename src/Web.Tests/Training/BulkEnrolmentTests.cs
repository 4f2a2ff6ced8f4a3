using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Reports;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Infrastructure;
using ChildProtection.Web.Persistence;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace ChildProtection.Web.Tests.Training;

/// <summary>
/// A training manager enrols learners from a spreadsheet, on units of this test's own (the seeded site is shared):
/// preview first, nothing saved on a bad row, invitations with a link that lets the learner in.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class BulkEnrolmentTests(SiteFactory site) : IAsyncLifetime
{
    internal const string Header = "ho_ten,email,vai_tro,ma_don_vi";
    private const string Page = "/backoffice/ghi-danh";
    private const string PreviewAction = "/backoffice/ghi-danh/xem-truoc";

    private readonly TestProvince _province = new(site);
    private CourseOutline _course = null!;

    [GeneratedRegex(@"\S+/hoc-tap/dat-mat-khau\?\S+")]
    internal static partial Regex SetPasswordLink();

    public async Task InitializeAsync()
    {
        _course = site.Services.GetRequiredService<ICourseCatalog>().Courses[0];
        await _province.AddTwoCommunesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ABrokenFile_ListsEveryProblemWithItsRow_AndSavesNothing()
    {
        using var manager = await _province.ManagerAsync(null);
        var before = await CountsAsync();

        var response = await UploadAsync(manager, $"""
            {Header}
            Nguyễn Thị Hoa,{Email("hoa")},giáo viên,{Code("truong-a1")}
            ,{Email("khong-ten")},giáo viên,{Code("truong-a1")}
            Trần Văn Nam,nam@@example,giáo viên,{Code("truong-a1")}
            Lê Thị Lan,{Email("hoa").ToUpperInvariant()},cán bộ quản lý,{Code("truong-a1")}
            Phạm Minh Đức,{Email("duc")},hiệu trưởng,{Code("truong-a1")}
            Võ Văn Tú,{Email("tu")},Cán bộ Đoàn – Đội,KHONG-CO-{_province.Tag}
            Đỗ Thị Quyên,{Email("o'brien")},khác,{Code("truong-a1")}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var problems = page.QuerySelectorAll("[data-table=problems] tbody tr").Select(r => (r.GetAttribute("data-row"), r.Children[1].TextContent)).ToList();
        Assert.Equal(["3", "4", "5", "6", "7", "8"], problems.Select(p => p.Item1));
        Assert.Contains("Thiếu họ tên", problems[0].TextContent);
        Assert.Contains("“nam@@example” không hợp lệ", problems[1].TextContent);
        Assert.Contains("bị trùng", problems[2].TextContent);
        Assert.Contains("Vai trò “hiệu trưởng” không hợp lệ", problems[3].TextContent);
        Assert.Contains($"Không tìm thấy đơn vị mã “KHONG-CO-{_province.Tag}”", problems[4].TextContent);
        // A valid address that Identity cannot take as a user name is found at the preview, not at the confirmation.
        Assert.Contains("không hợp lệ", problems[5].TextContent);
        Assert.Null(page.QuerySelector("form[action='/backoffice/ghi-danh/xac-nhan']"));
        Assert.Equal(before, await CountsAsync());

        var missingColumns = await UploadAsync(manager, $"ho_ten,email\nNguyễn Thị Hoa,{Email("hoa")}");
        Assert.Equal(HttpStatusCode.BadRequest, missingColumns.StatusCode);
        Assert.Contains("Thiếu cột “vai_tro”", await missingColumns.Content.ReadAsStringAsync());
        var junk = await manager.UploadAsync(Page, PreviewAction, "file", "hoc-vien.xlsx", [0x4D, 0x5A, 0x90, 0x00, 0x03]);
        Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        Assert.Contains("Không đọc được tệp", await junk.Content.ReadAsStringAsync());
        var large = await manager.UploadAsync(Page, PreviewAction, "file", "hoc-vien.csv", Encoding.UTF8.GetBytes(Header + "\n" + new string('x', 2 * 1024 * 1024 + 10)));
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Contains("lớn hơn 2 MB", await large.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ACleanFile_PreviewThenConfirm_EnrolsEveryone_InvitesTheNew_AndASecondConfirmAddsNothing()
    {
        var existing = await ExistingLearnerAsync("truong-a2");
        using var manager = await _province.ManagerAsync(null);
        var (hoa, nam) = (Email("hoa"), Email("nam"));
        var before = await CountsAsync();

        var preview = await UploadAsync(manager, $"""
            {Header}
            Nguyễn Thị Hoa,{hoa},Giáo viên,{Code("truong-a1")}
            Trần Văn Nam,{nam},can bo doan - doi,{Code("truong-a1").ToUpperInvariant()}
            Lê Thị Lan,{existing.Email.ToUpperInvariant()},công tác xã hội,{Code("truong-a1")}
            """, _course.Key);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewPage = Html.Parse(await preview.Content.ReadAsStringAsync());
        Assert.Equal(["new", "new", "other-unit"], previewPage.QuerySelectorAll("[data-table=preview] tbody tr").Select(r => r.GetAttribute("data-status")));
        Assert.Contains(_province.Units["truong-a2"].Name, previewPage.QuerySelector("[data-status=other-unit]")!.TextContent);
        Assert.Equal(before, await CountsAsync());

        var confirmed = await ConfirmAsync(manager, previewPage);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("2 học viên mới, 3 lượt ghi danh mới", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal((before.Accounts + 2, before.Learners + 2), await CountsAsync());
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            var learners = await db.Learners.AsNoTracking().Where(l => l.Email == hoa || l.Email == nam || l.Id == existing.Id).ToListAsync();
            Assert.Equal(3, learners.Count);
            Assert.Equal(LearnerRole.YouthOfficer, learners.Single(l => l.Email == nam).Role);
            Assert.Equal(_province.Units["truong-a1"].Id, learners.Single(l => l.Email == hoa).UnitId);
            Assert.Equal(_province.Units["truong-a2"].Id, learners.Single(l => l.Id == existing.Id).UnitId);
            var ids = learners.Select(l => l.Id).ToList();
            Assert.Equal(3, await db.Enrolments.CountAsync(e => ids.Contains(e.LearnerId) && e.CourseKey == _course.Key));
            var account = await scope.ServiceProvider.GetRequiredService<UserManager<LearnerUser>>().FindByEmailAsync(hoa);
            Assert.True(account!.EmailConfirmed);

            // The report counts them where they study: the school's row has both new learners started on the course.
            var report = (await scope.ServiceProvider.GetRequiredService<CompletionReports>().ReportAsync(UnitScope.Everything,
                new ReportFilter(_province.Units["truong-a1"].Id, _course.Key, null, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1))))!;
            Assert.Equal(2, report.Total.Started);
            Assert.Equal(1, report.Roles.Single(r => r.Role == LearnerRole.YouthOfficer).Counts.Started);
        }

        // The link is absolute (an e-mail has no page to be relative to) and lets the learner in.
        var invitation = Assert.Single(await SmtpSink.WaitForAsync(hoa));
        Assert.Equal("Mời tham gia học tập huấn", invitation.Subject);
        var link = SetPasswordLink().Match(invitation.TextBody ?? "").Value;
        Assert.StartsWith($"{site.ServerAddress}/hoc-tap/dat-mat-khau?", link);
        Assert.Single(await SmtpSink.WaitForAsync(nam));
        using var learner = new StaffClient(site);
        var setPage = new Uri(link).PathAndQuery;
        var set = await learner.PostFormAsync(setPage, "/hoc-tap/dat-mat-khau", StaffClient.SetPasswordFields(setPage, "Mat-khau-hoc-vien-1"));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains("Đã đặt mật khẩu mới", await set.Content.ReadAsStringAsync());
        var signedIn = await learner.PostFormAsync("/hoc-tap/dang-nhap", "/hoc-tap/dang-nhap", new() { ["Email"] = hoa, ["Password"] = "Mat-khau-hoc-vien-1" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var (dashboard, dashboardPage) = await learner.Http.GetPageAsync("/hoc-tap");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Nguyễn Thị Hoa", dashboardPage.Body!.TextContent);
        Assert.NotNull(dashboardPage.QuerySelector($"a[href='/hoc-tap/khoa-hoc/{_course.Key}']"));
        Assert.Null(dashboardPage.QuerySelector($"form[action='/hoc-tap/khoa-hoc/{_course.Key}/ghi-danh']"));
        var again = await learner.PostFormAsync(setPage, "/hoc-tap/dat-mat-khau", StaffClient.SetPasswordFields(setPage, "Mat-khau-khac-2026"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        // The same preview confirmed again (a double click, a reload) finds everyone and adds nothing.
        var twice = await ConfirmAsync(manager, previewPage);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("0 học viên mới, 0 lượt ghi danh mới", await twice.Content.ReadAsStringAsync());
        Assert.Equal((before.Accounts + 2, before.Learners + 2), await CountsAsync());
        await Task.Delay(1500);
        Assert.Single(SmtpSink.Received(hoa));
        Assert.Empty(SmtpSink.Received(existing.Email));
    }

    [Fact]
    public async Task ALearnerWhoseInvitationLapsedUnused_IsInvitedAgainByTheNextUpload_Once()
    {
        using var manager = await _province.ManagerAsync(null);
        var thu = Email("thu");
        var file = $"""
            {Header}
            Phạm Thị Thu,{thu},Giáo viên,{Code("truong-a1")}
            """;
        async Task<IHtmlDocument> PreviewAsync() => Html.Parse(await (await UploadAsync(manager, file, _course.Key)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(manager, await PreviewAsync())).StatusCode);
        Assert.Single(await SmtpSink.WaitForAsync(thu));

        // The same week the first invitation still works: an upload again sends nothing new.
        Assert.Null((await PreviewAsync()).QuerySelector(".invited-again"));

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LearnerUser>>();
            var account = (await users.FindByEmailAsync(thu))!;
            account.InvitedUtc = DateTime.UtcNow.AddDays(-6);
            await users.UpdateAsync(account);
        }

        var later = await PreviewAsync();
        var row = later.QuerySelector("[data-table=preview] tbody tr")!;
        Assert.Equal("existing", row.GetAttribute("data-status"));
        Assert.Contains("sẽ gửi lại thư mời", row.QuerySelector(".invited-again")!.TextContent);
        var confirmed = await ConfirmAsync(manager, later);
        Assert.Contains("0 học viên mới, 0 lượt ghi danh mới vào khóa học, 1 thư mời", await confirmed.Content.ReadAsStringAsync());
        var invitations = await SmtpSink.WaitForAsync(thu, 2);
        Assert.Equal(2, invitations.Count);

        var setPage = new Uri(SetPasswordLink().Match(invitations.MaxBy(m => m.Date)!.TextBody ?? "").Value).PathAndQuery;
        using var learner = new StaffClient(site);
        var set = await learner.PostFormAsync(setPage, "/hoc-tap/dat-mat-khau", StaffClient.SetPasswordFields(setPage, "Mat-khau-hoc-vien-1"));
        Assert.Contains("Đã đặt mật khẩu mới", await set.Content.ReadAsStringAsync());

        // A double click on the confirm button, and the learner who now has a password, get nothing more.
        await ConfirmAsync(manager, later);
        Assert.Null((await PreviewAsync()).QuerySelector(".invited-again"));
        await Task.Delay(1500);
        Assert.Equal(2, SmtpSink.Received(thu).Count);
    }

    [Fact]
    public async Task ACommunesManager_CannotEnrolIntoAnotherCommunesSchool()
    {
        using var manager = await _province.ManagerAsync("xa-a");
        var before = await CountsAsync();

        var refused = await UploadAsync(manager, $"""
            {Header}
            Nguyễn Thị Hoa,{Email("hoa")},giáo viên,{Code("truong-a1")}
            Trần Thị Ngoài,{Email("ngoai")},giáo viên,{Code("truong-b1")}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());
        var problem = Assert.Single(page.QuerySelectorAll("[data-table=problems] tbody tr"));
        Assert.Equal("3", problem.GetAttribute("data-row"));
        Assert.Contains($"Không tìm thấy đơn vị mã “{Code("truong-b1")}”", problem.TextContent);
        Assert.Equal(before, await CountsAsync());

        // Nor can they confirm a preview a province-wide manager made of that school.
        using var province = await _province.ManagerAsync(null);
        var foreign = Html.Parse(await (await UploadAsync(province, $"{Header}\nTrần Thị Ngoài,{Email("ngoai")},giáo viên,{Code("truong-b1")}")).Content.ReadAsStringAsync());
        var draft = foreign.QuerySelector("input[name=ban-nhap]")!.GetAttribute("value")!;
        var (_, own) = await manager.Http.GetPageAsync(Page);
        var token = own.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var stolen = await manager.Http.PostAsync("/backoffice/ghi-danh/xac-nhan", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ban-nhap"] = draft }));
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task TheTemplates_HaveTheHeaderAndAnExampleRowWithAUnitOfTheManagers()
    {
        using var manager = await _province.ManagerAsync("xa-a");

        var excel = await manager.Http.GetAsync("/backoffice/ghi-danh/mau.xlsx");
        var csv = await manager.Http.GetAsync("/backoffice/ghi-danh/mau.csv");

        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        var rows = new MemoryStream(await excel.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var example = Assert.Single(rows);
        Assert.Equal(["ho_ten", "email", "vai_tro", "ma_don_vi"], example.Keys);
        Assert.Equal(Code("xa-a"), example["ma_don_vi"]);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith(Header, text.TrimStart('\uFEFF'));
        Assert.Contains("giáo viên", text);
    }

    [Fact]
    public async Task ThePublicAddress_IsRememberedFromStaffRequests_AndSurvivesARestart()
    {
        using var manager = await _province.ManagerAsync(null);
        await manager.Http.GetAsync(Page);

        // A new instance reads what the database keeps, as the site would after a restart.
        var fresh = new SiteAddress(site.Services.GetRequiredService<IOptions<SiteOptions>>(), site.Services.GetRequiredService<IServiceScopeFactory>(), site.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>());
        Assert.Equal(site.ServerAddress, await fresh.CurrentAsync(CancellationToken.None));

        // An anonymous request with a planted Host header is not remembered.
        using var visitor = site.CreateServerClient();
        await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/backoffice/dang-nhap") { Headers = { Host = "ke-gian.example" } });
        Assert.Equal(site.ServerAddress, await fresh.CurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AConfirmationFailingHalfWay_LeavesNothingBehind()
    {
        using var manager = await _province.ManagerAsync(null);
        await ConfirmationFailingHalfWay_LeavesNothingBehindAsync(site, manager, Code("truong-a1"), _province.Tag);
    }

    /// <summary>
    /// A write that fails part-way through a confirmation (here an account that already has a learner under another
    /// address, so a second learner for it breaks a unique key) takes back what came before it in the other contexts:
    /// the account made for the row above is gone too.
    /// </summary>
    internal static async Task ConfirmationFailingHalfWay_LeavesNothingBehindAsync(SiteFactory site, StaffClient manager, string unitCode, string tag)
    {
        var (first, second) = ($"dau-{tag}@truong.example.vn", $"sau-{tag}@truong.example.vn");
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var account = new LearnerUser { UserName = second, Email = second, EmailConfirmed = true };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<LearnerUser>>().CreateAsync(account)).Succeeded);
            var unitId = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<LearningService>().RegisterAsync(account.Id, "Phan Văn Sau", $"cu-{tag}@truong.example.vn", LearnerRole.Other, unitId);
        }

        var before = await CountsAsync(site);
        var preview = Html.Parse(await (await UploadAsync(manager, $"{Header}\nNguyễn Văn Đầu,{first},giáo viên,{unitCode}\nPhan Văn Sau,{second},khác,{unitCode}")).Content.ReadAsStringAsync());
        Assert.Equal(["new", "new"], preview.QuerySelectorAll("[data-table=preview] tbody tr").Select(r => r.GetAttribute("data-status")));

        var confirmed = await ConfirmAsync(manager, preview);

        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        Assert.Contains("Chưa có gì được lưu", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountsAsync(site));
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<LearnerUser>>().FindByEmailAsync(first));
        }
    }

    private string Code(string unit) => _province.Units[unit].Code;

    private string Email(string name) => $"{name}-{_province.Tag}@truong.example.vn";

    internal static async Task<HttpResponseMessage> UploadAsync(StaffClient manager, string csv, params Guid[] courses) =>
        await manager.UploadAsync(Page, PreviewAction, "file", "hoc-vien.csv", Encoding.UTF8.GetBytes(csv),
            courses.Select(c => KeyValuePair.Create("khoa-hoc", c.ToString())));

    internal static async Task<HttpResponseMessage> ConfirmAsync(StaffClient manager, IHtmlDocument preview)
    {
        var form = preview.QuerySelector("form[action='/backoffice/ghi-danh/xac-nhan']")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        return await manager.Http.PostAsync("/backoffice/ghi-danh/xac-nhan", new FormUrlEncodedContent(fields));
    }

    private Task<(int Accounts, int Learners)> CountsAsync() => CountsAsync(site);

    internal static async Task<(int Accounts, int Learners)> CountsAsync(SiteFactory site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SiteDbContext>().LearnerAccounts.CountAsync(),
            await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Learners.CountAsync());
    }

    /// <summary>A learner who registered on their own, with an account, in <paramref name="unit"/>.</summary>
    private async Task<Learner> ExistingLearnerAsync(string unit)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var email = Email("lan");
        var account = new LearnerUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<LearnerUser>>().CreateAsync(account, "Mat-khau-hoc-vien-1")).Succeeded);
        return (await scope.ServiceProvider.GetRequiredService<LearningService>().RegisterAsync(account.Id, "Lê Thị Lan", email, LearnerRole.Teacher, _province.Units[unit].Id)).Result!;
    }
}
