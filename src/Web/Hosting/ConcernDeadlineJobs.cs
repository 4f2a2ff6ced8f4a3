using ChildProtection.Concerns.Reports;
using ChildProtection.Web.Features.Concerns;
using ChildProtection.Web.Infrastructure;
using Hangfire;

namespace ChildProtection.Web.Hosting;

/// <summary>Hangfire's entry points for the report-a-concern channel's deadlines: escalation and erasure at the end of retention.</summary>
public sealed class ConcernDeadlineJobs(ConcernChannel channel, CaseDeadlines deadlines, SiteAddress address)
{
    [AutomaticRetry(Attempts = 0)] // the next minute's run picks up whatever this one missed
    public async Task<int> EscalateAsync(CancellationToken ct) => await channel.EscalateOverdueAsync(await address.CurrentAsync(ct), ct);

    [AutomaticRetry(Attempts = 0)]
    public Task<int> EraseExpiredAsync(CancellationToken ct) => deadlines.EraseExpiredAsync(ct);
}
