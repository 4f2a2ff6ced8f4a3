using System.Globalization;
using ChildProtection.Cms.Text;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Marking;
using ChildProtection.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using ChildProtection.Training.Quizzes;
using ChildProtection.Web.Features.Contests;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace ChildProtection.Web.Features.Backoffice.Contests;

/// <param name="RankingOrder">"default", or "guess-first" for the score → guess → time → earliest start order some provinces use.</param>
/// <param name="Draws">A number per category of every bank listed; only those of the chosen bank count, and when they are all empty <paramref name="QuestionsPerRound"/> is spread in proportion.</param>
public sealed record ContestCreateForm(
    string? Title,
    string? Description,
    string? BankName,
    int? QuestionsPerRound,
    int? TimeLimitMinutes,
    string? FirstRoundOpens,
    int? RoundCount,
    int? DaysPerRound,
    string? RankingOrder,
    bool ShowAnswers = false,
    IReadOnlyList<CategoryDrawField>? Draws = null)
{
    /// <summary>What the organiser typed for a category of a bank, to show it again.</summary>
    public string? DrawOf(string bank, string category) => Draws?.FirstOrDefault(d => d.Bank == bank && d.Category == category)?.Count;
}

/// <summary>One category's number of questions as typed (kept as text so that a wrong entry can be shown and explained).</summary>
public sealed record CategoryDrawField(string? Bank, string? Category, string? Count);

public sealed record ContestsAdminViewModel(IReadOnlyList<Contest> Contests, IReadOnlyList<string> Banks, IReadOnlyList<BankCategory> Categories, ContestCreateForm Form, IReadOnlyList<string> Errors);

public sealed record ContestAdminViewModel(Contest Contest, IReadOnlyList<RoundCounts> Rounds, ContestUnitCountsView Units, IReadOnlyList<ClassSummary> Classes, DateTime NowUtc, string? Message, string? Error, JuryView Jury);

/// <summary>The contest's jury, the staff accounts that may join it, and each round's marking (rounds without essays left out).</summary>
public sealed record JuryView(IReadOnlyList<ContestJuror> Jurors, IReadOnlyList<StaffUser> Accounts, IReadOnlyList<RoundMarking> Rounds);

