using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace ChildProtection.Web.Infrastructure;

/// <summary>
/// A feature's Razor page (by its full path, without a model) as a minimal API's answer: a JSON endpoint whose
/// address is also one a person may open answers "not found" with the same page as the feature's other addresses.
/// </summary>
public sealed class ViewPageResult(string viewPath, int statusCode) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        return new ViewResult { ViewName = viewPath, StatusCode = statusCode }.ExecuteResultAsync(new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor()));
    }
}
