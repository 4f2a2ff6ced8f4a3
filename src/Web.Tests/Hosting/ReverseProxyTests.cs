using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>The site behind nginx: the tests' own requests come from 127.0.0.1, the proxy's place.</summary>
public sealed partial class ReverseProxyTests
{
    private const string Round = "/cuoc-thi/cuoc-thi-tim-hieu-luat-tre-em/vong/1";

    [Fact]
    public async Task TrustedProxy_ClientLimitsCountTheVisitorsAddress_AndLinksKeepHttps()
    {
        using var site = new SiteFactory().With("Contests:CodesPerClientPerHour", "1");

        Assert.Equal(HttpStatusCode.Redirect, (await EnterFromAsync(site, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await EnterFromAsync(site, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await EnterFromAsync(site, "203.0.113.8")).StatusCode);

        Assert.StartsWith("https://", await ResetLinkAsync(site));
    }

    [Fact]
    public async Task UntrustedSender_HeadersIgnored()
    {
        using var site = new SiteFactory().With("Contests:CodesPerClientPerHour", "1").With("ReverseProxy:TrustedNetworks:0", "10.0.0.0/8");

        Assert.Equal(HttpStatusCode.Redirect, (await EnterFromAsync(site, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await EnterFromAsync(site, "203.0.113.8")).StatusCode);

        Assert.StartsWith("http://", await ResetLinkAsync(site));
    }

    [Fact]
    public void NetworkWithATypo_StopsStartupNamingIt()
    {
        using var site = new SiteFactory().With("ReverseProxy:TrustedNetworks:0", "10.0.0.0/8").With("ReverseProxy:TrustedNetworks:1", "10.0.0.0/33");

        var error = Assert.ThrowsAny<Exception>(() => site.ServerAddress);

        Assert.Contains("\"10.0.0.0/33\"", Assert.IsType<OptionsValidationException>(error.GetBaseException()).Message);
    }

    /// <summary>Asks for a contest entry's code as a visitor at <paramref name="visitor"/> seen through the proxy.</summary>
    private static async Task<HttpResponseMessage> EnterFromAsync(SiteFactory site, string visitor)
    {
        using var client = new StaffClient(site);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", visitor);
        return await client.PostFormAsync(Round, Round, new()
        {
            ["FullName"] = "Lê Minh Châu", ["BirthDateOrClass"] = "Lớp 7B", ["School"] = "Trường THCS Ninh Sơn", ["Email"] = $"{Guid.NewGuid():N}@example.vn",
        });
    }

    /// <summary>The link of a staff password reset asked for over https at the proxy.</summary>
    private static async Task<string> ResetLinkAsync(SiteFactory site)
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        using var client = new StaffClient(site, overHttps: true);
        await client.PostFormAsync("/backoffice/quen-mat-khau", "/backoffice/quen-mat-khau", new() { ["Email"] = email });
        return ResetLink().Match(Assert.Single(await SmtpSink.WaitForAsync(email)).TextBody ?? "").Value;
    }

    [GeneratedRegex(@"https?://\S+/backoffice/dat-lai-mat-khau\S+")]
    private static partial Regex ResetLink();
}
