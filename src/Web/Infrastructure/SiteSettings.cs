using ChildProtection.Core.Changes;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Infrastructure;

/// <summary>
/// The site's settings as pages use them: configuration (<see cref="SiteOptions"/>) overlaid with what an
/// administrator saved in the backoffice. <see cref="Generation"/> changes with every save, so cached pages that
/// show the unit's name and hotline are not served stale. A save is announced in the change feed with it, and every
/// other node reads the settings again when it sees it: a stale hotline is the worst stale page there is.
/// </summary>
public sealed class SiteSettings(IOptions<SiteOptions> configured, IServiceScopeFactory scopes, ChangeFeed feed) : IChangeFeedHandler
{
    private const string FeedKind = "settings";

    private const string UnitNameKey = "unitName";
    private const string UnitHotlineKey = "unitHotline";

    private SiteOptions _current = configured.Value;
    private long _generation;

    public SiteOptions Current => Volatile.Read(ref _current);

    public long Generation => Interlocked.Read(ref _generation);

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<SiteDbContext>().Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        var baseline = configured.Value;
        Volatile.Write(ref _current, new SiteOptions
        {
            SiteName = baseline.SiteName,
            PublicUrl = baseline.PublicUrl,
            UnitName = saved.GetValueOrDefault(UnitNameKey) ?? baseline.UnitName,
            UnitHotline = saved.TryGetValue(UnitHotlineKey, out var hotline) ? hotline : baseline.UnitHotline,
        });
        Interlocked.Increment(ref _generation);
    }

    public async Task SaveAsync(string unitName, string? unitHotline, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SiteDbContext>();
            foreach (var (key, value) in new[] { (UnitNameKey, (string?)unitName), (UnitHotlineKey, unitHotline) })
            {
                if (await db.Settings.FindAsync([key], ct) is { } row)
                {
                    row.Value = value;
                }
                else
                {
                    db.Settings.Add(new SiteSetting { Key = key, Value = value });
                }
            }

            feed.Stage(db, FeedKind);
            await db.SaveChangesAsync(ct);
        }

        await LoadAsync(ct);
    }

    string IChangeFeedHandler.Kind => FeedKind;

    Task IChangeFeedHandler.ApplyAsync(IReadOnlyList<string?> payloads, CancellationToken ct) => LoadAsync(ct);
}

/// <summary>Reads the saved settings before the site answers (the migrator has made their table by then).</summary>
internal sealed class SiteSettingsStartup(SiteSettings settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => settings.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
