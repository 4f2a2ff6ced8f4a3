using System.Net;
using ChildProtection.Training.Marking;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ChildProtection.Web.Tests.Contests;

/// <summary>A file attached to an essay: sent from the attempt page with its answers, checked by content, read by the essay's jurors alone.</summary>
[Collection(SiteCollection.Name)]
public sealed class EssayAttachmentTests(SiteFactory site)
{
    [Fact]
    public async Task AnEssaysFile_IsKeptWithTheAnswers_RefusedWhenNoPicture_AndOnlyTheContestsJurorsReadIt()
    {
        var contest = await EssayContests.CreateAsync(site, allowAttachment: true);
        var code = await EssayContests.EntryCodeAsync(site, contest, "Nguyễn Thị Lan");
        using var entrant = new StaffClient(site);
        var codePage = $"/cuoc-thi/xac-nhan/{code.EntryKey}";
        var attemptPage = (await entrant.PostFormAsync(codePage, codePage, new() { ["ma"] = code.Code! })).Headers.Location!.OriginalString;
        var (_, page) = await entrant.Http.GetPageAsync(attemptPage);
        var essay = page.QuerySelector("textarea.essay")!;
        var question = long.Parse(essay.Closest("fieldset")!.GetAttribute("data-question")!, System.Globalization.CultureInfo.InvariantCulture);
        var upload = page.QuerySelector($"button[formaction='{attemptPage}/cau/{question}/tep']")!;
        Assert.Equal("multipart/form-data", upload.GetAttribute("formenctype"));
        var token = page.QuerySelector("form.attempt input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // A text file named as a picture: refused in words, and the essay sent with it kept all the same.
        var refused = await SendAsync(entrant, attemptPage, question, token, "anh.png", "không phải ảnh"u8.ToArray(), "Bài viết nháp.");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var (_, afterRefusal) = await entrant.Http.GetPageAsync(attemptPage);
        Assert.Equal("Tệp “anh.png” không phải ảnh (JPEG, PNG, WebP, GIF) hay PDF đọc được nên chưa được nhận.", afterRefusal.QuerySelector(".essay-file [role=status]")!.TextContent);
        Assert.Equal("Bài viết nháp.", afterRefusal.QuerySelector("textarea.essay")!.TextContent);

        var sent = await SendAsync(entrant, attemptPage, question, token, "trang-1.jpeg", EssayContests.PagePhoto(), "Bài viết của em kèm ảnh trang viết tay.");
        Assert.EndsWith($"#cau-{question}", sent.Headers.Location!.OriginalString);
        var (_, afterUpload) = await entrant.Http.GetPageAsync(attemptPage);
        Assert.Equal("Đã nhận tệp “trang-1.png”. Các câu trả lời khác vẫn được giữ nguyên.", afterUpload.QuerySelector(".essay-file [role=status]")!.TextContent);
        Assert.Contains("Đã đính kèm: trang-1.png", afterUpload.QuerySelector(".essay-file .attached")!.TextContent);
        Assert.Equal("Bài viết của em kèm ảnh trang viết tay.", afterUpload.QuerySelector("textarea.essay")!.TextContent);

        var handIn = await entrant.PostWithPageTokenAsync(attemptPage, $"{attemptPage}/nop", new() { [$"cau-{question}"] = "Bài viết của em kèm ảnh trang viết tay." });
        Assert.Equal(HttpStatusCode.Redirect, handIn.StatusCode);
        await EssayContests.CloseRoundAsync(site, contest);

        var jurorEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var juror = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>().FindByEmailAsync(jurorEmail);
            await scope.ServiceProvider.GetRequiredService<EssayMarking>().AddJurorAsync(contest.Id, juror!.Id, juror.DisplayName);
        }

        using var jury = new StaffClient(site);
        await jury.SignInAsync(jurorEmail);
        var (_, marking) = await jury.Http.GetPageAsync($"/backoffice/cham-bai/{contest.Key}/vong/1");
        var link = marking.QuerySelector(".essay-attachment a")!;
        Assert.Equal("trang-1.png", link.TextContent);
        var file = await jury.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal((HttpStatusCode.OK, "image/png"), (file.StatusCode, file.Content.Headers.ContentType!.MediaType));
        using (var picture = SKBitmap.Decode(await file.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((30, 20), (picture.Width, picture.Height));
        }

        // Staff off the jury, even the contest's organisers' colleagues, are told there is no such file.
        using var other = new StaffClient(site);
        await other.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(link.GetAttribute("href"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/backoffice/cham-bai/{contest.Key}/vong/1")).StatusCode);
    }

    /// <summary>The attempt form sent by its "Gửi tệp" button: the essay's text with the file.</summary>
    private static Task<HttpResponseMessage> SendAsync(StaffClient entrant, string attemptPage, long question, string token, string fileName, byte[] content, string text) =>
        entrant.Http.PostAsync($"{attemptPage}/cau/{question}/tep", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(text), $"cau-{question}" },
            { new ByteArrayContent(content), $"tep-{question}", fileName },
        });
}
