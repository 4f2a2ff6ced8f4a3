using ChildProtection.Training.Quizzes;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Contests;

/// <summary>The contests' JSON endpoint: the attempt page's autosave, as in the learner area. Nobody signs in (see <see cref="ContestsController"/>).</summary>
public static class ContestApi
{
    private static readonly ViewPageResult Missing = new("~/Features/Contests/Missing.cshtml", StatusCodes.Status404NotFound);

    public static IEndpointRouteBuilder MapContestApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/cuoc-thi/bai-lam/{attempt:guid}/cau/{question:long}", SaveAnswer)
            .AddEndpointFilter(FromVerifyingBrowser)
            .WithName("ContestSaveAnswer");
        return endpoints;
    }

    private static Task<Results<Ok<AutosaveAnswer>, Conflict<AutosaveAnswer>, ViewPageResult>> SaveAnswer(
        Guid attempt, long question, IFormCollection form, QuizService quizzes, IStringLocalizer<ContestsText> text, CancellationToken ct) =>
        AttemptForm.AutosaveAsync(quizzes, attempt, question, form, text, Missing, ct);

    /// <summary>
    /// Only the browser that confirmed the code saves answers; the cookie also proves a contest attempt, as it is only
    /// ever given for one. Another browser is told so, for the script to show.
    /// </summary>
    private static async ValueTask<object?> FromVerifyingBrowser(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!ContestAttemptCookie.Holds(http.Request, http.RequestServices.GetRequiredService<IDataProtectionProvider>(), context.GetArgument<Guid>(0)))
        {
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<ContestsText>>();
            return TypedResults.Json(new AutosaveAnswer(false, text["ContestOtherBrowser"].Value), statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}
