using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Contests;

/// <summary>
/// Law contests at /cuoc-thi: the contests and their rounds, the entry form, the one-time code, the entry with a
/// class's code (<see cref="ClassesController"/> registers classes), the attempt (the
/// learner area's attempt form; its autosave is <see cref="ContestApi"/>), the tie-break guess, the thank-you page and approved leaderboards.
/// Nobody signs in: the attempt is opened by its unguessable key in the address together with a cookie that only the
/// browser which confirmed the code holds, so a copied or overheard link alone opens nothing.
/// </summary>
[Route("cuoc-thi")]
public sealed class ContestsController(
    ContestService contests,
    ContestUnits units,
    QuizService quizzes,
    IEmailOutbox outbox,
    SiteClock clock,
    IOptions<ContestOptions> options,
    IDataProtectionProvider protection,
    IStringLocalizer<ContestsText> text) : Controller
{
    private const string Views = "~/Features/Contests/";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(Views + "Index.cshtml", new ContestListViewModel(await contests.ContestsAsync(ct), clock.UtcNow));

    [HttpGet("{slug}")]
    public async Task<IActionResult> Contest(string slug, CancellationToken ct) =>
        await contests.FindAsync(slug, ct) is { } contest ? View(Views + "Contest.cshtml", new ContestPageViewModel(contest, clock.UtcNow)) : Missing();

    [HttpGet("{slug}/vong/{number:int}")]
    public async Task<IActionResult> Round(string slug, int number, CancellationToken ct) =>
        await RoundPageAsync(slug, number, new EntryForm(null, null, null, null), [], ct);

    [HttpPost("{slug}/vong/{number:int}"), ValidateAntiForgeryToken, EnableRateLimiting(ContestAdmission.Policy)]
    public async Task<IActionResult> Enter(string slug, int number, [FromForm] EntryForm form, CancellationToken ct)
    {
        if (await contests.FindAsync(slug, ct) is not { } contest || contest.Rounds.FirstOrDefault(r => r.Number == number) is not { } round)
        {
            return Missing();
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.FullName) || form.FullName.Trim().Length > 100)
        {
            errors.Add(text["ContestNameRequired"]);
        }

        if (string.IsNullOrWhiteSpace(form.BirthDateOrClass) || form.BirthDateOrClass.Trim().Length > 30)
        {
            errors.Add(text["ContestBirthOrClassRequired"]);
        }

        if (string.IsNullOrWhiteSpace(form.School) || form.School.Trim().Length > 200)
        {
            errors.Add(text["ContestSchoolRequired"]);
        }

        if (!System.Net.Mail.MailAddress.TryCreate(form.Email?.Trim(), out _) || form.Email!.Trim().Length > 254)
        {
            errors.Add(text["LearnerEmailInvalid"]);
        }

        if (errors.Count == 0)
        {
            var details = new EntryDetails(form.FullName!, form.BirthDateOrClass!, form.School!, form.Email!);
            var requested = await contests.RequestCodeAsync(round.Id, details, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "", ct);
            if (requested is { Success: true, Result: { Code: { } code } })
            {
                var minutes = (int)options.Value.CodeLifetime.TotalMinutes;
                await outbox.EnqueueAsync(
                    ContestService.NormaliseEmail(form.Email!),
                    text["ContestCodeSubject", code],
                    text["ContestCodeBody", details.FullName.Trim(), code, contest.Title, round.Number, minutes],
                    awaited: true,
                    ct: ct);
                return Redirect($"/cuoc-thi/xac-nhan/{requested.Result.EntryKey}");
            }

            if (requested is { Status: ContestStatus.AlreadyEntered, Result: { } decoy })
            {
                // Whoever sent the form sees what a new entrant sees; only the address's owner learns, by e-mail, why no code came.
                await outbox.EnqueueAsync(
                    ContestService.NormaliseEmail(form.Email!),
                    text["ContestAlreadyEnteredSubject"],
                    text["ContestAlreadyEnteredBody", contest.Title, round.Number],
                    awaited: true,
                    ct: ct);
                return Redirect($"/cuoc-thi/xac-nhan/{decoy.EntryKey}");
            }

            // AlreadyEntered without a key: the same form sent twice at once, and the other one got the code.
            errors.Add(text[requested.Status == ContestStatus.AlreadyEntered ? "ContestSentTwice" : $"Contest{requested.Status}"]);
        }

        return await RoundPageAsync(slug, number, form, errors, ct);
    }

    [HttpGet("vao-thi")]
    public IActionResult ClassEntry() => View(Views + "ClassEntry.cshtml", new ClassEntryViewModel(new ClassEntryForm(null, null, null), []));

    /// <summary>A child of a registered class enters with the code of their slip, a first name and the class: no e-mail.</summary>
    [HttpPost("vao-thi"), ValidateAntiForgeryToken, EnableRateLimiting(ContestAdmission.Policy)]
    public async Task<IActionResult> ClassEntry([FromForm] ClassEntryForm form, [FromServices] ContestClasses classes, CancellationToken ct)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.Code))
        {
            errors.Add(text["ClassCodeRequired"]);
        }

        if (string.IsNullOrWhiteSpace(form.FirstName) || form.FirstName.Trim().Length > 30)
        {
            errors.Add(text["ClassFirstNameRequired"]);
        }

        if (string.IsNullOrWhiteSpace(form.ClassName) || form.ClassName.Trim().Length > 30)
        {
            errors.Add(text["ClassOfChildRequired"]);
        }

        if (errors.Count == 0)
        {
            var entered = await classes.EnterAsync(new ClassEntryDetails(form.Code!, form.FirstName!, form.ClassName!), HttpContext.Connection.RemoteIpAddress?.ToString() ?? "", ct);
            switch (entered)
            {
                case { Success: true, Result: var attempt }:
                    ContestAttemptCookie.Give(HttpContext, protection, attempt);
                    return Redirect($"/cuoc-thi/bai-lam/{attempt}");
                case { Status: ContestStatus.TooManyRequests }:
                    Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    return View(Views + "ClassEntry.cshtml", new ClassEntryViewModel(form with { Code = null }, [text["ClassCodeTooManyMisses"]]));
                case { Status: ContestStatus.CodeUsed }:
                    errors.Add(text["ContestCodeUsed", ContestClasses.Format(ContestClasses.Normalise(form.Code)!)]);
                    break;
                default:
                    errors.Add(text[entered.Status == ContestStatus.WrongCode ? "ClassCodeWrong" : $"Contest{entered.Status}"]);
                    break;
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(Views + "ClassEntry.cshtml", new ClassEntryViewModel(form, errors));
    }

    [HttpGet("xac-nhan/{entry:guid}")]
    public IActionResult Code(Guid entry) => View(Views + "Code.cshtml", new CodeViewModel(entry));

    [HttpPost("xac-nhan/{entry:guid}"), ValidateAntiForgeryToken, EnableRateLimiting(ContestAdmission.CodePolicy)]
    public async Task<IActionResult> Code(Guid entry, [FromForm(Name = "ma")] string? code, CancellationToken ct)
    {
        var verified = await contests.VerifyAsync(entry, code ?? "", ct);
        if (verified is { Success: true, Result: var attempt })
        {
            ContestAttemptCookie.Give(HttpContext, protection, attempt);
            return Redirect($"/cuoc-thi/bai-lam/{attempt}");
        }

        // A wrong, expired or used-up code answers alike, as does an unknown entry: the code page an already-entered
        // address was sent to accepts no code, and must not be told apart from a real one by waiting or by guessing.
        var message = verified.Status is ContestStatus.RoundClosed or ContestStatus.RoundNotOpenYet
            ? text[$"Contest{verified.Status}"]
            : text["ContestCodeNotAccepted", (int)options.Value.CodeLifetime.TotalMinutes, options.Value.MaxCodeTries];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(Views + "Code.cshtml", new CodeViewModel(entry, message));
    }

    [HttpGet("bai-lam/{attempt:guid}")]
    public async Task<IActionResult> Attempt(Guid attempt, CancellationToken ct)
    {
        if (!FromVerifyingBrowser(attempt))
        {
            return OtherBrowser();
        }

        if (await contests.EntryByAttemptAsync(attempt, ct) is not { } entry || await quizzes.GetStateAsync(attempt, ct) is not { } state)
        {
            return Missing();
        }

        return View(Views + (state.IsOpen ? "Attempt.cshtml" : "ThankYou.cshtml"), new ContestAttemptViewModel(entry, state));
    }

    [HttpPost("bai-lam/{attempt:guid}/nop"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Submit(Guid attempt, [FromForm(Name = "du-doan")] string? guess, CancellationToken ct)
    {
        if (!FromVerifyingBrowser(attempt))
        {
            return OtherBrowser();
        }

        if (await contests.EntryByAttemptAsync(attempt, ct) is null || await quizzes.GetStateToSaveAsync(attempt, ct) is not { } state)
        {
            return Missing();
        }

        await AttemptForm.SaveAllAsync(quizzes, state, Request.Form, ct);
        await contests.SubmitAsync(attempt, long.TryParse(guess, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : null, ct);
        return Redirect($"/cuoc-thi/bai-lam/{attempt}");
    }

    /// <summary>An essay's file, sent with the whole attempt form (whose answers are saved too); back to the attempt, which says how it went.</summary>
    [HttpPost("bai-lam/{attempt:guid}/cau/{question:long}/tep"), ValidateAntiForgeryToken]
    [RequestSizeLimit(EssayAttachment.MaxBytes + EssayAttachment.FormAllowance), RequestFormLimits(MultipartBodyLengthLimit = EssayAttachment.MaxBytes + EssayAttachment.FormAllowance)]
    public async Task<IActionResult> Attach(Guid attempt, long question, [FromServices] IStringLocalizer<LearningText> learningText, CancellationToken ct)
    {
        if (!FromVerifyingBrowser(attempt))
        {
            return OtherBrowser();
        }

        if (await contests.EntryByAttemptAsync(attempt, ct) is null || await quizzes.GetStateToSaveAsync(attempt, ct) is not { } state)
        {
            return Missing();
        }

        TempData[EssayAttachment.NoteKey(question)] = await EssayAttachment.SaveAsync(quizzes, state, question, Request, learningText, ct);
        return Redirect($"/cuoc-thi/bai-lam/{attempt}#{AttemptForm.Field(question)}");
    }

    private async Task<IActionResult> RoundPageAsync(string slug, int number, EntryForm form, IReadOnlyList<string> errors, CancellationToken ct)
    {
        if (await contests.FindAsync(slug, ct) is not { } contest || contest.Rounds.FirstOrDefault(r => r.Number == number) is not { } round)
        {
            return Missing();
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = errors.Contains(text["ContestTooManyRequests"].Value) ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        }

        var state = round.StateAt(clock.UtcNow);
        return View(Views + "Round.cshtml", new RoundPageViewModel(
            contest, round, state, form, errors, await contests.LeaderboardAsync(round, ct: ct), state == RoundState.Open ? await units.ChoicesAsync(ct) : []));
    }

    private bool FromVerifyingBrowser(Guid attempt) => ContestAttemptCookie.Holds(Request, protection, attempt);

    private IActionResult OtherBrowser()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View(Views + "OtherBrowser.cshtml");
    }

    private IActionResult Missing()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View(Views + "Missing.cshtml");
    }
}
