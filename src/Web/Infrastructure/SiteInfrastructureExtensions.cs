using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ChildProtection.Core.Changes;
using ChildProtection.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Infrastructure;

public static class SiteInfrastructureExtensions
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Texts, dates and numbers for the rest of this request follow the content's culture ("vi", "en").</summary>
    public static void UseContentCulture(string culture)
    {
        var uiCulture = culture == "vi" ? Vietnamese : English;
        CultureInfo.CurrentCulture = uiCulture;
        CultureInfo.CurrentUICulture = uiCulture;
    }

    /// <summary>Options, the reverse proxy's headers, security headers, localization, MVC with feature-folder views, and compression.</summary>
    public static WebApplicationBuilder AddSiteInfrastructure(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddReverseProxy();
        builder.AddSecurityHeaders();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, FeatureTextLocalizerFactory>());
        builder.Services.AddSingleton<SiteSettings>();
        builder.Services.AddSingleton<IChangeFeedHandler>(sp => sp.GetRequiredService<SiteSettings>());
        builder.Services.AddHostedService<SiteSettingsStartup>();
        builder.Services.AddSingleton<SiteAddress>();
        builder.Services.AddControllersWithViews().AddViewLocalization();
        // JSON answers carry Vietnamese as characters, not \u escapes: a third of the size, and readable.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Services.Configure<RazorViewEngineOptions>(o =>
        {
            // Views live beside their feature: Features/<Feature>/{Templates,Shared}/<View>.cshtml.
            o.ViewLocationFormats.Clear();
            o.ViewLocationFormats.Add("/Features/{1}/Templates/{0}.cshtml");
            o.ViewLocationFormats.Add("/Features/{1}/Shared/{0}.cshtml");
            o.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
        });
        // Vietnamese text as characters, not as &#x...; entities: pages stay half the size and readable.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.Services.AddResponseCompression(o => o.EnableForHttps = true);
        builder.Services.AddSingleton<SiteClock>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseBusyHandler>();
        return builder;
    }

    public static WebApplication UseSiteInfrastructure(this WebApplication app)
    {
        if (app.Environment.IsProduction() && string.IsNullOrWhiteSpace(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value.PublicUrl))
        {
            app.Logger.LogWarning(
                "Site:PublicUrl is not set. Links in e-mails (password resets, invitations, address confirmations, reminders) will use the address staff last " +
                "signed in to the backoffice at, and such e-mails are not sent until a staff member has signed in once. Set Site:PublicUrl to the site's public address (https://…).");
        }

        // First, so that everything after it sees the visitor's address and scheme rather than the proxy's.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // Answered in place rather than by re-running the request at an error page's path: re-run, a failed form's
            // POST would reach a page that only answers GET, and get an empty "405 Method Not Allowed".
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteErrorPageAsync });
        }

        app.UseResponseCompression();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Vietnamese),
            SupportedCultures = [Vietnamese, English],
            SupportedUICultures = [Vietnamese, English],
            // The culture comes from the URL (/en/…), set by the public-site router; nothing else chooses it.
            RequestCultureProviders = [],
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public,max-age=604800",
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static Task WriteErrorPageAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Đã có lỗi</title><body><h1>Xin lỗi, đã có lỗi xảy ra.</h1><p>Vui lòng thử lại sau ít phút. Nếu cần hỗ trợ ngay, hãy gọi <a href=\"tel:111\">Tổng đài quốc gia bảo vệ trẻ em 111</a> (miễn phí, 24/7).</p></body></html>",
            context.RequestAborted);
    }
}
