using ChildProtection.Core;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Forum;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace ChildProtection.Web.Features.Backoffice.Forum;

public sealed record ForumEventForm(string? Title, string? Question, string? Description, string? Opens, string? Closes, int? ContestId);

public sealed record ForwardForm(string? BodyName, string? BodyEmail);

public sealed record AnswerForm(string? AnsweredBy, string? Text);

public sealed record ForumEventsAdminViewModel(IReadOnlyList<(ForumEvent Event, OpinionCounts Counts)> Events, IReadOnlyList<Contest> Contests, ForumEventForm Form, IReadOnlyList<string> Errors);

/// <param name="Status">The moderation queue shown: pending, approved or rejected opinions.</param>
public sealed record ForumEventAdminViewModel(
    ForumEvent Event,
    IReadOnlyList<Contest> Contests,
    ForumEventForm Form,
    IReadOnlyList<string> FormErrors,
    OpinionCounts Counts,
    OpinionStatus Status,
    IReadOnlyList<ForumOpinion> Opinions,
    IReadOnlyCollection<int> Selected,
    string? Reason,
    string? Message,
    string? Error);

/// <param name="FailedGroup">The group whose forwarding or answer form was refused, shown again with what was typed.</param>
public sealed record ForumGroupsAdminViewModel(
    ForumEvent Event,
    IReadOnlyList<ForumOpinion> Ungrouped,
    IReadOnlyList<GroupView> Groups,
    string? Message,
    string? Error,
    int? FailedGroup = null,
    ForwardForm? Forward = null,
    AnswerForm? Answer = null);

/// <summary>
/// Organisers' pages of the Children's Forum: events (with an attached contest), the moderation queue, groups of
/// approved opinions, forwarding a group to the body responsible (an e-mail through the outbox), recording and
/// publishing its answer, and the export of every opinion. <see cref="ForumOrganiser"/> does the work.
/// </summary>
[Route("backoffice/dien-dan"), Authorize(Policy = BackofficePolicies.Contests)]
public sealed class ForumAdminController(ForumService forum, ForumOrganiser organiser, IOptions<SiteOptions> site) : Controller
{
    private const string Views = "~/Features/Backoffice/Forum/";
    private const string Selection = "y-kien";

    private static readonly Dictionary<string, OpinionStatus> StatusSlugs = new()
    {
        ["cho-duyet"] = OpinionStatus.Pending, ["da-duyet"] = OpinionStatus.Approved, ["tu-choi"] = OpinionStatus.Rejected,
    };

    public static string StatusSlug(OpinionStatus status) => StatusSlugs.First(s => s.Value == status).Key;

    private string UserName => User.Identity!.Name!;

    private string? Message => TempData["Message"] as string;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(Views + "Index.cshtml", await organiser.EventsPageAsync(new ForumEventForm(null, null, null, null, null, null), [], ct));

