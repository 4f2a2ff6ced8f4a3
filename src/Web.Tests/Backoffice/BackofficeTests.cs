using System.Net;
using ChildProtection.Cms.Search;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class BackofficeTests(SiteFactory site)
{
    private static readonly string[] OpenToAnyone = ["/backoffice/dang-nhap", "/backoffice/quen-mat-khau", "/backoffice/dat-lai-mat-khau", "/backoffice/xac-thuc"];

    [Fact]
    public async Task EveryBackofficeEndpoint_RefusesAnonymousUsers()
    {
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: "/" + Sample(e.RoutePattern.RawText!.TrimStart('/')), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Route.StartsWith("/backoffice", StringComparison.Ordinal) && !OpenToAnyone.Contains(e.Route))
            .ToList();
        Assert.Contains(endpoints, e => e.Route == "/backoffice/tim-kiem/xay-dung-lai");
        using var client = site.CreateServerClient();

        foreach (var (route, methods) in endpoints)
        {
            foreach (var method in methods)
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), route) { Content = method == "GET" ? null : new FormUrlEncodedContent([]) });
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {route}: {response.StatusCode}");
                Assert.StartsWith("/backoffice/dang-nhap", response.Headers.Location!.AbsolutePath);
            }
        }
    }

    private IReadOnlyList<(string Route, string Method)> BackofficeEndpoints() =>
        site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Route: "/" + Sample(e.RoutePattern.RawText!.TrimStart('/')), Method: m)))
            .Where(e => e.Route.StartsWith("/backoffice", StringComparison.Ordinal) && !e.Route.StartsWith("/backoffice/jobs", StringComparison.Ordinal))
            .Distinct()
            .ToList();

    [Theory]
    [InlineData(StaffRoles.ContestOrganiser, "/backoffice/noi-dung", "GET POST")]
    [InlineData(StaffRoles.ContestOrganiser, "/backoffice/media", "GET POST")]
    [InlineData(StaffRoles.Writer, "/backoffice/noi-dung/00000000-0000-0000-0000-000000000000/", "POST")]
    [InlineData(StaffRoles.Writer, "/backoffice/noi-dung/sap-xep", "POST")]
    [InlineData(StaffRoles.Writer, "/backoffice/media/00000000-0000-0000-0000-000000000000/xoa", "POST")]
    [InlineData(StaffRoles.TrainingManager, "/backoffice/dien-dan", "GET POST")]
    public async Task ContentAndMediaEndpoints_RefuseTheWrongRole(string role, string prefix, string methods)
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, role));
        var (_, dashboard) = await staff.Http.GetPageAsync("/backoffice");
        var token = dashboard.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // What a Writer may still post under a node: saving, copying, and sending for approval.
        string[] writerMay = ["/sao-chep", "/alt", "/thay-tep"];
        var endpoints = BackofficeEndpoints()
            .Where(e => e.Route.StartsWith(prefix, StringComparison.Ordinal) && methods.Split(' ').Contains(e.Method))
            .Where(e => role != StaffRoles.Writer || !writerMay.Any(e.Route.EndsWith))
            .ToList();
        Assert.NotEmpty(endpoints);

        foreach (var (route, method) in endpoints)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), route)
            {
                Content = method == "GET" ? null : new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
            };
            var response = await staff.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role}: {method} {route} gave {response.StatusCode}");
        }
    }

    [Fact]
    public async Task EveryBackofficeForm_WithoutTheAntiForgeryToken_IsRefused()
    {
        using var admin = new StaffClient(site);
        await admin.SignInAsAdministratorAsync();
        // Reports of concern are for their officers alone: administrators do not reach those forms at all.
        using var officer = new StaffClient(site);
        await officer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.ConcernOfficer));
        var posts = BackofficeEndpoints().Where(e => e.Method == "POST").ToList();
        Assert.Contains(posts, e => e.Route == "/backoffice/noi-dung/tao");
        Assert.Contains(posts, e => e.Route.StartsWith("/backoffice/bao-tin/", StringComparison.Ordinal));

        foreach (var (route, _) in posts)
        {
            var client = route.StartsWith("/backoffice/bao-tin/", StringComparison.Ordinal) ? officer : admin;
            var response = await client.Http.PostAsync(route, new FormUrlEncodedContent(new Dictionary<string, string> { ["ten"] = "x" }));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {route} without a token gave {response.StatusCode}");
        }
    }

    [Fact]
    public async Task SignIn_WrongPasswordThenLockout_ClearMessagesInVietnamese()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        using var staff = new StaffClient(site);

        var wrong = await staff.SignInAsync(email, "sai-mat-khau");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Sai địa chỉ thư điện tử hoặc mật khẩu", Html.Parse(await wrong.Content.ReadAsStringAsync()).QuerySelector(".form-error")!.TextContent);

        for (var i = 0; i < 4; i++)
        {
            await staff.SignInAsync(email, "sai-mat-khau");
        }

        var locked = await staff.SignInAsync(email);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("tạm thời bị khóa", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_FormWithoutAntiForgeryToken_IsRefused()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        using var client = site.CreateServerClient();

        var response = await client.PostAsync("/backoffice/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = StaffClient.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("cp.staff", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ContentSearch_WriterFindsDraftsByTypeAndAuthorButCannotRebuild()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        await site.CreateLeafletAsync("Bản nháp phòng chống bắt cóc", "Dạy trẻ không đi theo người lạ để phòng chống bắt cóc.", email);
        using var staff = new StaffClient(site);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SignInAsync(email)).StatusCode);

        var (response, page) = await staff.Http.GetPageAsync($"/backoffice/tim-kiem?q=bat+coc&loai=leaflet&tac-gia={Uri.EscapeDataString(email)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(page.QuerySelectorAll(".results tbody tr"));
        Assert.Contains("Bản nháp phòng chống bắt cóc", row.TextContent);
        Assert.Equal("Bản nháp", row.QuerySelector(".status")!.TextContent);
        var (_, other) = await staff.Http.GetPageAsync("/backoffice/tim-kiem?q=bat+coc&tac-gia=nguoi-khac%40example.vn");
        Assert.Empty(other.QuerySelectorAll(".results tbody tr"));
        // No published page holds both words, so the public search answers with pages holding one of them (it used to
        // answer 500 here, which is why "no result at all" was once enough): the draft must not be among them.
        var (publicResponse, publicPage) = await staff.Http.GetPageAsync("/tim-kiem/?q=bat+coc");
        Assert.Equal(HttpStatusCode.OK, publicResponse.StatusCode);
        Assert.DoesNotContain(publicPage.QuerySelectorAll(".search-results li"), hit => hit.TextContent.Contains("Bản nháp phòng chống bắt cóc"));

        Assert.Null(page.QuerySelector("form[action='/backoffice/tim-kiem/xay-dung-lai']"));
        var token = page.QuerySelector("form[action='/backoffice/dang-xuat'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var rebuild = await staff.Http.PostAsync("/backoffice/tim-kiem/xay-dung-lai", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, rebuild.StatusCode);
        Assert.Contains("không có quyền", await rebuild.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ContentSearch_AdministratorRebuildsWhileSearchKeepsAnswering()
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsAdministratorAsync();

        var rebuild = await staff.PostFormAsync("/backoffice/tim-kiem", "/backoffice/tim-kiem/xay-dung-lai", []);
        Assert.Equal(HttpStatusCode.Redirect, rebuild.StatusCode);
        var (_, during) = await staff.Http.GetPageAsync("/backoffice/tim-kiem?q=xam+hai");
        Assert.NotEmpty(during.QuerySelectorAll(".results tbody tr"));

        await site.Services.GetRequiredService<SearchIndexes>().CurrentRebuild;
        using var visitor = site.CreateServerClient();
        var (_, after) = await visitor.GetPageAsync("/tim-kiem/?q=xam+hai");
        Assert.NotEmpty(after.QuerySelectorAll(".search-results li"));
    }

    [Fact]
    public async Task JobsDashboard_AdministratorsOnly()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Editor));
        using var admin = new StaffClient(site);
        await admin.SignInAsAdministratorAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await writer.Http.GetAsync("/backoffice/jobs")).StatusCode);
        var dashboard = await admin.Http.GetAsync("/backoffice/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("email-outbox", await dashboard.Content.ReadAsStringAsync());
    }

    /// <summary>A concrete URL for a route template: "{id:int}" and "{id:long}" become 1, "{key:guid}" a GUID, any other parameter "x".</summary>
    private static string Sample(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{\*{0,2}(\w+)(:(\w+))?\}", m => m.Groups[3].Value switch
        {
            "int" or "long" => "1",
            "guid" => Guid.Empty.ToString(),
            _ => "x",
        });
}
