using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ChildProtection.Web.Features.Backoffice.Shell;

/// <summary>Pages an administrator may open before setting up two-factor sign-in (signing in, the set-up itself).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;

/// <summary>Sends an administrator who has no two-factor sign-in yet to set it up before anything else.</summary>
internal sealed class TwoFactorEnrolmentFilter : IAsyncActionFilter
{
    public const string EnrolmentPath = "/backoffice/bao-mat";

    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var needsEnrolment = context.HttpContext.User.HasClaim(c => c.Type == StaffSignIn.NeedsTwoFactorClaim)
            && !context.ActionDescriptor.EndpointMetadata.OfType<AllowWithoutTwoFactorAttribute>().Any();
        if (needsEnrolment)
        {
            context.Result = new RedirectResult(EnrolmentPath);
            return Task.CompletedTask;
        }

        return next();
    }
}
