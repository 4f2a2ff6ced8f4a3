using Microsoft.Playwright;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright, headless and offline (the test script installs it).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A page the size of a cheap phone's screen.</summary>
    public async Task<IPage> NewPhonePageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 640 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "vi-VN",
        });
        return await context.NewPageAsync();
    }

    /// <summary>A desktop page of a staff user (<paramref name="email"/>, with <see cref="StaffClient.Password"/>) signed in through the form.</summary>
    public async Task<IPage> SignedInStaffPageAsync(SiteFactory site, string email)
    {
        var context = await Browser.NewContextAsync(new() { Locale = "vi-VN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{site.ServerAddress}/backoffice/dang-nhap");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", StaffClient.Password);
        await page.ClickAsync("form[action='/backoffice/dang-nhap'] button[type=submit]");
        try
        {
            await page.WaitForURLAsync("**/backoffice");
        }
        catch (TimeoutException e)
        {
            // Say where the sign-in left the browser, and what that page said, rather than only that it timed out.
            var text = await page.InnerTextAsync("body");
            throw new TimeoutException($"Signing {email} in did not reach /backoffice: the browser is at {page.Url}, showing \"{text[..Math.Min(text.Length, 300)]}\".", e);
        }

        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
