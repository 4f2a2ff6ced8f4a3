using ChildProtection.Training.Contests;
using ChildProtection.Training.Marking;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Contests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Contests;

/// <summary>A contest's jury (ban giám khảo) as its organiser names it, and the gap past which an essay gets a third marker.</summary>
[Route("backoffice/cuoc-thi/{key:guid}/giam-khao"), Authorize(Policy = BackofficePolicies.Contests)]
public sealed class JuryController(ContestService contests, EssayMarking marking, UserManager<StaffUser> users, IStringLocalizer<ContestsText> text) : Controller
{
    [HttpPost(""), ValidateAntiForgeryToken]
    public async Task<IActionResult> Add(Guid key, [FromForm(Name = "tai-khoan")] string? accountId, CancellationToken ct)
    {
        if (await contests.FindAsync(key, ct) is not { } contest)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(accountId) || await users.FindByIdAsync(accountId) is not { } account)
        {
            return Back(contest, error: text["JuryNoSuchAccount"]);
        }

        await marking.AddJurorAsync(contest.Id, account.Id, string.IsNullOrWhiteSpace(account.DisplayName) ? account.Email ?? account.UserName ?? account.Id : account.DisplayName, ct);
        return Back(contest, message: text["JurorAdded", account.DisplayName]);
    }

    /// <summary>Takes a juror off; the form asks first (a box to tick), and the marks they gave stay.</summary>
    [HttpPost("xoa"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Remove(Guid key, [FromForm(Name = "tai-khoan")] string? accountId, [FromForm(Name = "dong-y")] bool confirmed, CancellationToken ct)
    {
        if (await contests.FindAsync(key, ct) is not { } contest)
        {
            return NotFound();
        }

        if (!confirmed)
        {
            return Back(contest, error: text["JurorRemoveNotConfirmed"]);
        }

        await marking.RemoveJurorAsync(contest.Id, accountId ?? "", ct);
        return Back(contest, message: text["JurorRemoved"]);
    }

    [HttpPost("do-lech"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Gap(Guid key, [FromForm(Name = "do-lech")] string? gap, CancellationToken ct)
    {
        if (await contests.FindAsync(key, ct) is not { } contest)
        {
            return NotFound();
        }

        if (!QuestionGrader.TryParseNumber(gap ?? "", out var value) || value < 0 || value > 1000 || decimal.Round(value, 2) != value)
        {
            return Back(contest, error: text["JuryGapInvalid"]);
        }

        await marking.SetGapAsync(contest.Id, value, ct);
        return Back(contest, message: text["JuryGapSaved"]);
    }

    /// <summary>The staff accounts an organiser may name, for the contest page's list.</summary>
    public static async Task<IReadOnlyList<StaffUser>> AccountsAsync(UserManager<StaffUser> users) =>
        await users.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ToListAsync();

    /// <summary>Back to the contest's page, which shows what was done or what was wrong (a redirect, so a reload sends nothing again).</summary>
    private RedirectResult Back(Contest contest, string? message = null, string? error = null)
    {
        TempData["Message"] = message;
        TempData["Error"] = error;
        return Redirect($"/backoffice/cuoc-thi/{contest.Key}#giam-khao");
    }
}
