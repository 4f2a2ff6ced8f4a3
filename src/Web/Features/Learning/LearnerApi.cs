using System.Security.Claims;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Quizzes;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Learning;

/// <summary>The learner area's JSON endpoint: the attempt page's autosave, on the learner cookie as the area's pages.</summary>
public static class LearnerApi
{
    private static readonly ViewPageResult Missing = new("~/Features/Learning/Missing.cshtml", StatusCodes.Status404NotFound);

    public static IEndpointRouteBuilder MapLearnerApi(this IEndpointRouteBuilder endpoints)
    {
        // Signed out, the sign-in page as from the area's pages (typed results would make it a bare 401).
        var attempts = endpoints.MapGroup("/hoc-tap/bai-lam").RequireAuthorization(LearnerAccountsExtensions.Scheme).AllowCookieRedirect();
        attempts.MapPost("/{attempt:guid}/cau/{question:long}", SaveAnswer).WithName("LearnerSaveAnswer");
        return endpoints;
    }

    /// <summary>The signed-in learner of a request on the learner cookie; null once the account has no learner.</summary>
    internal static async Task<Learner?> SignedInAsync(this LearningService learning, ClaimsPrincipal user, CancellationToken ct) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? await learning.FindByAccountAsync(id, ct) : null;

    /// <summary>
    /// Autosave of one answer. An attempt of another learner answers as one that does not exist: the same page, in
    /// words, as the area's other addresses.
    /// </summary>
    private static async Task<Results<Ok<AutosaveAnswer>, Conflict<AutosaveAnswer>, ViewPageResult>> SaveAnswer(
        Guid attempt,
        long question,
        IFormCollection form,
        ClaimsPrincipal user,
        LearningService learning,
        QuizService quizzes,
        IStringLocalizer<LearningText> text,
        CancellationToken ct)
    {
        if (await learning.SignedInAsync(user, ct) is not { } learner || !await learning.OwnsAttemptAsync(learner, attempt, ct))
        {
            return Missing;
        }

        return await AttemptForm.AutosaveAsync(quizzes, attempt, question, form, text, Missing, ct);
    }
}
