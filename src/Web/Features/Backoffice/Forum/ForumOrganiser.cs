using ChildProtection.Cms.Text;
using ChildProtection.Core;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Forum;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Features.Forum;
using ChildProtection.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Forum;

/// <summary>
/// What an organiser's action on the queue or the groups came to. Each value's message is "Forum" + its name in
/// ForumText, with the action's figures, but for <see cref="InvalidForm"/> and <see cref="Refused"/>, whose
/// messages are the form's mistakes and the forum's own reason.
/// </summary>
public enum ForumActionStatus
{
    Approved,
    Rejected,
    GroupCreated,
    Assigned,
    Forwarded,
    AnswerSaved,
    AnswerPublished,
    AnswerUnpublished,
    ReasonTooLong,
    GroupTitleRequired,
    ForwardNotSaved,

    /// <summary>The form's fields were wrong (the body forwarded to, its address, the answer); the message lists each mistake.</summary>
    InvalidForm,

    /// <summary>The forum refused (nothing selected, the group empty, …); the message is its <see cref="ForumStatus"/>'s.</summary>
    Refused,
}

/// <summary>
/// What the organisers' forum pages do besides reading the request: the forms checked in the organiser's language,
/// the forum service called, the forwarding e-mail written and committed with its forwarding, and the pages' models.
/// Queue and group actions answer an attempt whose result is the message to show: what was done, or why nothing was.
/// </summary>
public sealed class ForumOrganiser(
    ForumService forum,
    ContestService contests,
    IEmailOutbox outbox,
    OutboxTransaction transaction,
    IOptions<SiteOptions> site,
    IStringLocalizer<ForumText> text)
{
    public string EventSaved => text["ForumEventSaved"];

    public async Task<(IReadOnlyList<string> Errors, ForumEvent? Created)> CreateEventAsync(ForumEventForm form, CancellationToken ct)
    {
        var errors = Check(form, out var draft);
        if (draft is null)
        {
            return (errors, null);
        }

        var (status, created) = await forum.CreateEventAsync(draft, ct);
        return status == ForumStatus.Success ? ([], created) : ([text[$"Forum{status}"]], null);
    }

    /// <returns>Why the change was refused; empty once it is saved.</returns>
    public async Task<IReadOnlyList<string>> UpdateEventAsync(ForumEvent forumEvent, ForumEventForm form, CancellationToken ct)
    {
        var errors = Check(form, out var draft);
        if (draft is null)
        {
            return errors;
        }

        var status = await forum.UpdateEventAsync(forumEvent.Key, draft, ct);
        return status == ForumStatus.Success ? [] : [text[$"Forum{status}"]];
    }

    public async Task<Attempt<string, ForumActionStatus>> ApproveAsync(ForumEvent forumEvent, int[] opinions, string moderator, CancellationToken ct) =>
        Moderated(await forum.ApproveAsync(forumEvent.Id, opinions, moderator, ct), ForumActionStatus.Approved, opinions);

    public async Task<Attempt<string, ForumActionStatus>> RejectAsync(ForumEvent forumEvent, int[] opinions, string? reason, string moderator, CancellationToken ct) =>
        reason?.Trim().Length > ForumLimits.ReasonLength
            ? Refusal(ForumActionStatus.ReasonTooLong, ForumLimits.ReasonLength)
            : Moderated(await forum.RejectAsync(forumEvent.Id, opinions, reason ?? "", moderator, ct), ForumActionStatus.Rejected, opinions);

    public async Task<Attempt<string, ForumActionStatus>> CreateGroupAsync(ForumEvent forumEvent, string? title, int[] opinions, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > ForumLimits.GroupTitleLength)
        {
            return Refusal(ForumActionStatus.GroupTitleRequired, ForumLimits.GroupTitleLength);
        }

        var (status, _) = await forum.CreateGroupAsync(forumEvent.Id, title, opinions, ct);
        return Done(status, ForumActionStatus.GroupCreated, title.Trim());
    }

    /// <param name="group">The group to put the opinions in; null takes them out of any group.</param>
    public async Task<Attempt<string, ForumActionStatus>> AssignAsync(ForumEvent forumEvent, int? group, int[] opinions, CancellationToken ct) =>
        Done(await forum.AssignAsync(forumEvent.Id, opinions, group, ct), ForumActionStatus.Assigned, opinions.Length);

    /// <summary>
    /// Records the forwarding and queues its e-mail in one transaction: a forwarding whose e-mail could not be queued
    /// (or an e-mail whose forwarding could not be saved) leaves neither behind.
    /// </summary>
    /// <param name="baseUrl">The site's address for the link to the public forum page.</param>
    public async Task<Attempt<string, ForumActionStatus>> ForwardAsync(ForumEvent forumEvent, int group, ForwardForm form, string forwardedBy, string baseUrl, CancellationToken ct)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.BodyName) || form.BodyName.Trim().Length > ForumLimits.BodyNameLength)
        {
            errors.Add(text["ForumBodyNameRequired", ForumLimits.BodyNameLength]);
        }

        if (!System.Net.Mail.MailAddress.TryCreate(form.BodyEmail?.Trim(), out _) || form.BodyEmail!.Trim().Length > 254)
        {
            errors.Add(text["LearnerEmailInvalid"]);
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var (bodyName, bodyEmail) = (form.BodyName!.Trim(), form.BodyEmail!.Trim());
        Attempt<ForwardedGroup, ForumStatus> forwarded;
        try
        {
            forwarded = await ForwardAndSendAsync(forumEvent, group, bodyName, bodyEmail, forwardedBy, baseUrl, ct);
        }
        catch (DbUpdateException e) when (!Cms.Persistence.DatabaseBusyException.IsBusy(e))
        {
            return Refusal(ForumActionStatus.ForwardNotSaved);
        }

        return Done(forwarded.Status, ForumActionStatus.Forwarded, forwarded.Result?.Group.Title ?? "", bodyName);
    }

    public async Task<Attempt<string, ForumActionStatus>> AnswerAsync(ForumEvent forumEvent, int group, AnswerForm form, string recordedBy, CancellationToken ct)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.AnsweredBy) || form.AnsweredBy.Trim().Length > ForumLimits.BodyNameLength)
        {
            errors.Add(text["ForumBodyNameRequired", ForumLimits.BodyNameLength]);
        }

        if (string.IsNullOrWhiteSpace(form.Text) || form.Text.Trim().Length > ForumLimits.AnswerLength)
        {
            errors.Add(text["ForumAnswerRequired", ForumLimits.AnswerLength]);
        }

        return errors.Count > 0
            ? Invalid(errors)
            : Done(await forum.AnswerAsync(forumEvent.Id, group, form.Text!, form.AnsweredBy!, recordedBy, ct), ForumActionStatus.AnswerSaved);
    }

    public async Task<Attempt<string, ForumActionStatus>> SetPublishedAsync(ForumEvent forumEvent, int group, bool published, CancellationToken ct) =>
        Done(await forum.SetPublishedAsync(forumEvent.Id, group, published, ct), published ? ForumActionStatus.AnswerPublished : ForumActionStatus.AnswerUnpublished);

    /// <summary>Every opinion of the event, with Vietnamese headers, as a spreadsheet of <paramref name="type"/>.</summary>
    public async Task<Microsoft.AspNetCore.Mvc.FileStreamResult> ExportAsync(ForumEvent forumEvent, MiniExcelLibs.ExcelType type, CancellationToken ct)
    {
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

    public async Task<ForumEventsAdminViewModel> EventsPageAsync(ForumEventForm form, IReadOnlyList<string> errors, CancellationToken ct)
    {
        var events = new List<(ForumEvent, OpinionCounts)>();
        foreach (var forumEvent in await forum.EventsAsync(ct))
        {
            events.Add((forumEvent, await forum.CountsAsync(forumEvent.Id, ct)));
        }

        return new ForumEventsAdminViewModel(events, await contests.ContestsAsync(ct), form, errors);
    }

    /// <param name="form">What the organiser typed in a refused edit, shown again with <paramref name="formErrors"/>; null shows the event as saved.</param>
    /// <param name="error">Why a moderation was refused, shown above the queue with the <paramref name="selected"/> opinions still ticked and the typed <paramref name="reason"/>.</param>
    public async Task<ForumEventAdminViewModel> EventPageAsync(
        ForumEvent forumEvent, OpinionStatus status, string? message, CancellationToken ct, ForumEventForm? form = null, IReadOnlyList<string>? formErrors = null, string? error = null, IReadOnlyCollection<int>? selected = null, string? reason = null) =>
        new(
            forumEvent,
            await contests.ContestsAsync(ct),
            form ?? new ForumEventForm(forumEvent.Title, forumEvent.Question, forumEvent.Description, SiteClock.ToLocalInput(forumEvent.OpensUtc), SiteClock.ToLocalInput(forumEvent.ClosesUtc), forumEvent.ContestId),
            formErrors ?? [],
            await forum.CountsAsync(forumEvent.Id, ct),
            status,
            await forum.OpinionsAsync(forumEvent.Id, status, ct),
            selected ?? [],
            reason,
            message,
            error);

    public async Task<ForumGroupsAdminViewModel> GroupsPageAsync(ForumEvent forumEvent, string? message, string? error, CancellationToken ct, int? group = null, ForwardForm? forward = null, AnswerForm? answer = null)
    {
        var approved = await forum.OpinionsAsync(forumEvent.Id, OpinionStatus.Approved, ct);
        return new ForumGroupsAdminViewModel(forumEvent, approved.Where(o => o.GroupId is null).ToList(), await forum.GroupsAsync(forumEvent.Id, ct), message, error, group, forward, answer);
    }

    private Task<Attempt<ForwardedGroup, ForumStatus>> ForwardAndSendAsync(ForumEvent forumEvent, int group, string bodyName, string bodyEmail, string forwardedBy, string baseUrl, CancellationToken ct) =>
        transaction.RunAsync(
            async token =>
            {
                var result = await forum.ForwardAsync(forumEvent.Id, group, bodyName, bodyEmail, forwardedBy, token);
                if (result.Success)
                {
                    await SendForwardingAsync(result.Result, bodyName, bodyEmail, forwardedBy, baseUrl, token);
                }

                return result;
            },
            result => result.Success,
            ct);

    /// <summary>
    /// The e-mail to the responsible body: the event's question and the group's opinions with the grade or age and the
    /// school, never the children's names (the body needs what was said and where, not who said it).
    /// </summary>
    private async Task SendForwardingAsync(ForwardedGroup forwarded, string bodyName, string bodyEmail, string forwardedBy, string baseUrl, CancellationToken ct)
    {
        var (forumEvent, group) = (forwarded.Event, forwarded.Group);
        var lines = forwarded.Opinions.Select((o, i) =>
        {
            var where = string.Join(", ", new[] { o.GradeOrAge, o.School }.Where(s => s is not null));
            return text["ForumForwardLine", i + 1, o.Text, where.Length > 0 ? $" ({where})" : ""].Value;
        });
        await outbox.EnqueueAsync(
            bodyEmail,
            text["ForumForwardSubject", group.Title],
            text["ForumForwardBody", bodyName, forumEvent.Title, forumEvent.Question, group.Title, string.Join("\n\n", lines), forwardedBy, $"{baseUrl}/dien-dan-tre-em/{forumEvent.Slug}", site.Value.SiteName],
            ct: ct);
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

    private Attempt<string, ForumActionStatus> Moderated(ForumStatus status, ForumActionStatus done, int[] opinions) =>
        Done(status, done, opinions.Distinct().Count());

    /// <param name="figures">What the message of <paramref name="done"/> names (a count, a group's title); unused on a refusal.</param>
    private Attempt<string, ForumActionStatus> Done(ForumStatus status, ForumActionStatus done, params object[] figures) =>
        status == ForumStatus.Success
            ? Attempt.SucceedWithStatus(done, text[$"Forum{done}", figures].Value)
            : Attempt.FailWithStatus(ForumActionStatus.Refused, text[$"Forum{status}"].Value);

    private Attempt<string, ForumActionStatus> Refusal(ForumActionStatus status, params object[] figures) =>
        Attempt.FailWithStatus(status, text[$"Forum{status}", figures].Value);

    private static Attempt<string, ForumActionStatus> Invalid(IEnumerable<string> errors) =>
        Attempt.FailWithStatus(ForumActionStatus.InvalidForm, string.Join(" ", errors));
}
