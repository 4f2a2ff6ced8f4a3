using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using ChildProtection.Core.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Publishing;

public enum RedirectStatus
{
    Success,
    NotFound,

    /// <summary>The old address still shows a page: a redirect there would hide it.</summary>
    UrlIsLive,

    /// <summary>The new address is not a published page.</summary>
    TargetNotFound,
    AlreadyExists,
}

/// <summary>An old address and the page it now sends visitors to (Umbraco's redirect URL management).</summary>
public sealed record RedirectView(int Id, string Culture, string Url, Guid TargetKey, string? TargetUrl, string? TargetName, DateTime CreateDateUtc);

/// <summary>The redirects the engine records when a published URL changes, and the ones editors add or remove.</summary>
public sealed class RedirectService(CmsDbContext db, PublishedSnapshotService snapshots, ChangeFeed feed, IOptions<CmsOptions> options)
{
    private static readonly SnapshotChange RedirectsChanged = new SnapshotChange.Redirects();

    public async Task<IReadOnlyList<RedirectView>> ListAsync(CancellationToken ct = default)
    {
        var snapshot = snapshots.Current;
        var rows = await db.RedirectUrls.AsNoTracking().OrderByDescending(r => r.CreateDateUtc).ToListAsync(ct);
        return rows.Select(r => new RedirectView(r.Id, r.Culture, r.Url, r.NodeKey, snapshot.Get(r.NodeKey)?.Url(r.Culture), snapshot.Get(r.NodeKey)?.Name(r.Culture), r.CreateDateUtc)).ToList();
    }

    /// <summary>Sends <paramref name="oldUrl"/> to the published page now at <paramref name="targetUrl"/> (both site-relative).</summary>
    public async Task<RedirectStatus> AddAsync(string oldUrl, string targetUrl, CancellationToken ct = default)
    {
        var snapshot = snapshots.Current;
        var (culture, url) = (CultureOf(oldUrl), UrlBuilder.Normalize(oldUrl));
        if (snapshot.GetByUrl(culture, url) is not null)
        {
            return RedirectStatus.UrlIsLive;
        }

        if (snapshot.GetByUrl(CultureOf(targetUrl), targetUrl) is not { } target || !target.HasCulture(culture))
        {
            return RedirectStatus.TargetNotFound;
        }

        if (await db.RedirectUrls.AnyAsync(r => r.Culture == culture && r.Url == url, ct))
        {
            return RedirectStatus.AlreadyExists;
        }

        db.RedirectUrls.Add(new RedirectUrl { Culture = culture, Url = url, NodeKey = target.Key, CreateDateUtc = DateTime.UtcNow });
        return await SaveAndRefreshAsync(ct);
    }

    public async Task<RedirectStatus> DeleteAsync(int id, CancellationToken ct = default)
    {
        if (await db.RedirectUrls.FindAsync([id], ct) is not { } row)
        {
            return RedirectStatus.NotFound;
        }

        db.RedirectUrls.Remove(row);
        try
        {
            return await SaveAndRefreshAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else deleted it first.
            return RedirectStatus.NotFound;
        }
    }

    /// <summary>Commits the redirect with its announcement to the other nodes, then updates this node's snapshot.</summary>
    private async Task<RedirectStatus> SaveAndRefreshAsync(CancellationToken ct)
    {
        feed.Stage(db, SnapshotChangeFeed.Kind, SnapshotChangeFeed.Write(RedirectsChanged));
        await db.SaveChangesAsync(ct);
        await snapshots.RefreshAsync(RedirectsChanged, ct);
        return RedirectStatus.Success;
    }

    /// <summary>The culture a site-relative URL belongs to: its prefix ("/en/…"), else the default culture.</summary>
    private string CultureOf(string url)
    {
        var path = UrlBuilder.Normalize(url);
        return options.Value.Cultures.Skip(1).FirstOrDefault(c => path.StartsWith($"/{c}/", StringComparison.OrdinalIgnoreCase)) ?? options.Value.DefaultCulture;
    }
}
