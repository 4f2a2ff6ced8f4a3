using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Audit;

public sealed record AuditViewModel(IReadOnlyList<AuditEntry> Entries, IReadOnlyDictionary<Guid, string> Names, string? User, Guid? Node, string? From, string? To);

/// <summary>Who did what to which page, and when: the content engine's audit entries, filtered by user, page and dates.</summary>
[Route("backoffice/nhat-ky"), Authorize(Policy = BackofficePolicies.Publish)]
public sealed class AuditController(ContentService content, IOptions<CmsOptions> cms) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromQuery(Name = "nguoi-dung")] string? user,
        [FromQuery(Name = "trang-noi-dung")] Guid? node,
        [FromQuery(Name = "tu-ngay")] string? from,
        [FromQuery(Name = "den-ngay")] string? to,
        CancellationToken ct)
    {
        user = string.IsNullOrWhiteSpace(user) ? null : user.Trim();
        var end = SiteClock.StartOfLocalDay(to)?.AddDays(1);
        var entries = await content.GetAuditAsync(node, user, SiteClock.StartOfLocalDay(from), end, ct);
        var names = await content.GetNamesAsync(entries.Select(e => e.NodeKey).Distinct().ToList(), cms.Value.DefaultCulture, ct);
        return View("~/Features/Backoffice/Audit/Index.cshtml", new AuditViewModel(entries, names, user, node, from, to));
    }
}
