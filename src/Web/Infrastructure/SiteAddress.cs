using ChildProtection.Web.Features.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Infrastructure;

/// <summary>
/// The site's public address for links in e-mails written without a request at hand (reminders sent by a background
/// job): <c>Site:PublicUrl</c> when it is set, else the address staff last reached the backoffice at. That one is kept
/// in the database, so it survives restarts and every node sees it. Only signed-in staff count: the Host header is
/// whatever a client sends, and any visitor could otherwise plant their own address in our e-mails.
/// </summary>
public sealed class SiteAddress(IOptions<SiteOptions> site, IServiceScopeFactory scopes)
{
    private const string Key = "publicAddress";

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

    private string? Configured => site.Value.PublicUrl?.TrimEnd('/') is { Length: > 0 } configured ? configured : null;
}
