using ChildProtection.Cms.Text;
using ChildProtection.Web.Hosting;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Infrastructure.Security;

/// <summary>
/// The headers every answer carries so that a browser limits what a page may do: where scripts, frames and pictures
/// may come from (Content-Security-Policy), no framing by other sites, no guessing of content types, what a link
/// tells the next site (Referrer-Policy), https kept once used (HSTS), cookies marked Secure under https, and no
/// server banner.
/// </summary>
public static class SecurityHeadersExtensions
{
    /// <summary>Lessons play videos from these sites (see Features/Shared/VideoEmbed.cs).</summary>
    private const string VideoPlayers = "https://www.youtube-nocookie.com https://player.vimeo.com https://www.facebook.com";

    /// <summary>The three policies: pages (public site, learner area, contests), the backoffice, Hangfire's dashboard.</summary>
    private sealed record Policies(string Page, string Backoffice, string JobsDashboard)
    {
        /// <summary>
        /// Pictures come from the site (its media library) and the hosts content may name (Content:AllowedImageHosts,
        /// the same list the HTML sanitiser keeps pictures from); data: serves the question import's preview. The
        /// backoffice embeds no outside player; Hangfire's chart library adds a style element at run time, which it
        /// cannot give a nonce, while its scripts are all files, so scripts stay as strict as everywhere else.
        /// </summary>
        public static Policies For(ContentOptions content)
        {
            var images = string.Join("", content.AllowedImageHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => $" https://{h.Trim()}"));
            return new(
                Policy(images, frames: VideoPlayers, styleElements: "'self'"),
                Policy(images, frames: "'none'", styleElements: "'self'"),
                Policy(images, frames: "'none'", styleElements: "'self' 'unsafe-inline'"));
        }
    }

    /// <summary>
    /// The site's own scripts only: every script is a file under wwwroot, none is inline, so an injected script or
    /// event handler does not run. Style attributes stay allowed (question wording, Hangfire's pages and the progress
    /// bars use them; a style cannot run code), style elements only from the site.
    /// </summary>
    private static string Policy(string imageHosts, string frames, string styleElements) =>
        $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; style-src-elem {styleElements}; "
        + $"img-src 'self' data:{imageHosts}; font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; "
        + $"frame-src {frames}; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityHeadersOptions>().BindConfiguration(SecurityHeadersOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<SecurityHeadersOptions>>((hsts, security) => hsts.MaxAge = security.Value.HstsMaxAge);
        // Every cookie (anti-forgery, sign-ins, contest attempts) is Secure when the visitor came over https, as
        // the trusted proxy reports it; over plain http a Secure cookie would never come back.
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        return builder;
    }

    /// <summary>Call after the forwarded headers, so that https is the visitor's scheme, and before anything answers.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Development runs on http://localhost, which a browser must not be told to reach only over https.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseCookiePolicy();
        var policies = Policies.For(app.Services.GetRequiredService<IOptions<ContentOptions>>().Value);
        app.Use((context, next) =>
        {
            // Set as the answer starts, so that error pages and answers that cleared their headers carry them too.
            context.Response.OnStarting(() =>
            {
                Apply(context, policies);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static void Apply(HttpContext context, Policies policies)
    {
        var headers = context.Response.Headers;
        // Hangfire's dashboard moves its own address into PathBase while it answers.
        var path = context.Request.PathBase.Add(context.Request.Path);
        var backoffice = path.StartsWithSegments("/backoffice");
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Backoffice addresses name drafts, people and searches: nothing of them leaves with a link. An answer with a
        // stricter policy of its own keeps it (the report-a-concern pages send none at all).
        if (!headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = backoffice ? "no-referrer" : "strict-origin-when-cross-origin";
        }
        // An answer with a policy of its own keeps it (media files: a stricter one for pictures drawn from SVG). A PDF
        // gets none: Chrome shows it in a viewer embedded in a page of its own, which object-src 'none' leaves blank,
        // and a PDF runs none of the site's scripts.
        if (headers.ContentSecurityPolicy.Count == 0 && context.Response.ContentType?.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase) != true)
        {
            headers.ContentSecurityPolicy = path.StartsWithSegments(BackgroundJobs.DashboardPath) ? policies.JobsDashboard
                : backoffice ? policies.Backoffice : policies.Page;
        }
    }
}
