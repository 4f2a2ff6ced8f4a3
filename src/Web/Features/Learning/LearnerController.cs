using System.Security.Claims;
using System.Text;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Text;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Units;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Learning;

/// <summary>
/// The learner area at /hoc-tap: registration with e-mail confirmation, sign-in on the learner cookie, the
/// dashboard with progress, lessons, and the final quiz (answers saved as they are given, scored on the server).
/// </summary>
[Route("hoc-tap"), Authorize(Policy = LearnerAccountsExtensions.Scheme)]
public sealed class LearnerController(
    UserManager<LearnerUser> accounts,
    LearningService learning,
    Certificates certificates,
    QuizService quizzes,
    UnitDirectory units,
    IPublishedSnapshotAccessor snapshots,
    MarkdownRenderer markdown,
    IOptions<SiteOptions> site,
    IOptions<CmsOptions> cms,
    IStringLocalizer<LearningText> text) : Controller
{
    private const string Views = "~/Features/Learning/";

    [HttpGet("dang-ky"), AllowAnonymous]
    public async Task<IActionResult> Register(CancellationToken ct) =>
        View(Views + "Register.cshtml", new RegisterViewModel(new RegisterForm(null, null, null, null, null), await UnitsAsync(ct), []));

    [HttpPost("dang-ky"), AllowAnonymous, ValidateAntiForgeryToken]
    public async Task<IActionResult> Register([FromForm] RegisterForm form, [FromServices] LearnerRegistration registration, CancellationToken ct)
    {
        if (await registration.RegisterAsync(form, Request, ct) is { Count: > 0 } errors)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(Views + "Register.cshtml", new RegisterViewModel(form with { Password = null }, await UnitsAsync(ct), errors));
        }

        return View(Views + "Register.cshtml", new RegisterViewModel(form with { Password = null }, [], [], Done: true));
    }

    [HttpGet("xac-nhan"), AllowAnonymous]
    public async Task<IActionResult> Confirm(string? email, string? token)
    {
        var account = string.IsNullOrEmpty(email) ? null : await accounts.FindByEmailAsync(email);
        var confirmed = false;
        if (account is not null && !string.IsNullOrEmpty(token))
        {
            try
            {
                confirmed = account.EmailConfirmed || (await accounts.ConfirmEmailAsync(account, Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token)))).Succeeded;
            }
            catch (FormatException)
            {
                confirmed = false;
            }
        }

        Response.StatusCode = confirmed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return View(Views + "SignIn.cshtml", confirmed
            ? new LearnerSignInForm(email, null, null, Message: text["LearnerConfirmed"])
            : new LearnerSignInForm(email, null, null, Error: text["LearnerConfirmFailed"]));
    }

    [HttpGet("quen-mat-khau"), AllowAnonymous]
    public IActionResult ForgotPassword() => View(Views + "ForgotPassword.cshtml", new ForgotPasswordForm(null));

    /// <summary>"Quên mật khẩu": a one-time link by e-mail. Whether an address has an account is never revealed.</summary>
    [HttpPost("quen-mat-khau"), AllowAnonymous, ValidateAntiForgeryToken]
    public async Task<IActionResult> ForgotPassword([FromForm] ForgotPasswordForm form, [FromServices] LearnerRegistration registration, CancellationToken ct) =>
        View(Views + "ForgotPassword.cshtml", new ForgotPasswordForm(null, await registration.SendResetAsync(form.Email, Request, ct)));

    [HttpGet("dat-mat-khau"), AllowAnonymous]
    public IActionResult SetPassword(string? email, string? token) => View(Views + "SetPassword.cshtml", new ResetPasswordForm(email, token, null, null));

    /// <summary>
    /// The page behind an invitation's or a reset's link. The link came to the learner's address, so an address not yet
    /// confirmed is confirmed by it.
    /// </summary>
    [HttpPost("dat-mat-khau"), AllowAnonymous, ValidateAntiForgeryToken]
    public async Task<IActionResult> SetPassword([FromForm] ResetPasswordForm form, [FromServices] PasswordLinks<LearnerUser> passwords)
    {
        if (await passwords.UseAsync(form) is { Count: > 0 } errors)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(Views + "SetPassword.cshtml", form with { Password = null, Confirm = null, Errors = errors });
        }

        if (await accounts.FindByEmailAsync(form.Email!) is { EmailConfirmed: false } account)
        {
            account.EmailConfirmed = true;
            await accounts.UpdateAsync(account);
        }

        return View(Views + "SetPassword.cshtml", new ResetPasswordForm(null, null, null, null, Done: true));
    }

    [HttpGet("dang-nhap"), AllowAnonymous]
    public IActionResult SignIn(string? returnUrl) => View(Views + "SignIn.cshtml", new LearnerSignInForm(null, null, returnUrl));

    [HttpPost("dang-nhap"), AllowAnonymous, ValidateAntiForgeryToken]
    public async Task<IActionResult> SignIn([FromForm] LearnerSignInForm form, [FromServices] PasswordSignInCheck<LearnerUser> passwords, CancellationToken ct)
    {
        var account = await passwords.CheckAsync(form.Email, form.Password);
        string? error = account is null ? text["SignInFailed", passwords.LockoutMinutes].Value : account.EmailConfirmed ? null : text["LearnerNotConfirmed"].Value;
        var learner = error is null ? await learning.FindByAccountAsync(account!.Id, ct) : null;
        if (learner is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(Views + "SignIn.cshtml", form with { Password = null, Error = error ?? text["SignInFailed", passwords.LockoutMinutes] });
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account!.Id), new Claim(ClaimTypes.Name, learner.FullName), new Claim(ClaimTypes.Email, learner.Email),
                new Claim(accounts.Options.ClaimsIdentity.SecurityStampClaimType, await accounts.GetSecurityStampAsync(account)),
            ],
            LearnerAccountsExtensions.Scheme);
        await HttpContext.SignInAsync(LearnerAccountsExtensions.Scheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) && form.ReturnUrl!.StartsWith("/hoc-tap", StringComparison.Ordinal) ? form.ReturnUrl : "/hoc-tap");
    }

    [HttpPost("dang-xuat"), ValidateAntiForgeryToken]
    public async Task<IActionResult> SignOutOfLearning()
    {
        await AccountSessions.SignOutEverywhereAsync<LearnerUser>(HttpContext, LearnerAccountsExtensions.Scheme);
        return LocalRedirect("/hoc-tap/dang-nhap");
    }

    [HttpGet("")]
    public async Task<IActionResult> Dashboard([FromServices] Assignments assignments, CancellationToken ct) =>
        await LearnerAsync(ct) is { } learner
            ? View(Views + "Dashboard.cshtml", new DashboardViewModel(learner, await learning.DashboardAsync(learner, ct), await assignments.ForAsync(learner, ct)))
            : SignedOut();

    /// <summary>Turns reminders of courses that are not mandatory off or on again.</summary>
    [HttpPost("nhac-nho"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Reminders([FromForm(Name = "tat")] bool off, [FromServices] Assignments assignments, CancellationToken ct)
    {
        if (await LearnerAsync(ct) is not { } learner)
        {
            return SignedOut();
        }

        await assignments.SetOptionalRemindersOffAsync(learner, off, ct);
        return LocalRedirect("/hoc-tap");
    }

    [HttpGet("khoa-hoc/{course:guid}")]
    public async Task<IActionResult> Course(Guid course, CancellationToken ct) => await CoursePageAsync(course, null, ct);

    [HttpPost("khoa-hoc/{course:guid}/ghi-danh"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Enrol(Guid course, CancellationToken ct)
    {
        if (await LearnerAsync(ct) is not { } learner)
        {
            return SignedOut();
        }

        return await learning.EnrolAsync(learner, course, ct) == LearningStatus.Success ? Redirect($"/hoc-tap/khoa-hoc/{course}") : Missing();
    }

    [HttpGet("khoa-hoc/{course:guid}/bai/{lesson:guid}")]
    public async Task<IActionResult> Lesson(Guid course, Guid lesson, CancellationToken ct)
    {
        if (await LearnerAsync(ct) is not { } learner)
        {
            return SignedOut();
        }

        if (await learning.RecordLessonViewAsync(learner, course, lesson, ct) != LearningStatus.Success
            || await learning.ProgressAsync(learner, course, ct) is not { } progress
            || snapshots.Current.Get(lesson) is not { } content)
        {
            return Missing();
        }

        var culture = cms.Value.DefaultCulture;
        var lessons = progress.Course.Lessons;
        var index = lessons.ToList().FindIndex(l => l.Key == lesson);
        return View(Views + "Lesson.cshtml", new LessonViewModel(
            learner, progress, lessons[index], markdown.ToHtml(content.Value("body", culture)),
            new(lessons[index].Title, content.Value("videoUrl", culture) is { Length: > 0 } video ? video : null, content.ResolvedLinks("attachments", culture, snapshots.Current)),
            index > 0 ? lessons[index - 1] : null, index < lessons.Count - 1 ? lessons[index + 1] : null));
    }

    [HttpPost("khoa-hoc/{course:guid}/kiem-tra"), ValidateAntiForgeryToken]
    public async Task<IActionResult> StartQuiz(Guid course, CancellationToken ct)
    {
        if (await LearnerAsync(ct) is not { } learner)
        {
            return SignedOut();
        }

        var started = await learning.StartFinalQuizAsync(learner, course, ct);
        if (started is { Success: true, Result: { Success: true, Result: var view } })
        {
            return Redirect($"/hoc-tap/bai-lam/{view.Key}");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await CoursePageAsync(course, text[$"Quiz{(started.Success ? started.Result.Status.ToString() : started.Status.ToString())}"], ct);
    }

    [HttpGet("bai-lam/{attempt:guid}")]
    public async Task<IActionResult> Attempt(Guid attempt, CancellationToken ct)
    {
        if (await LearnerAsync(ct) is not { } learner)
        {
            return SignedOut();
        }

        if (await learning.CourseAttemptAsync(learner, attempt, ct) is not var (courseKey, state))
        {
            return Missing();
        }

        return View(Views + (state.IsOpen ? "Attempt.cshtml" : "AttemptResult.cshtml"), new AttemptViewModel(courseKey, state));
    }

    /// <summary>Submitting: whatever the form carries is saved first (the page works without script), then it is scored.</summary>
    [HttpPost("bai-lam/{attempt:guid}/nop"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Submit(Guid attempt, CancellationToken ct)
    {
        if (await LearnerAsync(ct) is not { } learner || await learning.AttemptToSaveAsync(learner, attempt, ct) is not { } state)
        {
            return Missing();
        }

        await AttemptForm.SaveAllAsync(quizzes, state, Request.Form, ct);
        await learning.SubmitFinalQuizAsync(learner, attempt, ct);
        return Redirect($"/hoc-tap/bai-lam/{attempt}");
    }

    /// <summary>An essay's file, sent with the whole attempt form (whose answers are saved too); back to the attempt, which says how it went.</summary>
    [HttpPost("bai-lam/{attempt:guid}/cau/{question:long}/tep"), ValidateAntiForgeryToken]
    [RequestSizeLimit(EssayAttachment.MaxBytes + EssayAttachment.FormAllowance), RequestFormLimits(MultipartBodyLengthLimit = EssayAttachment.MaxBytes + EssayAttachment.FormAllowance)]
    public async Task<IActionResult> Attach(Guid attempt, long question, CancellationToken ct)
    {
        if (await LearnerAsync(ct) is not { } learner || await learning.AttemptToSaveAsync(learner, attempt, ct) is not { } state)
        {
            return Missing();
        }

        TempData[EssayAttachment.NoteKey(question)] = await EssayAttachment.SaveAsync(quizzes, state, question, Request, text, ct);
        return Redirect($"/hoc-tap/bai-lam/{attempt}#{AttemptForm.Field(question)}");
    }

    /// <summary>The learner's certificate for a completed course, drawn when asked (it is one page and quick to draw).</summary>
    [HttpGet("khoa-hoc/{course:guid}/chung-nhan.pdf")]
    public async Task<IActionResult> Certificate(Guid course, [FromServices] CertificatePdfRenderer renderer, CancellationToken ct)
    {
        if (await LearnerAsync(ct) is not { } learner)
        {
            return SignedOut();
        }

        if (await certificates.ForAsync(learner, course, ct) is not { } certificate)
        {
            return Missing();
        }

        using var pdf = new MemoryStream();
        renderer.Render(CertificateText.For(certificate, site.Value, $"{site.Value.BaseUrl(Request)}/chung-nhan/{certificate.Code}", text), pdf, certificate.IssuedUtc);
        return File(pdf.ToArray(), "application/pdf", $"chung-nhan-{certificate.Code}.pdf");
    }

    private async Task<IActionResult> CoursePageAsync(Guid course, string? error, CancellationToken ct)
    {
        if (await LearnerAsync(ct) is not { } learner)
        {
            return SignedOut();
        }

        if (await learning.ProgressAsync(learner, course, ct) is not { } progress)
        {
            return Missing();
        }

        return View(Views + "Course.cshtml", new CourseViewModel(learner, progress, snapshots.Current.Get(course)?.Url(cms.Value.DefaultCulture), await certificates.ForAsync(learner, course, ct), error));
    }

    private Task<Learner?> LearnerAsync(CancellationToken ct) => learning.SignedInAsync(User, ct);

    private IActionResult SignedOut() => LocalRedirect("/hoc-tap/dang-nhap");

    /// <summary>Not there, or not this learner's: the same answer for both, in words.</summary>
    private IActionResult Missing()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View(Views + "Missing.cshtml");
    }

    private Task<IReadOnlyList<Unit>> UnitsAsync(CancellationToken ct) => units.WithinAsync(UnitScope.Everything, ct);
}
