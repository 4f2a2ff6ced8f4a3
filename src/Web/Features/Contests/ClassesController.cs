using System.Globalization;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Learning;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Contests;

public sealed record ClassForm(string? Round, string? Name, string? Seats);

public sealed record ClassesViewModel(IReadOnlyList<ClassSummary> Classes, IReadOnlyList<(Contest Contest, ContestRound Round)> Rounds, ClassForm Form, IReadOnlyList<string> Errors, bool MayRegister, int MaxSeats);

/// <param name="SiteAddress">The site's public address, printed on every slip so a child knows where to type the code.</param>
public sealed record ClassSheetViewModel(ClassSheet Sheet, string SiteAddress);

public sealed record ClassResultsViewModel(ClassResults Results, DateTime NowUtc, string? Error = null);

/// <summary>
/// Classes registered for a contest round by a teacher or Đoàn officer, in the learner area at /hoc-tap/lop-du-thi: the
/// form, the sheet of single-use codes to print, new codes for a lost sheet, and the class's results.
/// </summary>
[Route("hoc-tap/lop-du-thi"), Authorize(Policy = LearnerAccountsExtensions.Scheme)]
public sealed class ClassesController(ContestClasses classes, LearningService learning, SiteClock clock, IOptions<ContestOptions> options, IOptions<SiteOptions> site, IStringLocalizer<ContestsText> text) : Controller
{
    private const string Views = "~/Features/Contests/";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await learning.SignedInAsync(User, ct) is { } learner ? View(Views + "Classes.cshtml", await ListAsync(learner, new ClassForm(null, null, null), [], ct)) : SignedOut();

    [HttpPost(""), ValidateAntiForgeryToken]
    public async Task<IActionResult> Register([FromForm] ClassForm form, CancellationToken ct)
    {
        if (await learning.SignedInAsync(User, ct) is not { } learner)
        {
            return SignedOut();
        }

        var errors = new List<string>();
        if (!ContestClasses.MayRegister(learner.Role))
        {
            errors.Add(text["ClassOrganisersOnly"]);
        }

        if (!int.TryParse(form.Round, NumberStyles.None, CultureInfo.InvariantCulture, out var roundId))
        {
            errors.Add(text["ClassRoundRequired"]);
        }

        if (string.IsNullOrWhiteSpace(form.Name) || form.Name.Trim().Length > 50)
        {
            errors.Add(text["ClassNameRequired"]);
        }

        // The range is the service's to check; a number at all is the form's.
        var maxSeats = options.Value.MaxSeatsPerClass;
        if (!int.TryParse(form.Seats, NumberStyles.None, CultureInfo.InvariantCulture, out var seats))
        {
            errors.Add(text["ContestInvalidSeats", maxSeats]);
        }

        if (errors.Count == 0)
        {
            var registered = await classes.RegisterAsync(new ClassOrganiser(learner.AccountId, learner.FullName, learner.UnitId), roundId, form.Name!, seats, ct);
            if (registered is { Success: true, Result: { } sheet })
            {
                return View(Views + "ClassSheet.cshtml", new ClassSheetViewModel(sheet, site.Value.BaseUrl(Request)));
            }

            errors.Add(text[$"Contest{registered.Status}", maxSeats]);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(Views + "Classes.cshtml", await ListAsync(learner, form, errors, ct));
    }

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Results(Guid key, CancellationToken ct)
    {
        if (await learning.SignedInAsync(User, ct) is not { } learner)
        {
            return SignedOut();
        }

        return await classes.ResultsAsync(learner.AccountId, key, ct) is { } results
            ? View(Views + "ClassResults.cshtml", new ClassResultsViewModel(results, clock.UtcNow))
            : Missing();
    }

    /// <summary>The results page asks first (the old codes of the unused seats stop working); this makes the new sheet.</summary>
    [HttpPost("{key:guid}/cap-lai-ma"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Reissue(Guid key, [FromForm(Name = "dong-y")] bool agreed, CancellationToken ct)
    {
        if (await learning.SignedInAsync(User, ct) is not { } learner)
        {
            return SignedOut();
        }

        if (!agreed)
        {
            if (await classes.ResultsAsync(learner.AccountId, key, ct) is not { } results)
            {
                return Missing();
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(Views + "ClassResults.cshtml", new ClassResultsViewModel(results, clock.UtcNow, text["ClassReissueNotConfirmed"]));
        }

        return await classes.ReissueAsync(learner.AccountId, key, ct) is { } sheet
            ? View(Views + "ClassSheet.cshtml", new ClassSheetViewModel(sheet, site.Value.BaseUrl(Request)))
            : Missing();
    }

    private async Task<ClassesViewModel> ListAsync(Learner learner, ClassForm form, IReadOnlyList<string> errors, CancellationToken ct) =>
        new(await classes.ClassesOfAsync(learner.AccountId, ct), await classes.RoundsOpenForClassesAsync(ct), form, errors, ContestClasses.MayRegister(learner.Role), options.Value.MaxSeatsPerClass);

    private IActionResult SignedOut() => LocalRedirect("/hoc-tap/dang-nhap");

    private IActionResult Missing()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View(Views + "Missing.cshtml");
    }
}
