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

/// <summary>The organisers' side of a contest: live counts per unit, approved results and the exports.</summary>
public sealed partial class ContestTests
{
    [Fact]
    public async Task LiveCounts_PerUnitRollUpTheTree_AndSchoolsOutsideTheListStandApart()
    {
        var province = new TestProvince(site);
        await province.AddTwoCommunesAsync();
        // A second school of the same name in the other commune: the list tells them apart by their commune.
        var a1 = province.Units["truong-a1"].Name;
        await province.AddUnitAsync("truong-b2", "xa-b", a1);
        var (contest, round) = await OpenContestAsync();

        using var visitor = site.CreateServerClient();
        var options = Html.Parse(await visitor.GetStringAsync($"/cuoc-thi/{contest.Slug}/vong/1")).QuerySelectorAll("datalist#don-vi option").Select(o => o.GetAttribute("value")).ToList();
        var a1Label = $"{a1} ({province.Units["xa-a"].Name})";
        Assert.Contains(a1Label, options);
        Assert.Contains($"{a1} ({province.Units["xa-b"].Name})", options);
        Assert.DoesNotContain(a1, options);

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var contests = scope.ServiceProvider.GetRequiredService<ContestService>();
            var schools = new[] { a1Label, $"  {a1Label.ToUpperInvariant()} ", province.Units["truong-b1"].Name, a1, $"Trường ngoài danh sách {province.Tag}" };
            foreach (var (school, i) in schools.Select((s, i) => (s, i)))
            {
                var code = await contests.RequestCodeAsync(round.Id, new EntryDetails("Vũ Thị Mai", "Lớp 6A", school, $"{Guid.NewGuid():N}@example.vn"), $"10.9.0.{i}");
                var attempt = (await contests.VerifyAsync(code.Result!.EntryKey, code.Result!.Code!)).Result;
                if (i == 0)
                {
                    await contests.SubmitAsync(attempt, 3);
                }
            }
        }

        using var organiser = new StaffClient(site);
        await organiser.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var page = $"/backoffice/cuoc-thi/{contest.Key}";
        (string Started, string Submitted) Row(AngleSharp.Html.Dom.IHtmlDocument shown, string unit) =>
            shown.QuerySelector($".unit-counts tr[data-unit='{province.Units[unit].Id}']") is { } row
                ? (row.QuerySelector(".started")!.TextContent, row.QuerySelector(".submitted")!.TextContent)
                : ("", "");

        var (_, top) = await organiser.Http.GetPageAsync(page);
        Assert.Equal(("3", "1"), Row(top, "tinh"));
        var unlisted = top.QuerySelectorAll(".school-counts td").Select(td => td.TextContent).ToList();
        Assert.Contains($"Trường ngoài danh sách {province.Tag}", unlisted);
        Assert.Contains(a1, unlisted);

        var (_, byCommune) = await organiser.Http.GetPageAsync($"{page}?don-vi={province.Units["tinh"].Id}");
        Assert.Equal(("2", "1"), Row(byCommune, "xa-a"));
        Assert.Equal(("1", "0"), Row(byCommune, "xa-b"));
        Assert.Null(byCommune.QuerySelector(".school-counts"));
        var (_, commune) = await organiser.Http.GetPageAsync($"{page}?don-vi={province.Units["xa-a"].Id}");
        Assert.Equal(("2", "1"), Row(commune, "truong-a1"));
        Assert.Equal(("", ""), Row(commune, "truong-a2"));
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.Http.GetAsync($"{page}?don-vi=999999")).StatusCode);
    }

    [Fact]
    public async Task Results_HiddenUntilApproved_ThenShortNames_AndTheExportsMatchTheDatabase()
    {
        var (contest, round) = await ClosedRoundWithEntriesAsync(("Nguyễn Văn An", 3), ("Trần Thị Bình", 2));
        var roundPage = $"/cuoc-thi/{contest.Slug}/vong/1";
        using var anonymous = site.CreateServerClient();
        var hidden = await anonymous.GetStringAsync(roundPage);
        Assert.Contains("kết quả sẽ được công bố sau khi Ban tổ chức duyệt", hidden);
        Assert.DoesNotContain("Nguyễn V. A.", hidden);

        using var organiser = new StaffClient(site);
        await organiser.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ContestOrganiser));
        var admin = $"/backoffice/cuoc-thi/{contest.Key}";
        var (_, counts) = await organiser.Http.GetPageAsync(admin);
        Assert.Equal("2", counts.QuerySelector("tr[data-round='1'] .submitted")!.TextContent);
        var approved = await organiser.PostFormAsync(admin, $"{admin}/vong/1/duyet", []);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var leaderboard = Html.Parse(await anonymous.GetStringAsync(roundPage)).QuerySelectorAll(".leaderboard tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal(["1", "Nguyễn V. A.", "Trường THCS Ninh Sơn", "3/3"], leaderboard[0].Take(4));
        Assert.Equal(["2", "Trần T. B.", "Trường THCS Ninh Sơn", "2/3"], leaderboard[1].Take(4));

        await using var scope = site.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ContestEntries.Where(e => e.RoundId == round.Id).ToListAsync();
        var xlsx = await organiser.Http.GetAsync($"{admin}/vong/1/danh-sach.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        string[] headers = ["Hạng", "Họ và tên", "Ngày sinh hoặc lớp", "Trường hoặc đơn vị", "Thư điện tử", "Lớp đăng ký", "Người đăng ký", "Đã xác nhận thư", "Bắt đầu lúc", "Nộp bài lúc", "Số câu đúng", "Điểm", "Thời gian làm bài (giây)", "Số người bạn dự đoán"];
        Assert.Equal(headers, rows[0].Keys);
        Assert.Equal(entries.OrderBy(e => e.FullName, StringComparer.Ordinal).Select(e => (e.FullName, e.Email, e.School)),
            rows.Select(r => ((string)r["Họ và tên"]!, (string?)r["Thư điện tử"], (string)r["Trường hoặc đơn vị"]!)).OrderBy(r => r.Item1, StringComparer.Ordinal));
        Assert.Equal(["1", "2"], rows.Select(r => Convert.ToString(r["Hạng"], System.Globalization.CultureInfo.InvariantCulture)));

        var csv = await organiser.Http.GetByteArrayAsync($"{admin}/vong/1/danh-sach.csv");
        Assert.Equal(System.Text.Encoding.UTF8.Preamble.ToArray(), csv[..3]);
        using var csvStream = new MemoryStream(csv);
        var csvRows = csvStream.Query(useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(headers, csvRows[0].Keys);
        Assert.Equal(rows.Select(r => r["Thư điện tử"]), csvRows.Select(r => r["Thư điện tử"]));
    }
}
