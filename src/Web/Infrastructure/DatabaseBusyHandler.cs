using ChildProtection.Cms.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Infrastructure;

/// <summary>
/// A write that could not get its turn at the database in time (<see cref="DatabaseBusyException.IsBusy"/>) answers
/// 503 with a Retry-After and a message that says to try again, as a page or, for scripts and APIs, as ProblemDetails;
/// the autosave script keeps the answer and sends it again.
/// </summary>
internal sealed class DatabaseBusyHandler(IStringLocalizer<SharedResource> text, IProblemDetailsService problems, ILogger<DatabaseBusyHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseBusyException.IsBusy(exception))
        {
            return false;
        }

        logger.LogWarning("The database was too busy to take a write of {Method} {Path}.", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (WantsJson(context.Request))
        {
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = text["DatabaseBusyTitle"], Detail = text["DatabaseBusy"] },
            });
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        var page = $"<!doctype html><html lang=\"{System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}\"><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{Html(text["DatabaseBusyTitle"])}</title><body><h1>{Html(text["DatabaseBusyTitle"])}</h1><p>{Html(text["DatabaseBusy"])}</p>"
            + $"<p><a href=\"tel:111\">{Html(text["DatabaseBusyHotline"])}</a></p></body></html>";
        await context.Response.WriteAsync(page, cancellationToken);
        return true;
    }

    private static string Html(string value) => System.Net.WebUtility.HtmlEncode(value);

    private static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        || request.Headers.Accept.Any(a => a?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        || request.Headers["Sec-Fetch-Mode"] == "cors";
}
