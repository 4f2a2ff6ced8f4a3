using ChildProtection.Cms.Text;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Forum;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
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
/// publishing its answer, and the export of every opinion.
/// </summary>
[Route("backoffice/dien-dan"), Authorize(Policy = BackofficePolicies.Contests)]
public sealed class ForumAdminController(
    ForumService forum,
    ContestService contests,
    IEmailOutbox outbox,
    IOptions<SiteOptions> site,
    IStringLocalizer<SharedResource> text) : Controller
{
    private const string Views = "~/Features/Backoffice/Forum/";
    private const string Selection = "y-kien";

    private static readonly Dictionary<string, OpinionStatus> StatusSlugs = new()
    {
        ["cho-duyet"] = OpinionStatus.Pending, ["da-duyet"] = OpinionStatus.Approved, ["tu-choi"] = OpinionStatus.Rejected,
    };

    public static string StatusSlug(OpinionStatus status) => StatusSlugs.First(s => s.Value == status).Key;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(Views + "Index.cshtml", await ListAsync(new ForumEventForm(null, null, null, null, null, null), [], ct));

    [HttpPost("tao"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Create([FromForm] ForumEventForm form, CancellationToken ct)
    {
        var errors = Check(form, out var draft);
        if (draft is not null)
        {
            var (status, created) = await forum.CreateEventAsync(draft, ct);
            if (status == ForumStatus.Success)
            {
                return Redirect($"/backoffice/dien-dan/{created!.Key}");
            }

            errors.Add(text[$"Forum{status}"]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(Views + "Index.cshtml", await ListAsync(form, errors, ct));
    }

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Event(Guid key, [FromQuery(Name = "trang-thai")] string? status, CancellationToken ct) =>
        await EventPageAsync(key, StatusSlugs.GetValueOrDefault(status ?? "", OpinionStatus.Pending), ct);

    [HttpPost("{key:guid}/sua"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Edit(Guid key, [FromForm] ForumEventForm form, CancellationToken ct)
    {
        var errors = Check(form, out var draft);
        if (draft is not null)
        {
            var status = await forum.UpdateEventAsync(key, draft, ct);
            if (status == ForumStatus.NotFound)
            {
                return NotFound();
            }

            if (status == ForumStatus.Success)
            {
                TempData["Message"] = text["ForumEventSaved"].Value;
                return Redirect($"/backoffice/dien-dan/{key}");
            }

            errors.Add(text[$"Forum{status}"]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await EventPageAsync(key, OpinionStatus.Pending, ct, form, errors);
    }

    [HttpPost("{key:guid}/duyet"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Approve(Guid key, [FromForm(Name = Selection)] int[] opinions, CancellationToken ct) =>
        await ModerateAsync(key, opinions, forumEvent => forum.ApproveAsync(forumEvent.Id, opinions, User.Identity!.Name!, ct), "ForumApproved", ct);

    [HttpPost("{key:guid}/tu-choi"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Reject(Guid key, [FromForm(Name = Selection)] int[] opinions, [FromForm(Name = "ly-do")] string? reason, CancellationToken ct)
    {
        if (reason?.Trim().Length > ForumLimits.ReasonLength)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await EventPageAsync(key, OpinionStatus.Pending, ct, error: text["ForumReasonTooLong", ForumLimits.ReasonLength], selected: opinions, reason: reason);
        }

        return await ModerateAsync(key, opinions, forumEvent => forum.RejectAsync(forumEvent.Id, opinions, reason ?? "", User.Identity!.Name!, ct), "ForumRejected", ct, reason);
    }

    [HttpGet("{key:guid}/nhom")]
    public async Task<IActionResult> Groups(Guid key, CancellationToken ct) =>
        await forum.FindAsync(key, ct) is { } forumEvent ? await GroupsPageAsync(forumEvent, null, ct) : NotFound();

    [HttpPost("{key:guid}/nhom"), ValidateAntiForgeryToken]
    public async Task<IActionResult> CreateGroup(Guid key, [FromForm(Name = "ten-nhom")] string? title, [FromForm(Name = Selection)] int[] opinions, CancellationToken ct)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > ForumLimits.GroupTitleLength)
        {
            return await GroupsErrorAsync(forumEvent, text["ForumGroupTitleRequired", ForumLimits.GroupTitleLength], ct);
        }

        var (status, _) = await forum.CreateGroupAsync(forumEvent.Id, title, opinions, ct);
        return status == ForumStatus.Success
            ? GroupsDone(key, text["ForumGroupCreated", title.Trim()])
            : await GroupsErrorAsync(forumEvent, text[$"Forum{status}"], ct);
    }

    /// <param name="group">The group to put the opinions in; 0 takes them out of any group.</param>
    [HttpPost("{key:guid}/xep-nhom"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Assign(Guid key, [FromForm(Name = "nhom")] int group, [FromForm(Name = Selection)] int[] opinions, CancellationToken ct)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        var status = await forum.AssignAsync(forumEvent.Id, opinions, group == 0 ? null : group, ct);
        return status == ForumStatus.Success
            ? GroupsDone(key, text["ForumAssigned", opinions.Length])
            : await GroupsErrorAsync(forumEvent, text[$"Forum{status}"], ct);
    }

    [HttpPost("{key:guid}/nhom/{group:int}/chuyen"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Forward(Guid key, int group, [FromForm] ForwardForm form, CancellationToken ct)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.BodyName) || form.BodyName.Trim().Length > ForumLimits.BodyNameLength)
        {
            errors.Add(text["ForumBodyNameRequired", ForumLimits.BodyNameLength]);
        }

        if (!System.Net.Mail.MailAddress.TryCreate(form.BodyEmail?.Trim(), out _) || form.BodyEmail!.Trim().Length > 254)
        {
            errors.Add(text["LearnerEmailInvalid"]);
        }

        if (errors.Count == 0)
        {
            var forwarded = await forum.ForwardAsync(forumEvent.Id, group, form.BodyName!, form.BodyEmail!, User.Identity!.Name!, ct);
            if (forwarded.Status == ForumStatus.Success)
            {
                await SendForwardingAsync(forwarded, form.BodyName!.Trim(), form.BodyEmail!.Trim(), ct);
                return GroupsDone(key, text["ForumForwarded", forwarded.Group!.Title, form.BodyName!.Trim()]);
            }

            errors.Add(text[$"Forum{forwarded.Status}"]);
        }

        return await GroupsErrorAsync(forumEvent, string.Join(" ", errors), ct, group, forward: form);
    }

    [HttpPost("{key:guid}/nhom/{group:int}/tra-loi"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Answer(Guid key, int group, [FromForm] AnswerForm form, CancellationToken ct)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.AnsweredBy) || form.AnsweredBy.Trim().Length > ForumLimits.BodyNameLength)
        {
            errors.Add(text["ForumBodyNameRequired", ForumLimits.BodyNameLength]);
        }

        if (string.IsNullOrWhiteSpace(form.Text) || form.Text.Trim().Length > ForumLimits.AnswerLength)
        {
            errors.Add(text["ForumAnswerRequired", ForumLimits.AnswerLength]);
        }

        if (errors.Count == 0)
        {
            var status = await forum.AnswerAsync(forumEvent.Id, group, form.Text!, form.AnsweredBy!, User.Identity!.Name!, ct);
            if (status == ForumStatus.Success)
            {
                return GroupsDone(key, text["ForumAnswerSaved"]);
            }

            errors.Add(text[$"Forum{status}"]);
        }

        return await GroupsErrorAsync(forumEvent, string.Join(" ", errors), ct, group, answer: form);
    }

    [HttpPost("{key:guid}/nhom/{group:int}/cong-bo"), ValidateAntiForgeryToken]
    public Task<IActionResult> Publish(Guid key, int group, CancellationToken ct) => SetPublishedAsync(key, group, true, ct);

    [HttpPost("{key:guid}/nhom/{group:int}/go-cong-bo"), ValidateAntiForgeryToken]
    public Task<IActionResult> Unpublish(Guid key, int group, CancellationToken ct) => SetPublishedAsync(key, group, false, ct);

    [HttpGet("{key:guid}/y-kien.xlsx")]
    public Task<IActionResult> ExportExcel(Guid key, CancellationToken ct) => ExportAsync(key, ExcelType.XLSX, ct);

    [HttpGet("{key:guid}/y-kien.csv")]
    public Task<IActionResult> ExportCsv(Guid key, CancellationToken ct) => ExportAsync(key, ExcelType.CSV, ct);

    private async Task<IActionResult> SetPublishedAsync(Guid key, int group, bool published, CancellationToken ct)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        var status = await forum.SetPublishedAsync(forumEvent.Id, group, published, ct);
        return status == ForumStatus.Success
            ? GroupsDone(key, text[published ? "ForumAnswerPublished" : "ForumAnswerUnpublished"])
            : await GroupsErrorAsync(forumEvent, text[$"Forum{status}"], ct);
    }

    /// <summary>
    /// The e-mail to the responsible body: the event's question and the group's opinions with the grade or age and the
    /// school, never the children's names (the body needs what was said and where, not who said it).
    /// </summary>
    private async Task SendForwardingAsync(ForwardResult forwarded, string bodyName, string bodyEmail, CancellationToken ct)
    {
        var (forumEvent, group) = (forwarded.Event!, forwarded.Group!);
        var lines = forwarded.Opinions!.Select((o, i) =>
        {
            var where = string.Join(", ", new[] { o.GradeOrAge, o.School }.Where(s => s is not null));
            return text["ForumForwardLine", i + 1, o.Text, where.Length > 0 ? $" ({where})" : ""].Value;
        });
        var page = $"{site.Value.BaseUrl(Request)}/dien-dan-tre-em/{forumEvent.Slug}";
        await outbox.EnqueueAsync(
            bodyEmail,
            text["ForumForwardSubject", group.Title],
            text["ForumForwardBody", bodyName, forumEvent.Title, forumEvent.Question, group.Title, string.Join("\n\n", lines), User.Identity!.Name!, page, site.Value.SiteName],
            ct: ct);
    }

    private async Task<IActionResult> ExportAsync(Guid key, ExcelType type, CancellationToken ct)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        var rows = (await forum.ExportAsync(forumEvent.Id, ct)).Select(r => new Dictionary<string, object?>
        {
            [text["ForumOpinionNumber"]] = r.Opinion.Id,
            [text["ForumSubmittedAt"]] = SiteClock.FormatDateTime(r.Opinion.SubmittedUtc),
            [text["ForumText"]] = r.Opinion.Text,
            [text["ForumFirstNameHeading"]] = r.Opinion.FirstName,
            [text["ForumSchoolHeading"]] = r.Opinion.School,
            [text["ForumGradeOrAgeHeading"]] = r.Opinion.GradeOrAge,
            [text["ForumSentByTeacherHeading"]] = r.Opinion.SentByTeacher ? text["Yes"].Value : text["No"].Value,
            [text["ForumStatusHeading"]] = text[$"ForumOpinion{r.Opinion.Status}"].Value,
            [text["ForumRejectionReason"]] = r.Opinion.RejectionReason,
            [text["ForumGroup"]] = r.GroupTitle,
        }).ToList();

        return await Spreadsheets.FileAsync([new Sheet(text["ForumOpinions"], rows)], type, $"y-kien-{forumEvent.Slug}", ct);
    }

    private List<string> Check(ForumEventForm form, out ForumEventDraft? draft)
    {
        draft = null;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.Title) || form.Title.Trim().Length > 300)
        {
            errors.Add(text["ForumTitleRequired"]);
        }

        if (string.IsNullOrWhiteSpace(form.Question) || form.Question.Trim().Length > 500)
        {
            errors.Add(text["ForumQuestionRequired"]);
        }

        var (opens, closes) = (SiteClock.FromLocalDateTime(form.Opens), SiteClock.FromLocalDateTime(form.Closes));
        if (opens is null || closes is null || opens >= closes)
        {
            errors.Add(text["ForumInvalidSchedule"]);
        }

        if (errors.Count == 0)
        {
            draft = new ForumEventDraft(form.Title!, UrlSegments.FromName(form.Title!), form.Question!, form.Description ?? "", opens!.Value, closes!.Value, form.ContestId is > 0 ? form.ContestId : null);
        }

        return errors;
    }

    private async Task<IActionResult> ModerateAsync(Guid key, int[] opinions, Func<ForumEvent, Task<ForumStatus>> moderate, string done, CancellationToken ct, string? reason = null)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        var status = await moderate(forumEvent);
        if (status == ForumStatus.Success)
        {
            TempData["Message"] = text[done, opinions.Distinct().Count()].Value;
            return Redirect($"/backoffice/dien-dan/{key}");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await EventPageAsync(key, OpinionStatus.Pending, ct, error: text[$"Forum{status}"], selected: opinions, reason: reason);
    }

    /// <param name="form">What the organiser typed in a refused edit, shown again with <paramref name="formErrors"/>; null shows the event as saved.</param>
    /// <param name="error">Why a moderation was refused, shown above the queue with the <paramref name="selected"/> opinions still ticked and the typed <paramref name="reason"/>.</param>
    private async Task<IActionResult> EventPageAsync(
        Guid key, OpinionStatus status, CancellationToken ct, ForumEventForm? form = null, IReadOnlyList<string>? formErrors = null, string? error = null, IReadOnlyCollection<int>? selected = null, string? reason = null)
    {
        if (await forum.FindAsync(key, ct) is not { } forumEvent)
        {
            return NotFound();
        }

        form ??= new ForumEventForm(forumEvent.Title, forumEvent.Question, forumEvent.Description, SiteClock.ToLocalInput(forumEvent.OpensUtc), SiteClock.ToLocalInput(forumEvent.ClosesUtc), forumEvent.ContestId);
        return View(Views + "Event.cshtml", new ForumEventAdminViewModel(
            forumEvent,
            await contests.ContestsAsync(ct),
            form,
            formErrors ?? [],
            await forum.CountsAsync(forumEvent.Id, ct),
            status,
            await forum.OpinionsAsync(forumEvent.Id, status, ct),
            selected ?? [],
            reason,
            TempData["Message"] as string,
            error));
    }

    private RedirectResult GroupsDone(Guid key, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/backoffice/dien-dan/{key}/nhom");
    }

    private async Task<IActionResult> GroupsErrorAsync(ForumEvent forumEvent, string error, CancellationToken ct, int? group = null, ForwardForm? forward = null, AnswerForm? answer = null)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await GroupsPageAsync(forumEvent, error, ct, group, forward, answer);
    }

    private async Task<IActionResult> GroupsPageAsync(ForumEvent forumEvent, string? error, CancellationToken ct, int? group = null, ForwardForm? forward = null, AnswerForm? answer = null)
    {
        var approved = await forum.OpinionsAsync(forumEvent.Id, OpinionStatus.Approved, ct);
        return View(Views + "Groups.cshtml", new ForumGroupsAdminViewModel(
            forumEvent, approved.Where(o => o.GroupId is null).ToList(), await forum.GroupsAsync(forumEvent.Id, ct), TempData["Message"] as string, error, group, forward, answer));
    }

    private async Task<ForumEventsAdminViewModel> ListAsync(ForumEventForm form, IReadOnlyList<string> errors, CancellationToken ct)
    {
        var events = new List<(ForumEvent, OpinionCounts)>();
        foreach (var forumEvent in await forum.EventsAsync(ct))
        {
            events.Add((forumEvent, await forum.CountsAsync(forumEvent.Id, ct)));
        }

        return new ForumEventsAdminViewModel(events, await contests.ContestsAsync(ct), form, errors);
    }
}
