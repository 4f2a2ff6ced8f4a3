using System.Net;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>What every answer tells the browser to allow, over plain http and over https at the trusted proxy.</summary>
[Collection(SiteCollection.Name)]
public sealed class SecurityHeadersTests(SiteFactory site)
{
    private const string VideoPlayers = "https://www.youtube-nocookie.com https://player.vimeo.com https://www.facebook.com";

    /// <summary>A name the browser could pin https to: HSTS is never sent for localhost or 127.0.0.1.</summary>
    private const string PublicHost = "baovetreem.example.vn";

    [Theory]
    [InlineData("/", null)]
    [InlineData("leaflet", null)]
    [InlineData("/tim-kiem/?q=tre%20em", null)]
    [InlineData("/hoc-tap/dang-nhap", null)]
    [InlineData("/cuoc-thi/", null)]
    [InlineData("/dien-dan-tre-em/", null)]
    [InlineData("/chung-nhan", null)]
    [InlineData("/backoffice/dang-nhap", null)]
    [InlineData("/backoffice/noi-dung", StaffRoles.Writer)]
    [InlineData("/backoffice/bao-cao", StaffRoles.TrainingManager)]
    [InlineData("/backoffice/jobs/recurring", StaffRoles.Administrator)]
    public async Task Page_Requested_CarriesEverySecurityHeader_AndHasNoInlineScript(string path, string? role)
    {
        using var client = new StaffClient(site);
        if (role == StaffRoles.Administrator)
        {
            await client.SignInAsAdministratorAsync();
        }
        else if (role is not null)
        {
            await client.SignInAsync(await StaffClient.CreateUserAsync(site, role));
        }

        var url = path == "leaflet" ? site.Snapshot.All.First(c => c.ContentTypeAlias == "leaflet").Url("vi")! : path;
        var (response, page) = await client.Http.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var backoffice = path.StartsWith("/backoffice", StringComparison.Ordinal);
        var policy = Policy(response);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'none'", policy["object-src"]);
        // Pictures from the site alone (and data: for the question import's preview): no outside host learns who reads.
        Assert.Equal("'self' data:", policy["img-src"]);
        Assert.Equal("'none'", policy["base-uri"]);
        Assert.Equal("'self'", policy["form-action"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal(backoffice ? "'none'" : VideoPlayers, policy["frame-src"]);
        // Hangfire's charts add a style element of their own; scripts stay strict there too.
        Assert.Equal(path.StartsWith("/backoffice/jobs", StringComparison.Ordinal) ? "'self' 'unsafe-inline'" : "'self'", policy["style-src-elem"]);
        AssertFramingAndSniffingRefused(response);
        Assert.Equal(backoffice ? "no-referrer" : "strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS sent over plain http");

        // What the policy would block must not be there: every script a file of the site, no handler in an attribute.
        Assert.All(page.Scripts, script => Assert.Matches("^/[^/]", script.GetAttribute("src") ?? "an inline script"));
        var handlers = page.All.SelectMany(e => e.Attributes.Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => $"<{e.LocalName} {a.Name}>"));
        Assert.Empty(handlers);
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/js/search.js")]
    [InlineData("/api/search?q=tre%20em")]
    [InlineData("/rss.xml")]
    [InlineData("/khong-co-trang-nay")]
    public async Task OtherAnswers_Requested_RefuseSniffingAndFramingToo(string path)
    {
        using var client = site.CreateServerClient();

        var response = await client.GetAsync(path);

        AssertFramingAndSniffingRefused(response);
        Assert.Equal("'none'", Policy(response)["frame-ancestors"]);
        Assert.Equal("'self'", Policy(response)["script-src"]);
    }

    [Fact]
    public async Task LeafletPdf_Requested_RefusesSniffingAndFraming_WithNoPolicyToBlankChromesViewer()
    {
        var leaflet = site.Snapshot.All.First(c => c.ContentTypeAlias == "leaflet");
        using var client = site.CreateServerClient();

        var response = await client.GetAsync($"/to-gap/{leaflet.Key}/vi.pdf");

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        AssertFramingAndSniffingRefused(response);
        Assert.False(response.Headers.Contains("Content-Security-Policy"), "Chrome's PDF viewer is an embed that object-src 'none' blanks");
    }

    [Fact]
    public async Task HttpsAtTheTrustedProxy_SignInPage_SendsHstsAndSecureCookies_HttpDoesNot()
    {
        var overHttps = await GetAsync(site, "/backoffice/dang-nhap", forwardedHttps: true);
        var overHttp = await GetAsync(site, "/backoffice/dang-nhap", forwardedHttps: false);

        Assert.Equal("max-age=31536000", Header(overHttps, "Strict-Transport-Security"));
        Assert.Contains("; secure", AntiforgeryCookie(overHttps), StringComparison.OrdinalIgnoreCase);
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("; secure", AntiforgeryCookie(overHttp), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HttpsAtTheTrustedProxy_StaffSignIn_TheSessionCookieIsSecure()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        using var client = new StaffClient(site, overHttps: true);

        // Signed in: the Secure anti-forgery cookie of the form went back, as from a browser on https.
        var signedIn = await client.SignInAsync(email);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cp.staff=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HttpsFromAnUntrustedSender_NoHstsAndNoSecureCookie()
    {
        using var untrusted = new SiteFactory().With("ReverseProxy:TrustedNetworks:0", "10.0.0.0/8");

        var response = await GetAsync(untrusted, "/backoffice/dang-nhap", forwardedHttps: true);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("; secure", AntiforgeryCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HstsMaxAgeSetting_Configured_IsTheOneSent()
    {
        using var configured = new SiteFactory().With("Security:HstsMaxAge", "1.00:00:00");

        Assert.Equal("max-age=86400", Header(await GetAsync(configured, "/", forwardedHttps: true), "Strict-Transport-Security"));
    }

    /// <summary>A request to <paramref name="on"/> under the site's public name, as the proxy forwards it.</summary>
    private static async Task<HttpResponseMessage> GetAsync(SiteFactory on, string path, bool forwardedHttps)
    {
        using var client = on.CreateServerClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Host = PublicHost } };
        if (forwardedHttps)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        return await client.SendAsync(request);
    }

    private static void AssertFramingAndSniffingRefused(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.Server)}");
    }

    private static Dictionary<string, string> Policy(HttpResponseMessage response) =>
        Header(response, "Content-Security-Policy").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static string Header(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.TryGetValues(name, out var content) ? content : []);

    private static string AntiforgeryCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
}
