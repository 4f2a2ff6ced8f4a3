using ChildProtection.Training.Contests;
using ChildProtection.Training.Marking;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Contests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Marking;

/// <param name="Essay">The next essay to mark; null when this juror has none left in the round.</param>
/// <param name="Typed">The mark and comment sent with an error, shown again.</param>
public sealed record MarkEssayViewModel(RoundMarking Progress, EssayToMark? Essay, string? Message, string? Error, MarkForm? Typed = null);

public sealed record MarkForm(long? AttemptId, long? QuestionId, string? Marks, string? Comment);

/// <summary>The marking form of one essay, posted to <paramref name="Action"/>; <paramref name="Turns"/> says whether it is a jury's (which marker this is) or a single marker's.</summary>
public sealed record EssayToMarkForm(EssayToMark Essay, string Action, MarkForm? Typed, bool Turns);

/// <param name="Waiting">Course essays in the manager's units with no mark yet.</param>
public sealed record CourseEssayViewModel(int Waiting, CourseEssayToMark? Essay, string? Message, string? Error, MarkForm? Typed = null);

/// <param name="CourseEssays">For a training manager, the course essays of their units waiting for a mark; null for other staff.</param>
public sealed record MarkingIndexViewModel(IReadOnlyList<RoundMarking> Rounds, int? CourseEssays);

