using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Browser;

[Collection(SiteCollection.Name)]
public sealed class PhoneLayoutTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{

    [Fact]
    public async Task PhoneScreen_Hotline111IsVisibleTappableAndPageDoesNotScrollSideways()
    {
        var page = await browser.NewPhonePageAsync();
        var urls = new[] { "/", site.Snapshot.All.First(c => c.ContentTypeAlias == "leaflet").Url("vi")!, "/en/" };
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(site.ServerAddress + url);
            Assert.Equal(200, response!.Status);

            var hotline = page.Locator(".hotline-bar a[href='tel:111']");
            Assert.True(await hotline.IsVisibleAsync(), $"111 is not visible on {url}");
            var box = (await hotline.BoundingBoxAsync())!;
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 640, $"111 is outside the first screen on {url}");
            Assert.True(box.Height >= 44, $"111 is only {box.Height}px tall on {url}: too small to tap");

            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{url} scrolls sideways on a 360px screen");

            // The bar stays on screen while reading.
            await page.Mouse.WheelAsync(0, 2000);
            await page.WaitForTimeoutAsync(100);
            var scrolledBox = (await hotline.BoundingBoxAsync())!;
            Assert.True(scrolledBox.Y >= 0 && scrolledBox.Y < 640, $"111 scrolled away on {url}");
        }
    }
}
