using ChildProtection.Cms.Content;
using ChildProtection.Cms.Schema;
using ChildProtection.Web.Features.Backoffice;
using DiffPlex.DiffBuilder.Model;
using DiffPlex.DiffBuilder;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.History;

/// <summary>One field that differs between two versions, line by line.</summary>
public sealed record FieldDiff(string Label, IReadOnlyList<DiffPiece> Lines);

public sealed record HistoryViewModel(
    Guid Key,
    string Name,
    IReadOnlyList<ContentVersionSummary> Versions,
    int? Older,
    int? Newer,
    IReadOnlyList<FieldDiff> Diff,
    string? Message,
    IReadOnlyList<ContentSchedule> Schedules,
    string? Error = null);

/// <summary>A page's versions: what changed between two of them, and rolling back to an older one (as a new draft).</summary>
[Route("backoffice/noi-dung/{key:guid}/lich-su"), Authorize(Policy = BackofficePolicies.Publish)]
public sealed class HistoryController(ContentService content, ContentScheduler scheduler, ContentSchema schema, IStringLocalizer<BackofficeText> text) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid key, [FromQuery(Name = "cu")] int? older, [FromQuery(Name = "moi")] int? newer, CancellationToken ct) =>
        await PageAsync(key, older, newer, null, ct);

    [HttpPost("{versionId:int}/quay-lai"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Rollback(Guid key, int versionId, CancellationToken ct)
    {
        var result = await content.RollbackAsync(key, versionId, User.Identity!.Name!, ct);
        return result.Success ? await PageAsync(key, null, null, text["RolledBack", versionId], ct) : NotFound();
    }

    /// <summary>Publish or unpublish at a date and time in Vietnam ("2026-06-01T07:00" from a datetime-local input).</summary>
    [HttpPost("lich"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Schedule(Guid key, [FromForm] ScheduledAction action, [FromForm] string? at, CancellationToken ct)
    {
        var status = Infrastructure.SiteClock.FromLocalDateTime(at) is { } due
            ? await scheduler.ScheduleAsync(key, action, due, User.Identity!.Name!, ct)
            : ScheduleStatus.NotInFuture;
        if (status != ScheduleStatus.Success)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await PageAsync(key, null, null, null, ct, text[$"Schedule{status}"]);
        }

        return await PageAsync(key, null, null, text["Scheduled"], ct);
    }

    [HttpPost("lich/{id:int}/huy"), ValidateAntiForgeryToken]
    public async Task<IActionResult> CancelSchedule(Guid key, int id, CancellationToken ct)
    {
        await scheduler.CancelAsync(id, ct);
        return await PageAsync(key, null, null, text["ScheduleCancelled"], ct);
    }

    private async Task<IActionResult> PageAsync(Guid key, int? older, int? newer, string? message, CancellationToken ct, string? error = null)
    {
        var versions = await content.GetVersionsAsync(key, ct);
        if (versions.Count == 0)
        {
            return NotFound();
        }

        // By default, what the newest version changed.
        newer ??= versions[0].VersionId;
        older ??= versions.Count > 1 ? versions[1].VersionId : null;
        var diff = new List<FieldDiff>();
        if (older is not null && await content.GetVersionAsync(key, older.Value, ct) is { } before && await content.GetVersionAsync(key, newer.Value, ct) is { } after)
        {
            var type = schema.Find(after.ContentTypeAlias);
            foreach (var culture in before.Names.Keys.Union(after.Names.Keys).Order())
            {
                Compare(diff, $"{text["Name"]} ({culture})", before.Names.GetValueOrDefault(culture), after.Names.GetValueOrDefault(culture));
            }

            foreach (var (alias, culture) in before.Values.Concat(after.Values).Select(v => (v.Alias, v.Culture)).Distinct())
            {
                var label = (type?.GetProperty(alias)?.Name ?? alias) + (culture is null ? "" : $" ({culture})");
                Compare(diff, label, before.GetValue(alias, culture), after.GetValue(alias, culture));
            }
        }

        var name = (await content.GetAsync(key, ct))?.Names.Values.FirstOrDefault() ?? key.ToString();
        return View("~/Features/Backoffice/History/Index.cshtml", new HistoryViewModel(key, name, versions, older, newer, diff, message, await scheduler.PendingAsync(key, ct), error));
    }

    private static void Compare(List<FieldDiff> diff, string label, string? before, string? after)
    {
        if ((before ?? "") == (after ?? ""))
        {
            return;
        }

        var model = InlineDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false);
        diff.Add(new FieldDiff(label, model.Lines.Where(l => l.Type != ChangeType.Unchanged || !string.IsNullOrWhiteSpace(l.Text)).ToList()));
    }
}
