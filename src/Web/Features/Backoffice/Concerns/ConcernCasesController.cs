using System.Security.Claims;
using ChildProtection.Concerns.Reports;
using ChildProtection.Core;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Units;
using ChildProtection.Web.Infrastructure;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Concerns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Concerns;

public sealed record CaseListViewModel(IReadOnlyList<CaseSummary> Cases, IReadOnlyDictionary<int, string> UnitNames, bool IncludeClosed, string? Message);

/// <param name="Colleagues">The officers the case may be assigned to.</param>
/// <param name="Units">The units it may be transferred to, as the form lists them.</param>
public sealed record CaseViewModel(
    CaseView Case,
    IReadOnlyDictionary<int, string> UnitNames,
    IReadOnlyList<CaseColleague> Colleagues,
    IReadOnlyList<UnitChoice> Units,
    string? Message,
    IReadOnlyList<string> Errors);

/// <param name="Version">The case's version the officer saw: a change made on an older one is refused.</param>
public sealed record CaseStatusForm(int Version, CaseStatus Status, Referral? Referral, CaseOutcome? Outcome);

/// <summary>
/// The officers' cases (cán bộ tiếp nhận): the reports of their unit and every unit below it, each opened with the
/// opening recorded, and handled from its page. Nobody else, administrators included, reaches these pages.
/// </summary>
[Route("backoffice/bao-tin"), Authorize(Policy = BackofficePolicies.Concerns)]
public sealed class ConcernCasesController(
    ConcernCases cases,
    ConcernChannel channel,
    ConcernRouting routing,
    UnitDirectory units,
    ContestUnits unitChoices,
    SiteAddress address,
    CaseExports exports,
    UserManager<StaffUser> users,
    IStringLocalizer<ConcernsText> text) : Controller
{
    private const string Views = "~/Features/Backoffice/Concerns/";

    [HttpGet("")]
    public Task<IActionResult> Index([FromQuery(Name = "da-dong")] bool includeClosed, CancellationToken ct) => ListPageAsync(includeClosed, null, ct);

    [HttpGet("{key:guid}")]
    public Task<IActionResult> Case(Guid key, CancellationToken ct) => CasePageAsync(key, null, [], ct, record: CaseEntryKind.Opened);

    [HttpGet("{key:guid}/tep/{id:long}")]
    public async Task<IActionResult> Attachment(Guid key, long id, CancellationToken ct) =>
        await cases.AttachmentAsync(key, await ScopeAsync(ct), id, ct) is { } file ? Private(File(file.Content, file.ContentType)) : await MissingAsync(key, ct);

    /// <summary>The whole case as a ZIP (the case and its log as text, the pictures as sent) for handover; the export is recorded.</summary>
    [HttpGet("{key:guid}/ho-so")]
    public async Task<IActionResult> Export(Guid key, CancellationToken ct)
    {
        var scope = await ScopeAsync(ct);
        if (await cases.OpenAsync(key, scope, await ActorAsync(), CaseEntryKind.Exported, ct) is not { } view)
        {
            return await MissingAsync(key, ct);
        }

        var pictures = new List<(string ContentType, byte[] Content)>();
        foreach (var id in view.AttachmentIds)
        {
            if (await cases.AttachmentAsync(key, scope, id, ct) is { } picture)
            {
                pictures.Add(picture);
            }
        }

        var unitNames = await UnitNamesAsync(UnitIdsOf(view), ct);
        var zip = exports.Zip(view, unitNames, pictures);
        return Private(File(zip, "application/zip", $"ho-so-bao-tin-{view.Summary.ReceivedUtc.AddHours(7):yyyyMMdd-HHmm}.zip"));
    }

    [HttpPost("{key:guid}/tiep-nhan"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Acknowledge(Guid key, [FromForm] int version, CancellationToken ct) =>
        await AfterAsync(key, await cases.AcknowledgeAsync(key, await ScopeAsync(ct), await ActorAsync(), version, ct), "CaseAcknowledged", ct);

    [HttpPost("{key:guid}/muc-do"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Urgency(Guid key, [FromForm] int version, [FromForm] ConcernUrgency urgency, CancellationToken ct) =>
        await AfterAsync(key, await cases.SetUrgencyAsync(key, await ScopeAsync(ct), await ActorAsync(), version, urgency, ct), "CaseUrgencySaved", ct);

    [HttpPost("{key:guid}/trang-thai"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Status(Guid key, [FromForm] CaseStatusForm form, CancellationToken ct) =>
        await AfterAsync(key, await cases.SetStatusAsync(key, await ScopeAsync(ct), await ActorAsync(), form.Version, form.Status, form.Referral, form.Outcome, ct), "CaseStatusSaved", ct);

    [HttpPost("{key:guid}/ghi-chu"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Note(Guid key, [FromForm] string? text, CancellationToken ct) =>
        await AfterAsync(key, await cases.AddNoteAsync(key, await ScopeAsync(ct), await ActorAsync(), text, ct), "CaseNoteSaved", ct);

    [HttpPost("{key:guid}/tra-loi"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Reply(Guid key, [FromForm] string? text, CancellationToken ct) =>
        await AfterAsync(key, await cases.ReplyAsync(key, await ScopeAsync(ct), await ActorAsync(), text, ct), "CaseReplySent", ct);

    [HttpPost("{key:guid}/phan-cong"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Assign(Guid key, [FromForm] int version, [FromForm] string? assignee, CancellationToken ct)
    {
        var scope = await ScopeAsync(ct);
        if (await cases.SummaryAsync(key, scope, ct) is not { } summary)
        {
            return await MissingAsync(key, ct);
        }

        var assigned = await channel.AssignAsync(
            key, scope, await ActorAsync(), version, summary.UnitId, string.IsNullOrEmpty(assignee) ? null : assignee, await address.ForEmailAsync(Request, ct), ct);
        return await AfterAsync(key, assigned, "CaseAssigned", ct);
    }

    /// <summary>Hands the case to another unit; the officer who no longer sees it is brought back to their list.</summary>
    [HttpPost("{key:guid}/chuyen-don-vi"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Transfer(Guid key, [FromForm] int version, [FromForm] string? unit, [FromForm] string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(unit) || await unitChoices.MatchAsync(unit, ct) is not { } unitId)
        {
            return await CasePageAsync(key, null, [text["TransferUnitUnknown"]], ct, record: null, StatusCodes.Status400BadRequest);
        }

        var scope = await ScopeAsync(ct);
        var moved = await channel.TransferAsync(key, scope, await ActorAsync(), version, unitId, reason, await address.ForEmailAsync(Request, ct), ct);
        if (!moved.Success || await cases.SummaryAsync(key, scope, ct) is not null)
        {
            return await AfterAsync(key, moved, "CaseTransferred", ct);
        }

        return await ListPageAsync(false, text["CaseTransferredAway"], ct);
    }

    private async Task<IActionResult> ListPageAsync(bool includeClosed, string? message, CancellationToken ct)
    {
        var list = await cases.ListAsync(await ScopeAsync(ct), includeClosed, ct);
        var unitIds = list.SelectMany(c => new[] { c.UnitId, c.PlaceUnitId }).OfType<int>();
        return Private(View(Views + "Index.cshtml", new CaseListViewModel(list, await UnitNamesAsync(unitIds, ct), includeClosed, message)));
    }

    private async Task<IActionResult> AfterAsync(Guid key, Attempt<ConcernResult> done, string successMessage, CancellationToken ct)
    {
        if (done.Success)
        {
            return await CasePageAsync(key, text[successMessage], [], ct, record: null);
        }

        return done.Status == ConcernResult.NotFound
            ? await MissingAsync(key, ct)
            : await CasePageAsync(key, null, [text[$"Result{done.Status}", 5000]], ct, record: null, StatusCodes.Status409Conflict);
    }

    private async Task<IActionResult> CasePageAsync(Guid key, string? message, IReadOnlyList<string> errors, CancellationToken ct, CaseEntryKind? record, int status = StatusCodes.Status200OK)
    {
        if (await cases.OpenAsync(key, await ScopeAsync(ct), await ActorAsync(), record, ct) is not { } view)
        {
            return await MissingAsync(key, ct);
        }

        Response.StatusCode = status;
        return Private(View(Views + "Case.cshtml", new CaseViewModel(
            view, await UnitNamesAsync(UnitIdsOf(view), ct), await routing.ColleaguesAsync(view.Summary.UnitId, ct), await unitChoices.ChoicesAsync(ct), message, errors)));
    }

    /// <summary>Another unit's case is forbidden (the officer holds the role, not that unit); an unknown one is missing.</summary>
    private async Task<IActionResult> MissingAsync(Guid key, CancellationToken ct) =>
        await cases.ExistsAsync(key, ct) ? Forbid(StaffAccountsExtensions.Scheme) : NotFound();

    // An action and the page it shows afterwards both need the officer's scope and name: each is read once per request
    // (a controller lives for one request).
    private CaseScope? _scope;
    private CaseActor? _actor;

    private async Task<CaseScope> ScopeAsync(CancellationToken ct) =>
        _scope ??= await routing.ScopeAsync((await users.GetUserAsync(User))?.UnitId, ct);

    private async Task<CaseActor> ActorAsync()
    {
        if (_actor is null)
        {
            var user = await users.GetUserAsync(User);
            _actor = new CaseActor(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user?.DisplayName is { Length: > 0 } name ? name : User.Identity?.Name ?? "");
        }

        return _actor;
    }

    /// <summary>The case's units, and those its log lines name (a transfer, an escalation: "12>3"), to be shown by name.</summary>
    private static IEnumerable<int> UnitIdsOf(CaseView view) =>
        view.Log.Where(l => l.Kind is CaseEntryKind.Transferred or CaseEntryKind.Escalated && l.Detail is not null)
            .SelectMany(l => l.Detail!.Split('>')).Select(id => int.TryParse(id, out var unit) ? unit : (int?)null)
            .Append(view.Summary.UnitId).Append(view.Summary.PlaceUnitId).OfType<int>();

    private async Task<IReadOnlyDictionary<int, string>> UnitNamesAsync(IEnumerable<int> ids, CancellationToken ct) =>
        (await units.FindManyAsync(ids.ToHashSet(), ct)).ToDictionary(u => u.Key, u => u.Value.Name);

    /// <summary>A case's pages and pictures are kept by no cache and no browser history.</summary>
    private T Private<T>(T result) where T : IActionResult
    {
        Response.Headers.CacheControl = "no-store";
        return result;
    }
}