/// <summary>
/// The marking screen: the rounds with essays of every contest the staff member is a juror of, and in each the next
/// essay for them, blind; for a training manager, the course essays of their units. Any staff account may be named to
/// a jury, so the page is for all staff and shows each only their own contests' essays.
/// </summary>
[Route("backoffice/cham-bai"), Authorize(Policy = BackofficePolicies.Staff)]
public sealed class MarkingController(
    ContestService contests, QuizService quizzes, EssayMarking marking, UserManager<StaffUser> users, StaffUnitScopes scopes, IAuthorizationService authorization, IStringLocalizer<ContestsText> text)
    : Controller
{
    private const string Views = "~/Features/Backoffice/Marking/";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var managesTraining = (await authorization.AuthorizeAsync(User, BackofficePolicies.ManageTraining)).Succeeded;
        return View(Views + "Index.cshtml", new MarkingIndexViewModel(
            await marking.RoundsForAsync(users.GetUserId(User)!, ct),
            managesTraining ? await marking.CourseEssaysWaitingAsync(await scopes.ForAsync(User, ct), ct) : null));
    }

    /// <summary>Course essays: the oldest one of the manager's units with no mark, marked once.</summary>
    [HttpGet("khoa-hoc"), Authorize(Policy = BackofficePolicies.ManageTraining)]
    public async Task<IActionResult> Course(CancellationToken ct) => await CoursePageAsync(TempData["Message"] as string, null, null, ct);

    [HttpPost("khoa-hoc"), Authorize(Policy = BackofficePolicies.ManageTraining), ValidateAntiForgeryToken]
    public async Task<IActionResult> MarkCourse([FromForm(Name = "bai")] long? attemptId, [FromForm(Name = "cau")] long? questionId,
        [FromForm(Name = "diem")] string? marks, [FromForm(Name = "nhan-xet")] string? comment, CancellationToken ct)
    {
        var typed = new MarkForm(attemptId, questionId, marks, comment);
        if (ReadMarks(marks) is not { } value || attemptId is null || questionId is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await CoursePageAsync(null, text["MarkNotANumber"], typed, ct);
        }

        var account = await users.GetUserAsync(User);
        var status = await marking.MarkCourseEssayAsync(await scopes.ForAsync(User, ct), account!.Id, account.DisplayName, attemptId.Value, questionId.Value, value, comment, ct);
        if (status != MarkingStatus.Success)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await CoursePageAsync(null, text[$"Mark{status}"], status == MarkingStatus.MarksOutOfRange ? typed : null, ct);
        }

        TempData["Message"] = text["MarkSaved"].Value;
        return Redirect("/backoffice/cham-bai/khoa-hoc");
    }

    /// <summary>The file attached to an essay, for its markers only: the contest's jurors, or for a course a training manager of the learner's units.</summary>
    [HttpGet("tep/{attempt:long}/{question:long}")]
    public async Task<IActionResult> Attachment(long attempt, long question, CancellationToken ct)
    {
        var trainingScope = (await authorization.AuthorizeAsync(User, BackofficePolicies.ManageTraining)).Succeeded ? await scopes.ForAsync(User, ct) : null;
        if (!await marking.MayReadAsync(users.GetUserId(User)!, trainingScope, attempt, ct) || await quizzes.AttachmentAsync(attempt, question, ct) is not { } file)
        {
            return NotFound();
        }

        // A download, and sandboxed should a browser open it all the same: never a page of the site, whatever it holds.
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        return File(file.Content, file.ContentType, file.FileName);
    }

    [HttpGet("{key:guid}/vong/{number:int}")]
    public async Task<IActionResult> Round(Guid key, int number, CancellationToken ct) =>
        await PageAsync(key, number, TempData["Message"] as string, null, null, ct) ?? NotFound();

    [HttpPost("{key:guid}/vong/{number:int}"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Mark(Guid key, int number, [FromForm(Name = "bai")] long? attemptId, [FromForm(Name = "cau")] long? questionId,
        [FromForm(Name = "diem")] string? marks, [FromForm(Name = "nhan-xet")] string? comment, CancellationToken ct)
    {
        if (await contests.FindAsync(key, ct) is not { } contest || contest.Rounds.FirstOrDefault(r => r.Number == number) is not { } round)
        {
            return NotFound();
        }

        var typed = new MarkForm(attemptId, questionId, marks, comment);
        if (ReadMarks(marks) is not { } value || attemptId is null || questionId is null)
        {
            return await RefusedAsync(key, number, text["MarkNotANumber"], typed, ct);
        }

        var account = await users.GetUserAsync(User);
        var status = await marking.MarkAsync(contest, round, account!.Id, account.DisplayName, attemptId.Value, questionId.Value, value, comment, ct);
        if (status != MarkingStatus.Success)
        {
            return await RefusedAsync(key, number, text[$"Mark{status}"], status == MarkingStatus.MarksOutOfRange ? typed : null, ct);
        }

        TempData["Message"] = text["MarkSaved"].Value;
        return Redirect($"/backoffice/cham-bai/{key}/vong/{number}");
    }

    private async Task<IActionResult> RefusedAsync(Guid key, int number, string error, MarkForm? typed, CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await PageAsync(key, number, null, error, typed, ct) ?? NotFound();
    }

    /// <summary>The round's next essay for this juror; the one typed again when a mark was refused as out of range.</summary>
    private async Task<IActionResult?> PageAsync(Guid key, int number, string? message, string? error, MarkForm? typed, CancellationToken ct)
    {
        if (await contests.FindAsync(key, ct) is not { } contest || contest.Rounds.FirstOrDefault(r => r.Number == number) is not { } round)
        {
            return null;
        }

        // Another contest's essays are no business of this account: as if there were no such round.
        var account = users.GetUserId(User)!;
        if (!await marking.IsJurorAsync(contest.Id, account, ct))
        {
            return null;
        }

        var essay = await marking.NextAsync(contest, round, account, ct);
        return View(Views + "Round.cshtml", new MarkEssayViewModel(await marking.ProgressAsync(contest, round, account, ct), essay, message, error, typed));
    }

    private async Task<IActionResult> CoursePageAsync(string? message, string? error, MarkForm? typed, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(User, ct);
        return View(Views + "Course.cshtml", new CourseEssayViewModel(await marking.CourseEssaysWaitingAsync(scope, ct), await marking.NextCourseEssayAsync(scope, ct), message, error, typed));
    }

    /// <summary>A mark as typed (7,5 or 7.5, read as numerical answers are); null when it is no number of 0 or more.</summary>
    private static decimal? ReadMarks(string? marks) =>
        QuestionGrader.TryParseNumber(marks ?? "", out var value) && value >= 0 ? value : null;
}
