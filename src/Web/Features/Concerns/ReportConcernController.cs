using ChildProtection.Cms.Media;
using ChildProtection.Concerns.DependencyInjection;
using ChildProtection.Concerns.Protection;
using ChildProtection.Concerns.Reports;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Limits;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Concerns;

/// <summary>
/// Report a concern (báo tin), public and without an account: 111 and 113 first, then a short form in a child's
/// words (or an adult's), a receipt code shown once, and the follow-up page where the code opens the officer's replies.
/// Nothing of a report is ever in an address or a log, and no answer is stored by a cache or the browser.
/// </summary>
[Route(Path)]
public sealed class ReportConcernController(
    ConcernChannel channel,
    ConcernReports reports,
    ContestUnits places,
    ClientRequestLimiter limiter,
    SiteAddress address,
    IOptions<ConcernOptions> options,
    IOptions<MediaOptions> media,
    IStringLocalizer<ConcernsText> text) : Controller
{
    public const string Path = "/bao-tin";
    private const string Views = "~/Features/Concerns/";
    // Room for the most pictures at the largest size each, so that an oversized one reaches the per-picture check and
    // its message (with the form kept) instead of a request refused before it is read.
    private const long MaxRequestBytes = 64 * 1024 * 1024;

    [HttpGet("")]
    public Task<IActionResult> Index(CancellationToken ct) => FormPageAsync(ConcernForm.Empty(adult: false), [], ct);

    [HttpGet("nguoi-lon")]
    public Task<IActionResult> ForAdults(CancellationToken ct) => FormPageAsync(ConcernForm.Empty(adult: true), [], ct);

    // A phone's picture (a few MB) is read in memory rather than through a temporary file; larger ones still go to disk.
    [HttpPost(""), ValidateAntiForgeryToken, RequestSizeLimit(MaxRequestBytes), RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes, MemoryBufferThreshold = 4 * 1024 * 1024)]
    public async Task<IActionResult> Send([FromForm] ConcernForm form, [FromForm] List<IFormFile>? pictures, CancellationToken ct)
    {
        // A robot filled in the hidden field: it sees a receipt like anyone, and nothing is kept.
        if (!string.IsNullOrEmpty(form.Website))
        {
            return Page("Received.cshtml", new ReceivedViewModel(ReceiptCodes.Grouped(ReceiptCodes.NewCode()), form.Adult));
        }

        var errors = new List<string>();
        if (form.Reporter is null)
        {
            errors.Add(text["ErrorReporter"]);
        }

        if (form.Category is null)
        {
            errors.Add(text["ErrorCategory"]);
        }

        var attachments = await ReadPicturesAsync(pictures ?? [], errors, ct);
        if (errors.Count > 0)
        {
            return await FormPageAsync(form, errors, ct, StatusCodes.Status400BadRequest);
        }

        var placeUnit = string.IsNullOrWhiteSpace(form.Place) ? null : await places.MatchAsync(form.Place, ct);
        var received = await channel.SubmitAsync(
            new NewConcern(form.Reporter!.Value, form.Category!.Value, placeUnit, null, form.What, form.When,
                placeUnit is null ? form.Place : null, form.Contact, attachments),
            ClientAddress,
            await address.ForEmailAsync(Request, ct),
            ct);
        return received.Success
            ? Page("Received.cshtml", new ReceivedViewModel(ReceiptCodes.Grouped(received.Result.ReceiptCode), form.Adult))
            : await FormPageAsync(form, [Message(received.Status)], ct,
                received.Status == ConcernResult.TooManyReports ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest);
    }

    [HttpGet("theo-doi")]
    public IActionResult Follow() => Page("Follow.cshtml", new FollowViewModel(null, null, [], null, null));

    [HttpPost("theo-doi"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Open([FromForm] string? code, CancellationToken ct) => await FollowPageAsync(code, null, null, ct);

    [HttpPost("theo-doi/tra-loi"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Answer([FromForm] string? code, [FromForm] string? message, CancellationToken ct)
    {
        if (!await limiter.TryTakeAsync("concern-receipt", ClientAddress, options.Value.ReceiptTriesPerClientPerHour, ct))
        {
            return Page("Follow.cshtml", new FollowViewModel(null, null, [text["ErrorTooManyTries"]], null, message), StatusCodes.Status429TooManyRequests);
        }

        var answered = await channel.AnswerAsync(code ?? "", message, await address.ForEmailAsync(Request, ct), ct);
        return answered.Success
            ? await FollowPageAsync(code, text["AnswerSent"], null, ct, countTry: false)
            : await FollowPageAsync(code, null, message, ct, countTry: false, error: Message(answered.Status));
    }

    private async Task<IActionResult> FollowPageAsync(string? code, string? message, string? draft, CancellationToken ct, bool countTry = true, string? error = null)
    {
        if (countTry && !await limiter.TryTakeAsync("concern-receipt", ClientAddress, options.Value.ReceiptTriesPerClientPerHour, ct))
        {
            return Page("Follow.cshtml", new FollowViewModel(null, null, [text["ErrorTooManyTries"]], null, null), StatusCodes.Status429TooManyRequests);
        }

        // One answer for a code that is malformed, unknown or erased: the page says nothing of whether a code exists.
        if (await reports.FollowAsync(code ?? "", ct) is not { } report)
        {
            return Page("Follow.cshtml", new FollowViewModel(null, null, [text["ErrorCode"]], null, null), StatusCodes.Status400BadRequest);
        }

        return Page("Follow.cshtml", new FollowViewModel(code, report, error is null ? [] : [error], message, draft),
            error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>Each picture checked from its bytes and stripped of what could identify a child (EXIF with GPS and the like).</summary>
    private async Task<List<NewAttachment>> ReadPicturesAsync(List<IFormFile> pictures, List<string> errors, CancellationToken ct)
    {
        var sent = pictures.Where(p => p.Length > 0).ToList();
        if (sent.Count > options.Value.MaxAttachments)
        {
            errors.Add(text["ErrorTooManyPictures", options.Value.MaxAttachments]);
            return [];
        }

        var attachments = new List<NewAttachment>();
        foreach (var picture in sent)
        {
            if (picture.Length > media.Value.MaxFileBytes)
            {
                errors.Add(text["ErrorPictureTooLarge", media.Value.MaxFileBytes / (1024 * 1024)]);
                continue;
            }

            var bytes = new byte[picture.Length];
            await using (var stream = picture.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, ct);
            }

            var (file, _) = MediaFileInspector.Inspect(bytes, media.Value);
            if (file is not { Width: not null, ContentType: "image/jpeg" or "image/png" or "image/gif" or "image/webp" })
            {
                errors.Add(text["ErrorPicture"]);
                continue;
            }

            attachments.Add(new NewAttachment(file.ContentType, file.Content));
        }

        return attachments;
    }

    private async Task<IActionResult> FormPageAsync(ConcernForm form, IReadOnlyList<string> errors, CancellationToken ct, int status = StatusCodes.Status200OK) =>
        Page("Index.cshtml", new ConcernPageViewModel(form, await places.ChoicesAsync(ct), errors, options.Value.MaxAttachments, media.Value.MaxFileBytes), status);

    /// <summary>
    /// A page of the channel: never stored by the browser or a proxy, so the back button and a shared phone's history
    /// show nothing, and no site a link leads to learns that the visitor came from here.
    /// </summary>
    private ViewResult Page(string view, object model, int status = StatusCodes.Status200OK)
    {
        Response.StatusCode = status;
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        ViewData["ExitUrl"] = options.Value.ExitUrl;
        return View(Views + view, model);
    }

    private string Message(ConcernResult status) => text[$"Result{status}", options.Value.MaxTextLength];

    private string ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
}