/// <summary>Contest organisers' pages: create a contest and its rounds, follow entries live, approve results, export entries.</summary>
[Route("backoffice/cuoc-thi"), Authorize(Policy = BackofficePolicies.Contests)]
public sealed class ContestsAdminController(
    ContestService contests, QuizService quizzes, ContestUnits units, ContestClasses classes, EssayMarking marking, UserManager<StaffUser> users, SiteClock clock, IStringLocalizer<ContestsText> text) : Controller
{
    private const string Views = "~/Features/Backoffice/Contests/";

    /// <summary>Score → tie-break guess → time → earliest start (Quảng Nam 2022).</summary>
    private static readonly RankingCriterion[] GuessFirst =
        [RankingCriterion.MostCorrect, RankingCriterion.ClosestGuess, RankingCriterion.ShortestTime, RankingCriterion.EarliestStart];

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(Views + "Index.cshtml", await ListAsync(new ContestCreateForm(null, null, null, 10, 15, null, 4, 7, "default"), [], ct));

    [HttpPost("tao"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Create([FromForm] ContestCreateForm form, CancellationToken ct)
    {
        var errors = new List<string>();
        var opens = SiteClock.FromLocalDateTime(form.FirstRoundOpens);
        if (string.IsNullOrWhiteSpace(form.Title) || form.Title.Trim().Length > 300)
        {
            errors.Add(text["ContestTitleRequired"]);
        }

        var draws = await ReadDrawsAsync(form, errors, ct);
        if (opens is null || form.RoundCount is not (>= 1 and <= 52) || form.DaysPerRound is not (>= 1 and <= 60)
            || (draws is null && form.QuestionsPerRound is not (>= 1 and <= 200)) || form.TimeLimitMinutes is not (>= 1 and <= 600))
        {
            errors.Add(text["ContestInvalidSchedule"]);
        }

        if (errors.Count == 0)
        {
            var rounds = Enumerable.Range(0, form.RoundCount!.Value)
                .Select(i => new RoundSchedule(opens!.Value.AddDays(i * form.DaysPerRound!.Value), opens.Value.AddDays((i + 1) * form.DaysPerRound.Value)))
                .ToList();
            var (status, contest) = await contests.CreateAsync(new ContestDraft(
                form.Title!, UrlSegments.FromName(form.Title!), form.Description ?? "", form.BankName ?? "", form.QuestionsPerRound ?? 0, form.TimeLimitMinutes!.Value,
                form.RankingOrder == "guess-first" ? GuessFirst : ContestRanking.DefaultOrder, rounds, form.ShowAnswers, draws), ct);
            if (status == ContestStatus.Success)
            {
                return Redirect($"/backoffice/cuoc-thi/{contest!.Key}");
            }

            errors.Add(text[$"Contest{status}"]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(Views + "Index.cshtml", await ListAsync(form, errors, ct));
    }

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Contest(Guid key, [FromQuery(Name = "don-vi")] int? unit, CancellationToken ct) =>
        await ContestPageAsync(key, TempData["Message"] as string, TempData["Error"] as string, ct, unit);

    [HttpPost("{key:guid}/vong/{number:int}/duyet"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Approve(Guid key, int number, CancellationToken ct)
    {
        if (await RoundAsync(key, number, ct) is not { } round)
        {
            return NotFound();
        }

        var status = await contests.ApproveResultsAsync(round.Id, ct);
        if (status != ContestStatus.Success)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ContestPageAsync(key, null, text[$"Contest{status}"], ct);
        }

        return await ContestPageAsync(key, text["ContestResultsApproved", number], null, ct);
    }

    [HttpGet("{key:guid}/vong/{number:int}/danh-sach.xlsx")]
    public Task<IActionResult> ExportExcel(Guid key, int number, CancellationToken ct) => ExportAsync(key, number, ExcelType.XLSX, ct);

    [HttpGet("{key:guid}/vong/{number:int}/danh-sach.csv")]
    public Task<IActionResult> ExportCsv(Guid key, int number, CancellationToken ct) => ExportAsync(key, number, ExcelType.CSV, ct);

    private async Task<IActionResult> ExportAsync(Guid key, int number, ExcelType type, CancellationToken ct)
    {
        if (await RoundAsync(key, number, ct) is not { } round)
        {
            return NotFound();
        }

        var rows = (await contests.ExportAsync(round.Id, ct)).Select(r => new Dictionary<string, object?>
        {
            [text["ContestRank"]] = r.Rank,
            [text["ContestFullName"]] = r.Entry.FullName,
            [text["ContestBirthOrClass"]] = r.Entry.BirthDateOrClass,
            [text["ContestSchool"]] = r.Entry.School,
            [text["Email"]] = r.Entry.Email,
            [text["ContestClasses"]] = r.Class?.Name,
            [text["ClassOrganiser"]] = r.Class?.Organiser,
            [text["ContestVerified"]] = r.Entry.Verified ? text["Yes"].Value : text["No"].Value,
            [text["ContestStartedAt"]] = r.StartedUtc is { } started ? SiteClock.FormatDateTime(started) : null,
            [text["ContestSubmittedAt"]] = r.SubmittedUtc is { } submitted ? SiteClock.FormatDateTime(submitted) : null,
            [text["ContestCorrect"]] = r.Correct,
            [text["ContestMarks"]] = r.Marks,
            [text["ContestSeconds"]] = r.Duration is { } duration ? (long)duration.TotalSeconds : null,
            [text["ContestGuess"]] = r.Entry.Guess,
        }).ToList();

        return await Spreadsheets.FileAsync([new Sheet(text["ContestEntries"], rows)], type, $"cuoc-thi-vong-{number}", ct);
    }

    private async Task<ContestRound?> RoundAsync(Guid key, int number, CancellationToken ct) =>
        (await contests.FindAsync(key, ct))?.Rounds.FirstOrDefault(r => r.Number == number);

    /// <param name="unit">The unit whose children the per-unit counts show; null for the top of the tree.</param>
    private async Task<IActionResult> ContestPageAsync(Guid key, string? message, string? error, CancellationToken ct, int? unit = null)
    {
        if (await contests.FindAsync(key, ct) is not { } contest || await units.CountsAsync(contest, unit, ct) is not { } byUnit)
        {
            return NotFound();
        }

        var marked = new List<RoundMarking>();
        foreach (var round in contest.Rounds)
        {
            if (await marking.ProgressAsync(contest, round, null, ct) is { Essays: > 0 } progress)
            {
                marked.Add(progress);
            }
        }

        var jury = new JuryView(await marking.JuryAsync(contest.Id, ct), await JuryController.AccountsAsync(users), marked);
        return View(Views + "Contest.cshtml", new ContestAdminViewModel(contest, await contests.CountsAsync(contest, ct), byUnit, await classes.ClassesOfContestAsync(contest, ct), clock.UtcNow, message, error, jury));
    }

    /// <summary>
    /// The numbers per category of the chosen bank, or null when they are all left empty (the total is then spread in
    /// proportion). Each category asked for more questions than it holds, or given something that is not a number, is
    /// named in <paramref name="errors"/>.
    /// </summary>
    private async Task<IReadOnlyList<CategoryDraw>?> ReadDrawsAsync(ContestCreateForm form, List<string> errors, CancellationToken ct)
    {
        var typed = (form.Draws ?? []).Where(d => d.Bank == form.BankName && d.Category is not null && !string.IsNullOrWhiteSpace(d.Count)).ToList();
        if (typed.Count == 0)
        {
            return null;
        }

        var problems = errors.Count;
        var draws = new List<CategoryDraw>();
        foreach (var field in typed)
        {
            if (int.TryParse(field.Count, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                draws.Add(new CategoryDraw(field.Category!, count));
            }
            else
            {
                errors.Add(text["ContestDrawNotANumber", field.Category!]);
            }
        }

        foreach (var shortage in CategoryDraws.Shortages(await quizzes.CategoriesAsync(form.BankName, ct), draws))
        {
            errors.Add(text["ContestCategoryShort", shortage.Category, shortage.Available, shortage.Wanted]);
        }

        if (errors.Count == problems && draws.Sum(d => d.Count) == 0)
        {
            errors.Add(text["ContestNothingDrawn"]);
        }

        return draws;
    }

    private async Task<ContestsAdminViewModel> ListAsync(ContestCreateForm form, IReadOnlyList<string> errors, CancellationToken ct) =>
        new(await contests.ContestsAsync(ct), (await quizzes.BanksAsync(ct)).Select(b => b.Bank.Name).ToList(), await quizzes.CategoriesAsync(ct: ct), form, errors);
}
