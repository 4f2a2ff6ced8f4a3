using System.Globalization;
using ChildProtection.Cms.Publishing;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;

namespace ChildProtection.Web.Features.PublicSite;

/// <summary>
/// Keys a cached page on the published state it shows, the same on every node that holds that state: the snapshot's and
/// the settings' fingerprints. Nodes sharing a cache store (Redis) share their pages, and a publish or a new unit hotline
/// makes every page of the old state unreachable at once, on each node as soon as it holds the new state. A page whose
/// state changed while it was rendered is not stored: it could show a state other than the one its key names.
/// </summary>
internal sealed class PublishedStateCachePolicy : IOutputCachePolicy
{
    private static readonly object StateKey = new();

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var state = StateOf(context.HttpContext);
        context.HttpContext.Items[StateKey] = state;
        context.CacheVaryByRules.VaryByValues["state"] = state;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        if (context.HttpContext.Items[StateKey] is string state && state != StateOf(context.HttpContext))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static string StateOf(HttpContext context) => string.Create(
        CultureInfo.InvariantCulture,
        $"{context.RequestServices.GetRequiredService<IPublishedSnapshotAccessor>().Current.Fingerprint:x16}.{context.RequestServices.GetRequiredService<SiteSettings>().Fingerprint:x16}");
}
