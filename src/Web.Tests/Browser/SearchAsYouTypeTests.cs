using ChildProtection.Cms.Search;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Browser;

[Collection(SiteCollection.Name)]
public sealed class SearchAsYouTypeTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task HeaderSearch_TypingWithoutDiacritics_SuggestsTheLeafletAndEnterOpensResults()
    {
        await site.Services.GetRequiredService<SearchIndexes>().WhenReady;
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync(site.ServerAddress + "/");

        await page.Locator("#site-search-q").PressSequentiallyAsync("ky luat tich c", new() { Delay = 30 });
        var suggestion = page.Locator("#site-search-suggestions a[href*='ky-luat-tich-cuc']").First;
        await suggestion.WaitForAsync(new() { Timeout = 5000 });
        Assert.Contains("Tờ gấp", await suggestion.InnerTextAsync());

        await page.Locator("#site-search-q").PressAsync("Enter");
        // Waits for the results themselves, not for the load event: under the whole suite's load a picture of another
        // result could hold "load" past the timeout once in many runs.
        await page.WaitForURLAsync("**/tim-kiem/?q=*", new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator(".search-results li").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.True(await page.Locator(".search-results li").CountAsync() > 0);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the search page scrolls sideways on a 360px screen");
    }
}
