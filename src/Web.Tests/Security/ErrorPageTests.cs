using System.Net;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Security;

/// <summary>A request that fails inside the site gets a page a person can read, whatever its method.</summary>
public sealed class ErrorPageTests : IAsyncLifetime
{
    private const string FaultHeader = "X-Test-Fault";

    // A fault planted in every page and form, before anything else of theirs runs, as a bug in one would throw.
    private readonly SiteFactory _site = new SiteFactory().WithServices(services => services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new PlantedFault())));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task AFailure_InAPageOrAForm_AnswersInVietnameseWithTheHotline(string method)
    {
        using var client = _site.CreateClient();
        var request = new HttpRequestMessage(new HttpMethod(method), "/backoffice/dang-nhap");
        request.Headers.Add(FaultHeader, "1");
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@example.vn" });
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Xin lỗi, đã có lỗi xảy ra.", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("tel:111", page.QuerySelector("a")!.GetAttribute("href"));
    }

    private sealed class PlantedFault : IAuthorizationFilter, IOrderedFilter
    {
        // Before the anti-forgery check, which would otherwise answer the form first.
        public int Order => int.MinValue;

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            if (context.HttpContext.Request.Headers.ContainsKey(FaultHeader))
            {
                throw new InvalidOperationException("A fault the test planted.");
            }
        }
    }
}
