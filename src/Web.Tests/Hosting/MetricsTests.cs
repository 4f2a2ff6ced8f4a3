using System.Diagnostics;
using System.Net;
using ChildProtection.Training.Quizzes;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>/metrics in Prometheus's format: the requests, the runtime and the site's own measurements, for trusted networks only.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_FromATrustedNetwork_ShowRequestsAndTheSitesOwnMeasurements()
    {
        await using var site = new SiteFactory();
        using var client = site.CreateServerClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            // An autosave for an attempt that does not exist: measured with its outcome like any other.
            var saved = await scope.ServiceProvider.GetRequiredService<QuizService>().SaveAnswerAsync(Guid.NewGuid(), 1, _ => throw new UnreachableException(), 1);
            Assert.Equal(AttemptStatus.AttemptNotFound, saved.Status);
        }

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var name in new[]
        {
            "http_server_request_duration_seconds_bucket", "cp_quiz_autosaves_total{", "outcome=\"AttemptNotFound\"", "cp_quiz_autosave_duration_seconds_bucket",
            "cp_snapshot_generation", "cp_snapshot_update_duration_seconds_bucket", "cp_changefeed_age_seconds", "cp_search_commit_age_seconds",
            "cp_outbox_queued", "cp_outbox_oldest_age_seconds", "cp_concerns_overdue",
        })
        {
            Assert.True(text.Contains(name, StringComparison.Ordinal), $"/metrics has no {name}:\n{text[..Math.Min(text.Length, 3000)]}");
        }
    }

    [Fact]
    public async Task Metrics_FromOutsideTheTrustedNetworks_IsNotFound()
    {
        await using var site = new SiteFactory().With("ReverseProxy:TrustedNetworks:0", "10.0.0.0/8");
        using var client = site.CreateServerClient();

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("cp_", await response.Content.ReadAsStringAsync());
    }
}