    [HttpPost("tao"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Create([FromForm] ForumEventForm form, CancellationToken ct)
    {
        var (errors, created) = await organiser.CreateEventAsync(form, ct);
        if (created is not null)
        {
            return Redirect($"/backoffice/dien-dan/{created.Key}");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(Views + "Index.cshtml", await organiser.EventsPageAsync(form, errors, ct));
    }

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Event(Guid key, [FromQuery(Name = "trang-thai")] string? status, CancellationToken ct) =>
        await forum.FindAsync(key, ct) is { } forumEvent
            ? View(Views + "Event.cshtml", await organiser.EventPageAsync(forumEvent, StatusSlugs.GetValueOrDefault(status ?? "", OpinionStatus.Pending), Message, ct))
            : NotFound();

    [HttpPost("{key:guid}/sua"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Edit(Guid key, [FromForm] ForumEventForm form, CancellationToken ct)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        if (await organiser.UpdateEventAsync(forumEvent, form, ct) is { Count: > 0 } errors)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(Views + "Event.cshtml", await organiser.EventPageAsync(forumEvent, OpinionStatus.Pending, Message, ct, form, errors));
        }

        TempData["Message"] = organiser.EventSaved;
        return Redirect($"/backoffice/dien-dan/{key}");
    }

    [HttpPost("{key:guid}/duyet"), ValidateAntiForgeryToken]
    public Task<IActionResult> Approve(Guid key, [FromForm(Name = Selection)] int[] opinions, CancellationToken ct) =>
        ModerateAsync(key, opinions, null, forumEvent => organiser.ApproveAsync(forumEvent, opinions, UserName, ct), ct);

    [HttpPost("{key:guid}/tu-choi"), ValidateAntiForgeryToken]
    public Task<IActionResult> Reject(Guid key, [FromForm(Name = Selection)] int[] opinions, [FromForm(Name = "ly-do")] string? reason, CancellationToken ct) =>
        ModerateAsync(key, opinions, reason, forumEvent => organiser.RejectAsync(forumEvent, opinions, reason, UserName, ct), ct);

    [HttpGet("{key:guid}/nhom")]
    public async Task<IActionResult> Groups(Guid key, CancellationToken ct) =>
        await forum.FindAsync(key, ct) is { } forumEvent ? View(Views + "Groups.cshtml", await organiser.GroupsPageAsync(forumEvent, Message, null, ct)) : NotFound();

    [HttpPost("{key:guid}/nhom"), ValidateAntiForgeryToken]
    public Task<IActionResult> CreateGroup(Guid key, [FromForm(Name = "ten-nhom")] string? title, [FromForm(Name = Selection)] int[] opinions, CancellationToken ct) =>
        GroupActionAsync(key, forumEvent => organiser.CreateGroupAsync(forumEvent, title, opinions, ct), ct);

    /// <param name="group">The group to put the opinions in; 0 takes them out of any group.</param>
    [HttpPost("{key:guid}/xep-nhom"), ValidateAntiForgeryToken]
    public Task<IActionResult> Assign(Guid key, [FromForm(Name = "nhom")] int group, [FromForm(Name = Selection)] int[] opinions, CancellationToken ct) =>
        GroupActionAsync(key, forumEvent => organiser.AssignAsync(forumEvent, group == 0 ? null : group, opinions, ct), ct);

    [HttpPost("{key:guid}/nhom/{group:int}/chuyen"), ValidateAntiForgeryToken]
    public Task<IActionResult> Forward(Guid key, int group, [FromForm] ForwardForm form, CancellationToken ct) =>
        GroupActionAsync(key, forumEvent => organiser.ForwardAsync(forumEvent, group, form, UserName, site.Value.BaseUrl(Request), ct), ct, group, forward: form);

    [HttpPost("{key:guid}/nhom/{group:int}/tra-loi"), ValidateAntiForgeryToken]
    public Task<IActionResult> Answer(Guid key, int group, [FromForm] AnswerForm form, CancellationToken ct) =>
        GroupActionAsync(key, forumEvent => organiser.AnswerAsync(forumEvent, group, form, UserName, ct), ct, group, answer: form);

    [HttpPost("{key:guid}/nhom/{group:int}/cong-bo"), ValidateAntiForgeryToken]
    public Task<IActionResult> Publish(Guid key, int group, CancellationToken ct) =>
        GroupActionAsync(key, forumEvent => organiser.SetPublishedAsync(forumEvent, group, true, ct), ct);

    [HttpPost("{key:guid}/nhom/{group:int}/go-cong-bo"), ValidateAntiForgeryToken]
    public Task<IActionResult> Unpublish(Guid key, int group, CancellationToken ct) =>
        GroupActionAsync(key, forumEvent => organiser.SetPublishedAsync(forumEvent, group, false, ct), ct);

    [HttpGet("{key:guid}/y-kien.xlsx")]
    public Task<IActionResult> ExportExcel(Guid key, CancellationToken ct) => ExportAsync(key, ExcelType.XLSX, ct);

    [HttpGet("{key:guid}/y-kien.csv")]
    public Task<IActionResult> ExportCsv(Guid key, CancellationToken ct) => ExportAsync(key, ExcelType.CSV, ct);

    private async Task<IActionResult> ExportAsync(Guid key, ExcelType type, CancellationToken ct) =>
        await forum.FindAsync(key, ct) is { } forumEvent ? await organiser.ExportAsync(forumEvent, type, ct) : NotFound();

    /// <summary>A moderation done goes back to the queue; one refused shows it again with the opinions still ticked and the typed reason.</summary>
    private async Task<IActionResult> ModerateAsync(Guid key, int[] opinions, string? reason, Func<ForumEvent, Task<Attempt<string, ForumActionStatus>>> moderate, CancellationToken ct)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        var done = await moderate(forumEvent);
        if (done.Success)
        {
            TempData["Message"] = done.Result;
            return Redirect($"/backoffice/dien-dan/{key}");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(Views + "Event.cshtml", await organiser.EventPageAsync(forumEvent, OpinionStatus.Pending, Message, ct, error: done.Result, selected: opinions, reason: reason));
    }

    /// <summary>An action on the groups page: done, back to the page with its message; refused, the page again with why and what was typed.</summary>
    private async Task<IActionResult> GroupActionAsync(
        Guid key, Func<ForumEvent, Task<Attempt<string, ForumActionStatus>>> act, CancellationToken ct, int? group = null, ForwardForm? forward = null, AnswerForm? answer = null)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        var done = await act(forumEvent);
        if (done.Success)
        {
            TempData["Message"] = done.Result;
            return Redirect($"/backoffice/dien-dan/{key}/nhom");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(Views + "Groups.cshtml", await organiser.GroupsPageAsync(forumEvent, Message, done.Result, ct, group, forward, answer));
    }
}
