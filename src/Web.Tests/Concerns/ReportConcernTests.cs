using System.Net;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Concerns;

/// <summary>
/// Report a concern over HTTP on the seeded site: 111 and 113 before any form, a report routed to the nearest unit
/// with officers, a notice without content, another commune's officer refused, and bad input answered in Vietnamese.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ReportConcernTests(SiteFactory site)
{
    [Fact]
    public async Task Index_AnyVisitor_CallButtonsBeforeTheForm_NeverStoredNoReferrer()
    {
        using var client = site.CreateServerClient();

        var response = await client.GetAsync("/bao-tin");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = html.IndexOf("<form method=\"post\" action=\"/bao-tin\"", StringComparison.Ordinal);
        Assert.True(form > 0);
        Assert.InRange(html.IndexOf("href=\"tel:111\"", StringComparison.Ordinal), 0, form);
        Assert.InRange(html.IndexOf("href=\"tel:113\"", StringComparison.Ordinal), 0, form);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html);
        Assert.Contains("data-exit-page", html);
        Assert.DoesNotContain("<script src=\"http", html);
    }

    [Fact]
    public async Task Home_AnyPage_LinksToTheChannelBeside111()
    {
        using var client = site.CreateServerClient();

        var (_, home) = await client.GetPageAsync("/");

        Assert.NotNull(home.QuerySelector(".hotline-bar a[href='/bao-tin']"));
    }

    [Fact]
    public async Task Send_ChildReportAboutASchoolWithoutOfficers_TheCommuneOfficerIsToldWithoutContent_AnotherCommuneForbidden()
    {
        var province = new TestProvince(site);
        await province.AddTwoCommunesAsync();
        var (officerA, clientA) = await ConcernTestData.OfficerAsync(site, province.Units["xa-a"].Id);
        var (officerB, clientB) = await ConcernTestData.OfficerAsync(site, province.Units["xa-b"].Id);
        var phrase = $"Bạn lớp bên cạnh giấu cặp của em {Guid.NewGuid():n}";
        using var child = site.CreateServerClient();

        var sent = await ConcernTestData.SendAsync(child, phrase, province.Units["truong-a1"].Name, null, ConcernTestData.NoisePicture(1));
        var receipt = ConcernTestData.ReceiptCode(await sent.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Matches(@"^\d{4} \d{4} \d{4} \d{4}$", receipt);
        var notice = Assert.Single(await SmtpSink.WaitForAsync(officerA));
        Assert.DoesNotContain(phrase, notice.TextBody);
        Assert.DoesNotContain(province.Units["truong-a1"].Name, notice.TextBody);
        var link = System.Text.RegularExpressions.Regex.Match(notice.TextBody ?? "", @"/backoffice/bao-tin/[0-9a-f-]{36}").Value;
        Assert.NotEmpty(link);
        Assert.Empty(SmtpSink.Received(officerB));

        var (listA, listPage) = await clientA.Http.GetPageAsync("/backoffice/bao-tin");
        Assert.Equal(HttpStatusCode.OK, listA.StatusCode);
        Assert.NotNull(listPage.QuerySelector($"a[href='{link}']"));
        var caseA = await clientA.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, caseA.StatusCode);
        Assert.Contains(phrase, await caseA.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await clientB.Http.GetAsync(link)).StatusCode);
        var (_, listB) = await clientB.Http.GetPageAsync("/backoffice/bao-tin");
        Assert.Null(listB.QuerySelector($"a[href='{link}']"));

        // The handover file: the case in words and the picture as sent, its download recorded; another commune's officer refused.
        var export = await clientA.Http.GetAsync($"{link}/ho-so");
        Assert.Equal("application/zip", export.Content.Headers.ContentType!.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync());
        using (var reader = new StreamReader(zip.GetEntry("ho-so.txt")!.Open()))
        {
            var caseText = await reader.ReadToEndAsync();
            Assert.Contains(phrase, caseText);
            Assert.Contains("Bạo lực, bắt nạt học đường", caseText);
            Assert.Contains($"Nơi xảy ra: {province.Units["truong-a1"].Name}", caseText);
        }

        Assert.Equal(ConcernTestData.NoisePicture(1), ReadAll(zip.GetEntry("anh-1.png")!));
        Assert.Contains("Tải hồ sơ bàn giao", await (await clientA.Http.GetAsync(link)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await clientB.Http.GetAsync($"{link}/ho-so")).StatusCode);
    }

    private static byte[] ReadAll(System.IO.Compression.ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Send_StoryMissing_VietnameseErrorAndWhatWasTypedKept()
    {
        using var child = site.CreateServerClient();

        var refused = await ConcernTestData.SendAsync(child, "   ", null, "0912 345 678", null);
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Hãy kể lại điều đã xảy ra", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("0912 345 678", page.QuerySelector("#Contact")!.GetAttribute("value"));
        Assert.Equal("hôm qua", page.QuerySelector("#When")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Send_AFileThatIsNoPicture_RefusedInVietnamese()
    {
        using var child = site.CreateServerClient();

        var refused = await ConcernTestData.SendAsync(child, "Em bị bắt nạt", null, null, "<html><script>alert(1)</script></html>"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("không phải ảnh", await refused.Content.ReadAsStringAsync());
    }
}
