using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ChildProtection.Web.Features.Backoffice.Shell;

/// <summary>Pages an administrator may open before setting up two-factor sign-in (signing in, the set-up itself).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;

/// <summary>
/// Sends an administrator who has no two-factor sign-in yet to set it up before anything else: one check for the
/// backoffice's controllers (an action filter) and its minimal APIs (an endpoint filter on their route groups).
/// </summary>
internal sealed class TwoFactorEnrolmentFilter : IAsyncActionFilter, IEndpointFilter
{
    public const string EnrolmentPath = "/backoffice/bao-mat";

    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (NeedsEnrolment(context.HttpContext.User, context.ActionDescriptor.EndpointMetadata))
        {
            context.Result = new RedirectResult(EnrolmentPath);
            return Task.CompletedTask;
        }

        return next();
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        NeedsEnrolment(context.HttpContext.User, context.HttpContext.GetEndpoint()?.Metadata ?? [])
            ? TypedResults.Redirect(EnrolmentPath)
            : await next(context);

    private static bool NeedsEnrolment(ClaimsPrincipal user, IEnumerable<object> metadata) =>
        user.HasClaim(c => c.Type == StaffSignIn.NeedsTwoFactorClaim) && !metadata.OfType<AllowWithoutTwoFactorAttribute>().Any();
}
