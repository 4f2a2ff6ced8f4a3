using System.IO.Hashing;
using System.Runtime.InteropServices;
using ChildProtection.Core.Changes;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Infrastructure;

/// <summary>
/// The site's settings as pages use them: configuration (<see cref="SiteOptions"/>) overlaid with what an
/// administrator saved in the backoffice. Cached pages, which show the unit's name and hotline, are keyed on their
/// <see cref="Fingerprint"/>, so they are not served stale. A save is announced in the change feed with it, and every
/// other node reads the settings again when it sees it: a stale hotline is the worst stale page there is.
/// </summary>
public sealed class SiteSettings(IOptions<SiteOptions> configured, IServiceScopeFactory scopes, ChangeFeed feed) : IChangeFeedHandler
{
    private const string FeedKind = "settings";

    private const string UnitNameKey = "unitName";
    private const string UnitHotlineKey = "unitHotline";

    private Loaded _current = new(configured.Value, FingerprintOf(configured.Value));

    public SiteOptions Current => Volatile.Read(ref _current).Options;

    /// <summary>The settings pages show, hashed the same way on every node: nodes holding the same ones share cached pages.</summary>
    public ulong Fingerprint => Volatile.Read(ref _current).Fingerprint;

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<SiteDbContext>().Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        var baseline = configured.Value;
        var current = new SiteOptions
        {
            SiteName = baseline.SiteName,
            PublicUrl = baseline.PublicUrl,
            UnitName = saved.GetValueOrDefault(UnitNameKey) ?? baseline.UnitName,
            UnitHotline = saved.TryGetValue(UnitHotlineKey, out var hotline) ? hotline : baseline.UnitHotline,
        };
        Volatile.Write(ref _current, new Loaded(current, FingerprintOf(current)));
    }

    private static ulong FingerprintOf(SiteOptions options) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(
            $"{options.SiteName}\0{options.PublicUrl}\0{options.UnitName}\0{options.UnitHotline}\0".AsSpan()));

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

    private sealed record Loaded(SiteOptions Options, ulong Fingerprint);
}

/// <summary>Reads the saved settings before the site answers (the migrator has made their table by then).</summary>
internal sealed class SiteSettingsStartup(SiteSettings settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => settings.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
