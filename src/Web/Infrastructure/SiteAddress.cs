using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Infrastructure;

/// <summary>
/// The site's public address for links in e-mails written without a request at hand (reminders sent by a background
/// job): <c>Site:PublicUrl</c> when it is set, else the address staff last reached the backoffice at. That one is kept
/// in the database, so it survives restarts and every node sees it. Only signed-in staff count: the Host header is
/// whatever a client sends, and any visitor could otherwise plant their own address in our e-mails.
/// </summary>
public sealed class SiteAddress(IOptions<SiteOptions> site, IServiceScopeFactory scopes, IHostEnvironment environment)
{
    private const string Key = "publicAddress";

    /// <summary>Logged instead of sending an e-mail whose link would have no trusted address to point at.</summary>
    public const string UnknownForEmailWarning =
        "An e-mail with a link was not sent: the site's public address is not known yet (set Site:PublicUrl, or sign in to the backoffice once).";

    /// <summary>What this node last stored, so that a request only writes when the address changes.</summary>
    private string? _stored;

    /// <summary>The configured or remembered address, without a trailing slash; null when neither is known yet.</summary>
    public async Task<string?> CurrentAsync(CancellationToken ct)
    {
        if (Configured is { } configured)
        {
            return configured;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SiteDbContext>().Settings.AsNoTracking()
            .Where(s => s.Key == Key).Select(s => s.Value).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The address for links in an e-mail written while answering <paramref name="request"/> (a password reset, a
    /// confirmation): the configured or remembered one, never the request's own Host header, which an anonymous
    /// visitor chooses freely and would otherwise point a victim's reset link at the visitor's own server. Only while
    /// developing or testing on this machine, with nothing configured yet, is a loopback request's address used.
    /// </summary>
    /// <returns>Null when no trusted address is known: the e-mail cannot carry a working link.</returns>
    public async Task<string?> ForEmailAsync(HttpRequest request, CancellationToken ct) =>
        await CurrentAsync(ct) ?? (IsLocalDevelopment(request) ? $"{request.Scheme}://{request.Host}" : null);

    /// <summary>Remembers the address a signed-in staff user's request came to, unless one is configured.</summary>
    public async Task RememberAsync(HttpRequest request, CancellationToken ct)
    {
        var address = $"{request.Scheme}://{request.Host}";
        if (Configured is not null || address == Volatile.Read(ref _stored))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SiteDbContext>();
        if (await db.Settings.Where(s => s.Key == Key).ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, address), ct) == 0)
        {
            db.Settings.Add(new SiteSetting { Key = Key, Value = address });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request stored it first; the next request that differs from it will update it.
                return;
            }
        }

        Volatile.Write(ref _stored, address);
    }

    private bool IsLocalDevelopment(HttpRequest request) =>
        (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        && (request.Host.Host == "localhost" || (System.Net.IPAddress.TryParse(request.Host.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip)));

    private string? Configured => site.Value.PublicUrl?.TrimEnd('/') is { Length: > 0 } configured ? configured : null;
}
