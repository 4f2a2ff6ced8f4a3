using System.Globalization;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Marking;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Contests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Marking;

public sealed record MarkingIndexViewModel(IReadOnlyList<RoundMarking> Rounds);

/// <param name="Essay">The next essay to mark; null when this juror has none left in the round.</param>
/// <param name="Typed">The mark and comment sent with an error, shown again.</param>
public sealed record MarkEssayViewModel(RoundMarking Progress, EssayToMark? Essay, string? Message, string? Error, MarkForm? Typed = null);

public sealed record MarkForm(long? AttemptId, long? QuestionId, string? Marks, string? Comment);

/// <summary>
/// The jury's marking screen: the rounds with essays of every contest the staff member is a juror of, and in each the
/// next essay for them, blind. Any staff account may be named to a jury, so the page is for all staff and shows each
/// only their own contests' essays.
/// </summary>
[Route("backoffice/cham-bai"), Authorize(Policy = BackofficePolicies.Staff)]
public sealed class MarkingController(ContestService contests, EssayMarking marking, UserManager<StaffUser> users, IStringLocalizer<ContestsText> text) : Controller
{
    private const string Views = "~/Features/Backoffice/Marking/";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(Views + "Index.cshtml", new MarkingIndexViewModel(await marking.RoundsForAsync(users.GetUserId(User)!, ct)));

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
        // A mark is written 7,5 in Vietnamese; a browser's number field sends 7.5.
        if (!decimal.TryParse(marks?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || attemptId is null || questionId is null)
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
}
