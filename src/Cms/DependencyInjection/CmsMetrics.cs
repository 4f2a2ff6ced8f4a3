using System.Diagnostics.Metrics;
using ChildProtection.Cms.Changes;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Search;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Cms.DependencyInjection;

/// <summary>
/// The content engine's own measurements (meter <see cref="MeterName"/>): how new the published snapshot is and how
/// long an update takes, how far this node is behind the change feed, and how long its search indexes' last writes
/// have waited for a commit.
/// </summary>
public sealed class CmsMetrics
{
    public const string MeterName = "ChildProtection.Cms";

    private readonly Histogram<double> _snapshotUpdate;
    private readonly Histogram<double> _feedDelay;

    public CmsMetrics(IMeterFactory meters, IServiceProvider services, TimeProvider clock)
    {
        var meter = meters.Create(MeterName);
        _snapshotUpdate = meter.CreateHistogram<double>("cp.snapshot.update.duration", "s", "Time to read changed pages and swap in a new published snapshot, by what was read.");
        _feedDelay = meter.CreateHistogram<double>("cp.changefeed.delay", "s", "From a change committed on another node to this node applying it.");
        // Resolved when measured: the snapshot service, the reader and the indexes use this one.
        meter.CreateObservableGauge("cp.snapshot.generation", () => services.GetRequiredService<IPublishedSnapshotAccessor>().Current.Generation,
            "{generation}", "The published snapshot's generation on this node.");
        meter.CreateObservableGauge("cp.changefeed.age", () => (clock.GetUtcNow() - services.GetRequiredService<ChangeFeedReader>().CaughtUpAt).TotalSeconds,
            "s", "Since this node last read the change feed to its end.");
        meter.CreateObservableGauge("cp.search.commit.age", () => services.GetRequiredService<SearchIndexes>().All.Select(index =>
                new Measurement<double>(index.Index.UncommittedFor.TotalSeconds, new KeyValuePair<string, object?>("index", index.Name.ToString()))),
            "s", "How long the index's oldest write not yet committed to disk has waited (0: none).");
    }

    internal void SnapshotUpdated(string read, bool fromFeed, TimeSpan elapsed) =>
        _snapshotUpdate.Record(elapsed.TotalSeconds, new("read", read), new("source", fromFeed ? "feed" : "local"));

    internal void FeedEntryApplied(TimeSpan delay) => _feedDelay.Record(Math.Max(0, delay.TotalSeconds));
}
