using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Security;

/// <summary>
/// Every endpoint of the site, asked by every kind of visitor: who may reach it is stated once in <see cref="Rules"/>,
/// written from what each role is for, and checked against what the running site answers. An endpoint with no rule
/// fails the test, so a new endpoint joins the table when it is added. Every POST is sent without an anti-forgery
/// token, so the same pass proves that each one a visitor may reach refuses a forged cross-site form (400).
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class RouteRoleMatrixTests(SiteFactory site)
{
    public enum Visitor
    {
        Anonymous,
        Learner,
        Writer,
        Editor,
        TrainingManager,
        ContestOrganiser,
        ConcernOfficer,
        Administrator,
    }

    private static readonly Visitor[] Everyone = Enum.GetValues<Visitor>();
    private static readonly Visitor[] Staff = [Visitor.Writer, Visitor.Editor, Visitor.TrainingManager, Visitor.ContestOrganiser, Visitor.ConcernOfficer, Visitor.Administrator];
    private static readonly Visitor[] Writers = [Visitor.Writer, Visitor.Editor, Visitor.TrainingManager, Visitor.Administrator];
    private static readonly Visitor[] Editors = [Visitor.Editor, Visitor.Administrator];
    private static readonly Visitor[] TrainingManagers = [Visitor.TrainingManager, Visitor.Administrator];
    private static readonly Visitor[] QuestionBankKeepers = [Visitor.TrainingManager, Visitor.ContestOrganiser, Visitor.Administrator];
    private static readonly Visitor[] ContestOrganisers = [Visitor.ContestOrganiser, Visitor.Administrator];
    private static readonly Visitor[] Administrators = [Visitor.Administrator];

    /// <summary>Reports of concern: their officers alone, administrators included only if they hold the role.</summary>
    private static readonly Visitor[] ConcernOfficers = [Visitor.ConcernOfficer];
    private static readonly Visitor[] Learners = [Visitor.Learner];

    /// <summary>The reports of concern's statistics, counts without content: their officers, and administrators for the province.</summary>
    private static readonly Visitor[] ConcernStatisticsReaders = [Visitor.ConcernOfficer, Visitor.Administrator];

    /// <summary>
    /// Who may reach what, first match wins; each rule is "METHOD route-pattern" as a regular expression. Public pages
    /// are for everyone; the learner area for learners alone (a staff cookie is not a learner's); the backoffice by role.
    /// </summary>
    private static readonly (string Pattern, Visitor[] Allowed)[] Rules =
    [
        // Signing in, the second factor and a forgotten password come before any session.
        (@"^(GET|POST) backoffice/(dang-nhap|xac-thuc|quen-mat-khau|dat-lai-mat-khau)$", Everyone),
        (@"^(GET|POST) hoc-tap/(dang-nhap|dang-ky|xac-nhan|quen-mat-khau|dat-mat-khau)$", Everyone),
        (@"^(GET|POST) backoffice(/bao-mat.*|/dang-xuat|/tim-kiem(/goi-y)?)?$", Staff),
        (@"^POST backoffice/tim-kiem/xay-dung-lai$", Administrators),
        // Course essays are their units' training managers' to mark; any staff account may be named to a contest's
        // jury, and the marking page shows each only their own contests' essays.
        (@"^\w+ backoffice/cham-bai/khoa-hoc$", TrainingManagers),
        (@"^\w+ backoffice/cham-bai", Staff),
        (@"^\w+ backoffice/noi-dung/\{key:guid\}/lich-su", Editors),
        (@"^POST backoffice/noi-dung/(\{key:guid\}/(ngung-xuat-ban|tra-lai|xoa|di-chuyen)|sap-xep)$", Editors),
        (@"^\w+ backoffice/noi-dung", Writers),
        (@"^POST backoffice/media/\{key:guid\}/xoa$", Editors),
        (@"^\w+ backoffice/media", Writers),
        (@"^\w+ backoffice/(thung-rac|nhat-ky|chuyen-huong)", Editors),
        (@"^\w+ backoffice/(nguoi-dung|cai-dat|jobs)", Administrators),
        (@"^\w+ backoffice/(bao-cao|giao-khoa-hoc|khoa-hoc|chung-nhan|ghi-danh|don-vi)", TrainingManagers),
        (@"^\w+ backoffice/ngan-hang-cau-hoi", QuestionBankKeepers),
        (@"^\w+ backoffice/(cuoc-thi|dien-dan)", ContestOrganisers),
        (@"^GET backoffice/bao-tin/thong-ke(\.xlsx|\.csv)?$", ConcernStatisticsReaders),
        (@"^\w+ backoffice/bao-tin", ConcernOfficers),
        (@"^\w+ hoc-tap", Learners),
        // A load balancer's probes: the state for anyone, the reasons for trusted networks only (HealthTests).
        (@"^GET healthz/(live|ready)$", Everyone),
        // By network, not by role: the test's loopback is trusted; anyone else is answered "not found" (MetricsTests).
        (@"^GET metrics$", Everyone),
        (@"^\w+ (bao-tin|cuoc-thi|dien-dan-tre-em|chung-nhan|api|media|to-gap|tim-kiem|rss|sitemap|feed|robots|en/)", Everyone),
        (@"^\w+ [^b]", Everyone),
    ];

    [Fact]
    public async Task EveryEndpoint_AskedByEveryVisitor_AnswersOnlyThoseItsRuleAllows()
    {
        var endpoints = Endpoints();
        var unruled = endpoints.Where(e => RuleFor(e) is null).Select(e => e.Key).ToList();
        Assert.True(unruled.Count == 0, "Endpoints with no rule in the route × role table:\n" + string.Join("\n", unruled));

        var visitors = await VisitorsAsync();
        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var allowed = RuleFor(endpoint)!;
            foreach (var (visitor, client) in visitors)
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
                if (endpoint.Method == "POST")
                {
                    // No anti-forgery token: an allowed visitor is stopped at the token (400) after passing authorisation.
                    request.Content = new FormUrlEncodedContent([]);
                }

                using var response = await client.SendAsync(request);
                var reached = !IsRefused(response);
                if (reached && endpoint.Method == "POST" && response.StatusCode != HttpStatusCode.BadRequest)
                {
                    wrong.Add($"{endpoint.Key} as {visitor}: {(int)response.StatusCode} without an anti-forgery token (expected 400)");
                }

                if (reached != allowed.Contains(visitor))
                {
                    wrong.Add($"{endpoint.Key} as {visitor}: {(int)response.StatusCode} {response.Headers.Location} (expected {(allowed.Contains(visitor) ? "reached" : "refused")})");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {endpoints.Count * visitors.Count} checks disagree with the table:\n" + string.Join("\n", wrong));
        Assert.True(endpoints.Count > 100, $"Only {endpoints.Count} endpoints were found.");
    }

    [Fact]
    public void Rules_ForStaffAreas_NeverLetAnonymousVisitorsOrLearnersIn()
    {
        foreach (var endpoint in Endpoints().Where(e => e.Pattern.StartsWith("backoffice", StringComparison.Ordinal)))
        {
            var allowed = RuleFor(endpoint)!;
            var signInPage = SignInPages().IsMatch(endpoint.Pattern);
            Assert.True(signInPage || (!allowed.Contains(Visitor.Anonymous) && !allowed.Contains(Visitor.Learner)), $"{endpoint.Key} is open to anonymous visitors or learners.");
        }
    }

    /// <summary>
    /// Refused by authorisation: challenged (sent to a sign-in page with the address to come back to) or forbidden
    /// (the staff scheme's plain-text 403). A page's own answers (a 403 page for another browser's contest attempt, a
    /// second-factor page without a pending sign-in sending to the sign-in page) are reached.
    /// </summary>
    private static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized
        || (response.StatusCode is HttpStatusCode.Forbidden && response.Content.Headers.ContentType?.MediaType == "text/plain")
        || (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
            && response.Headers.Location?.OriginalString is { } location
            && ChallengeRedirect().IsMatch(location));

    private static Visitor[]? RuleFor(Endpoint endpoint) =>
        Rules.FirstOrDefault(r => Regex.IsMatch(endpoint.Key, r.Pattern)).Allowed;

    private sealed record Endpoint(string Method, string Pattern, string Url)
    {
        public string Key => $"{Method} {Pattern}";
    }

    /// <summary>Every routed endpoint of the site with each of its methods, and an address that reaches it.</summary>
    private List<Endpoint> Endpoints() =>
        [.. site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new Endpoint(method, e.RoutePattern.RawText!.Trim('/'), "/" + Parameters().Replace(e.RoutePattern.RawText!.Trim('/'), Sample))))
            .DistinctBy(e => e.Key)
            .OrderBy(e => e.Key, StringComparer.Ordinal)];

    private static string Sample(Match parameter) => parameter.Value switch
    {
        var p when p.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
        var p when p.Contains(":int", StringComparison.Ordinal) || p.Contains(":long", StringComparison.Ordinal) => "1",
        var p when p.EndsWith("?}", StringComparison.Ordinal) => "",
        _ => "mau",
    };

    private async Task<List<(Visitor, HttpClient)>> VisitorsAsync()
    {
        var visitors = new List<(Visitor, HttpClient)> { (Visitor.Anonymous, site.CreateServerClient()) };
        var province = new TestProvince(site);
        await province.AddUnitAsync("truong", null);
        visitors.Add((Visitor.Learner, (await LearnerSignIn.NewLearnerAsync(site, province.Units["truong"].Id)).Client.Http));
        foreach (var (visitor, role) in new[]
        {
            (Visitor.Writer, StaffRoles.Writer), (Visitor.Editor, StaffRoles.Editor), (Visitor.TrainingManager, StaffRoles.TrainingManager),
            (Visitor.ContestOrganiser, StaffRoles.ContestOrganiser), (Visitor.ConcernOfficer, StaffRoles.ConcernOfficer),
        })
        {
            var staff = new StaffClient(site);
            await staff.SignInAsync(await StaffClient.CreateUserAsync(site, role));
            visitors.Add((visitor, staff.Http));
        }

        var administrator = new StaffClient(site);
        await administrator.SignInAsAdministratorAsync();
        visitors.Add((Visitor.Administrator, administrator.Http));
        return visitors;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameters();

    [GeneratedRegex(@"/(backoffice|hoc-tap)/dang-nhap\?ReturnUrl=")]
    private static partial Regex ChallengeRedirect();

    [GeneratedRegex(@"^backoffice/(dang-nhap|xac-thuc|quen-mat-khau|dat-lai-mat-khau)$")]
    private static partial Regex SignInPages();
}
