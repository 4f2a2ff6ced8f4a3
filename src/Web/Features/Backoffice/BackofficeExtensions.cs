using Microsoft.Extensions.DependencyInjection.Extensions;
using ChildProtection.Web.Features.Backoffice.Shell;

namespace ChildProtection.Web.Features.Backoffice;

public static class BackofficeExtensions
{
    /// <summary>The backoffice at /backoffice: sign-in, the dashboard and the sections built so far.</summary>
    public static WebApplicationBuilder AddBackoffice(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorization(BackofficePolicies.Add);
        builder.Services.AddScoped<StaffSignIn>();
        builder.Services.AddScoped<PasswordLinkSender>();
        builder.Services.AddSingleton<Enrolment.EnrolmentDrafts>();
        builder.Services.AddScoped<Enrolment.BulkEnrolment>();
        builder.Services.AddSingleton<Content.PropertyForm>();
        builder.Services.AddSingleton<Content.TagSuggestions>();
        builder.Services.AddScoped<Content.ContentReviews>();
        builder.Services.AddScoped<Content.ContentEditorPages>();
        builder.Services.AddScoped<QuestionBanks.QuestionPictures>();
        builder.Services.TryAddSingleton<Documents.PdfFonts>();
        builder.Services.AddSingleton<PaperVersions.PaperPdfRenderer>();
        builder.Services.AddScoped<PaperVersions.PaperPictures>();
        builder.Services.AddScoped<Forum.ForumOrganiser>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<TwoFactorEnrolmentFilter>());
        return builder;
    }

    /// <summary>
    /// The routes of a backoffice JSON API under <paramref name="prefix"/>, answering as the pages do: the policy, the
    /// sign-in page for a visitor with no session (typed results would make it a bare 401), and two-factor set-up first
    /// (MVC's filters do not run for minimal APIs, so the same check is an endpoint filter here).
    /// </summary>
    public static RouteGroupBuilder MapBackofficeApi(this IEndpointRouteBuilder endpoints, string prefix, string policy) =>
        endpoints.MapGroup(prefix).RequireAuthorization(policy).AllowCookieRedirect().AddEndpointFilter<TwoFactorEnrolmentFilter>();

    /// <summary>The backoffice's own step in every request; its pages are attribute-routed controllers (MapControllers).</summary>
    public static WebApplication UseBackoffice(this WebApplication app)
    {
        // The address signed-in staff use, for links in e-mails that background jobs write (see SiteAddress). A
        // middleware rather than an async action filter: one awaiting around the action would drop the culture the
        // public site's actions set for their views.
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && context.Request.Path.StartsWithSegments("/backoffice"))
            {
                await context.RequestServices.GetRequiredService<Infrastructure.SiteAddress>().RememberAsync(context.Request, context.RequestAborted);
            }

            await next(context);
        });
        return app;
    }
}
