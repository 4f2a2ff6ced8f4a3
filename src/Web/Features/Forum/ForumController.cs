using ChildProtection.Training.Contests;
using ChildProtection.Training.Forum;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Forum;

/// <summary>
/// The Children's Forum at /dien-dan-tre-em: events, the opinion form (anonymous unless the child adds a first name
/// or school), a thank-you page, and the answers the organisers published with the opinions they answer.
/// </summary>
[Route("dien-dan-tre-em")]
public sealed class ForumController(ForumService forum, SiteClock clock, IStringLocalizer<ForumText> text) : Controller
{
    private const string Views = "~/Features/Forum/";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(Views + "Index.cshtml", new ForumListViewModel(await forum.EventsAsync(ct), clock.UtcNow));

    [HttpGet("{slug}")]
    public async Task<IActionResult> Event(string slug, CancellationToken ct) =>
        await EventPageAsync(slug, new OpinionForm(null, null, null, null, false, null), [], ct);

    [HttpPost("{slug}"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Send(string slug, [FromForm] OpinionForm form, CancellationToken ct)
    {
        if (await forum.FindAsync(slug, ct) is not { } forumEvent)
        {
            return Missing();
        }

        // A robot filled in the hidden field: it is thanked like anyone, and nothing is kept.
        if (!string.IsNullOrEmpty(form.Website))
        {
            return Redirect($"/dien-dan-tre-em/{slug}/cam-on");
        }

        var errors = Check(form);
        if (errors.Count == 0)
        {
            var status = await forum.SubmitAsync(
                forumEvent.Id,
                new OpinionDraft(form.Text!, form.FirstName, form.School, form.GradeOrAge, form.SentByTeacher),
                HttpContext.Connection.RemoteIpAddress?.ToString() ?? "",
                ct);
            if (status == ForumStatus.Success)
            {
                return Redirect($"/dien-dan-tre-em/{slug}/cam-on");
            }

            Response.StatusCode = status == ForumStatus.TooManyRequests ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
            errors.Add(text[$"Forum{status}"]);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await EventPageAsync(slug, form, errors, ct);
    }

    [HttpGet("{slug}/cam-on")]
    public async Task<IActionResult> ThankYou(string slug, CancellationToken ct) =>
        await forum.FindAsync(slug, ct) is { } forumEvent ? View(Views + "ThankYou.cshtml", new ForumThankYouViewModel(forumEvent)) : Missing();

    private List<string> Check(OpinionForm form)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.Text) || form.Text.Trim().Length > ForumLimits.TextLength)
        {
            errors.Add(text["ForumTextRequired", ForumLimits.TextLength]);
        }

        // A first name only: "Lan" or "Minh Anh", never the full name that, with a school, tells who the child is.
        if (form.FirstName?.Trim() is { Length: > 0 } name
            && (name.Length > ForumLimits.FirstNameLength || name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 2))
        {
            errors.Add(text["ForumFirstNameOnly"]);
        }

        if (form.School?.Trim().Length > ForumLimits.SchoolLength)
        {
            errors.Add(text["ForumSchoolTooLong", ForumLimits.SchoolLength]);
        }

        if (form.GradeOrAge?.Trim().Length > ForumLimits.GradeOrAgeLength)
        {
            errors.Add(text["ForumGradeOrAgeTooLong", ForumLimits.GradeOrAgeLength]);
        }

        return errors;
    }

    private async Task<IActionResult> EventPageAsync(string slug, OpinionForm form, IReadOnlyList<string> errors, CancellationToken ct)
    {
        if (await forum.FindAsync(slug, ct) is not { } forumEvent)
        {
            return Missing();
        }

        var now = clock.UtcNow;
        var contest = await forum.ContestOfAsync(forumEvent, ct);
        var quizUrl = contest is null
            ? null
            : contest.Rounds.FirstOrDefault(r => r.StateAt(now) == RoundState.Open) is { } round
                ? $"/cuoc-thi/{contest.Slug}/vong/{round.Number}"
                : $"/cuoc-thi/{contest.Slug}";
        return View(Views + "Event.cshtml", new ForumPageViewModel(
            forumEvent, forumEvent.StateAt(now), contest, quizUrl, await forum.PublishedAnswersAsync(forumEvent.Id, ct), form, errors));
    }

    private IActionResult Missing()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View(Views + "Missing.cshtml");
    }
}
