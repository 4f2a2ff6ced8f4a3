using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using ChildProtection.Cms.Search;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildProtection.Web.Tests.Browser;

/// <summary>
/// The pages under their Content-Security-Policy in a real browser: what the site itself does (suggestions while
/// typing, autosave, the editor's preview, Hangfire's dashboard) is never blocked, and what an attacker would inject is.
/// A violation is seen twice: the page's securitypolicyviolation event and Chromium's console message.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class ContentSecurityPolicyTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] VideoPlayers =
        ["https://www.youtube-nocookie.com/embed/AbCdEfGhIj0", "https://player.vimeo.com/video/123456789", "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Funicefvietnam%2Fvideos%2F12345%2F"];

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [Fact]
    public async Task PublicPages_OpenedAndSearchedAsYouType_NothingIsBlocked()
    {
        await site.Services.GetRequiredService<SearchIndexes>().WhenReady;
        var (page, violations) = await WatchedAsync(await browser.NewPhonePageAsync());
        var leaflet = site.Snapshot.All.First(c => c.ContentTypeAlias == "leaflet").Url("vi")!;
        foreach (var path in new[] { leaflet, "/en/", "/hoc-tap/dang-nhap", "/hoc-tap/dang-ky", "/cuoc-thi/", "/dien-dan-tre-em/", "/chung-nhan" })
        {
            Assert.Equal(200, (await page.GotoAsync(site.ServerAddress + path))!.Status);
            await AssertNothingBlockedAsync(page, violations);
        }

        await page.GotoAsync(site.ServerAddress + "/");
        await page.Locator("#site-search-q").PressSequentiallyAsync("ky luat tich c", new() { Delay = 30 });
        await page.Locator("#site-search-suggestions a[href*='ky-luat-tich-cuc']").First.WaitForAsync(new() { Timeout = 5000 });
        await page.Locator("#site-search-q").PressAsync("Enter");
        await page.WaitForURLAsync("**/tim-kiem/?q=*");

        Assert.True(await page.Locator(".search-results li").CountAsync() > 0);
        await AssertNothingBlockedAsync(page, violations);
    }

    [Fact]
    public async Task ContestAttempt_EnteredAndAnswered_AutosavesWithNothingBlocked()
    {
        var email = $"hs-{Guid.NewGuid():N}"[..15] + "@example.vn";
        var (page, violations) = await WatchedAsync(await browser.NewPhonePageAsync());
        // A visitor of its own behind the trusted proxy, so that the shared site's per-client code limit is not spent.
        await page.Context.SetExtraHTTPHeadersAsync([new("X-Forwarded-For", $"203.0.113.{Random.Shared.Next(1, 255)}")]);
        await page.GotoAsync($"{site.ServerAddress}/cuoc-thi/cuoc-thi-tim-hieu-luat-tre-em/vong/1");
        await page.FillAsync("#FullName", "Trần Thị Bích");
        await page.FillAsync("#BirthDateOrClass", "Lớp 8A");
        await page.FillAsync("#School", "Trường THCS Ninh Sơn");
        await page.FillAsync("#Email", email);
        await page.ClickAsync("form.entry-form button[type=submit]");
        await page.WaitForURLAsync("**/cuoc-thi/xac-nhan/*");
        await page.FillAsync("#ma", SixDigits().Match(Assert.Single(await SmtpSink.WaitForAsync(email)).TextBody ?? "").Value);
        await page.ClickAsync("form[action^='/cuoc-thi/xac-nhan'] button[type=submit]");
        await page.WaitForURLAsync("**/cuoc-thi/bai-lam/*");

        var answers = await AttemptAnswers.RightAnswersAsync(site, Guid.Parse(page.Url.Split('/')[^1]));
        foreach (var (question, answer) in answers.Take(3))
        {
            await AttemptAnswers.AnswerAsync(page, question, answer);
            Assert.Equal("Đã lưu câu trả lời.", await page.InnerTextAsync($"fieldset[data-question='{question.ToString(CultureInfo.InvariantCulture)}'] .save-state"));
        }

        await AssertNothingBlockedAsync(page, violations);
    }

    [Fact]
    public async Task BackofficeEditorAndReport_WriterPreviewsMarkdown_NothingIsBlocked()
    {
        var home = site.Snapshot.Roots[0];
        var newsList = site.Snapshot.All.First(c => c.ContentTypeAlias == "newsList");
        var (page, violations) = await SignedInAsync(StaffRoles.Writer);

        await page.ClickAsync("a[href='/backoffice/noi-dung']");
        await page.ClickAsync($".content-tree li[data-key='{home.Key}'] > .tree-toggle");
        await page.ClickAsync($".content-tree li[data-key='{newsList.Key}'] > a");
        await page.ClickAsync("a[href*='loai=newsArticle']");
        await page.Locator("#p-body").PressSequentiallyAsync("Gọi **111** khi trẻ cần giúp.");
        await page.Locator("#p-body-preview strong").WaitForAsync();
        Assert.Equal("111", await page.InnerTextAsync("#p-body-preview strong"));
        await AssertNothingBlockedAsync(page, violations);

        await page.GotoAsync($"{site.ServerAddress}/backoffice/media");
        await AssertNothingBlockedAsync(page, violations);

        var (manager, managerViolations) = await SignedInAsync(StaffRoles.TrainingManager);
        await manager.GotoAsync($"{site.ServerAddress}/backoffice/bao-cao");
        Assert.Equal(1, await manager.Locator("button[data-print]").CountAsync());
        await AssertNothingBlockedAsync(manager, managerViolations);
    }

    [Fact]
    public async Task JobsDashboard_AdministratorOpensIt_NothingIsBlocked()
    {
        var (page, violations) = await SignedInAsync(StaffRoles.Administrator);
        await page.GotoAsync($"{site.ServerAddress}/backoffice/bao-mat");
        await page.FillAsync("#code", Totp.Code(await page.InnerTextAsync(".authenticator-key")));
        await page.ClickAsync("form[action='/backoffice/bao-mat/bat-xac-thuc'] button[type=submit]");

        foreach (var path in new[] { "/backoffice/jobs", "/backoffice/jobs/recurring", "/backoffice/jobs/jobs/succeeded" })
        {
            Assert.Equal(200, (await page.GotoAsync(site.ServerAddress + path))!.Status);
            // Hangfire's own scripts ran (jQuery and its dashboard code), none was refused.
            Assert.True(await page.EvaluateAsync<bool>("() => typeof window.jQuery === 'function' && typeof window.Hangfire === 'object'"), $"Hangfire's scripts did not run on {path}");
            await AssertNothingBlockedAsync(page, violations);
        }
    }

    [Fact]
    public async Task InjectedScriptHandlerAndFrame_OnAPublicPage_AreBlockedAndReported_ThePlayersAreNot()
    {
        var (page, violations) = await WatchedAsync(await browser.NewPhonePageAsync());
        await page.GotoAsync(site.ServerAddress + "/");

        var ran = await page.EvaluateAsync<bool>("""
            () => {
              const script = document.createElement('script');
              script.textContent = 'window.injected = true';
              document.body.append(script);
              const button = document.createElement('button');
              button.setAttribute('onclick', 'window.injected = true');
              document.body.append(button);
              button.click();
              return window.injected === true;
            }
            """);
        await page.EvaluateAsync("sources => sources.forEach(src => { const f = document.createElement('iframe'); f.src = src; document.body.append(f); })",
            VideoPlayers.Append("https://example.com/").ToArray());
        await page.WaitForFunctionAsync("() => window.cspViolations.some(v => v.startsWith('frame-src '))");

        Assert.False(ran, "an injected script ran");
        var reported = violations.Where(v => !v.StartsWith("console:", StringComparison.Ordinal)).ToList();
        Assert.Contains("script-src-elem inline", reported);
        Assert.Contains("script-src-attr inline", reported);
        Assert.Contains("frame-src https://example.com", reported);
        Assert.DoesNotContain(reported, v => VideoPlayers.Any(player => v.StartsWith($"frame-src {new Uri(player).GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)));
        Assert.Contains(violations, v => v.StartsWith("console:", StringComparison.Ordinal));
    }

    /// <summary>A desktop-sized browser signed in to the backoffice as a new user in <paramref name="role"/>.</summary>
    private async Task<(IPage Page, ConcurrentQueue<string> Violations)> SignedInAsync(string role)
    {
        var email = await StaffClient.CreateUserAsync(site, role);
        var context = await browser.Browser.NewContextAsync(new() { Locale = "vi-VN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var (page, violations) = await WatchedAsync(await context.NewPageAsync());
        await page.GotoAsync($"{site.ServerAddress}/backoffice/dang-nhap");
        await AssertNothingBlockedAsync(page, violations);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", StaffClient.Password);
        await page.ClickAsync("form[action='/backoffice/dang-nhap'] button[type=submit]");
        // Signed in: every backoffice page then offers to sign out (an administrator lands on the two-factor set-up).
        await page.Locator("form.sign-out").WaitForAsync();
        return (page, violations);
    }

    /// <summary>Collects every violation reported in <paramref name="page"/>'s browser context, across navigations.</summary>
    private static async Task<(IPage Page, ConcurrentQueue<string> Violations)> WatchedAsync(IPage page)
    {
        var violations = new ConcurrentQueue<string>();
        await page.Context.ExposeFunctionAsync("reportCspViolation", (string violation) => violations.Enqueue(violation));
        await page.Context.AddInitScriptAsync("""
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => {
              const violation = `${e.violatedDirective} ${e.blockedURI || 'inline'}`;
              window.cspViolations.push(violation);
              window.reportCspViolation(violation);
            });
            """);
        page.Context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Enqueue("console: " + message.Text);
            }
        };
        return (page, violations);
    }

    private static async Task AssertNothingBlockedAsync(IPage page, ConcurrentQueue<string> violations)
    {
        // A round trip through the page after its tasks have run: reports queued before it have arrived.
        await page.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 0))");
        Assert.True(violations.IsEmpty, $"Blocked on {page.Url}: {string.Join(" | ", violations)}");
    }
}
