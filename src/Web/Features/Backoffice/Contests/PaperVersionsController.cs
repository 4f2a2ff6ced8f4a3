using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Web.Features.Contests;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Contests;

public sealed record PaperVersionsViewModel(Contest Contest, ContestRound Round, PaperQuiz Quiz, string? Error = null);

/// <summary>
/// Paper versions (mã đề) of a round for schools and communes without enough devices: the organiser makes a number of
/// versions, each with its questions and choices in an order of its own, and prints each as a PDF, with one answer
/// sheet and the key table of every version. Versions made are kept as printed; more can be added, none is redrawn.
/// </summary>
[Route("backoffice/cuoc-thi/{key:guid}/vong/{number:int}/de-giay"), Authorize(Policy = BackofficePolicies.Contests)]
public sealed class PaperVersionsController(ContestService contests, QuizService quizzes, PaperPdfRenderer renderer, IStringLocalizer<ContestsText> text) : Controller
{
    private const string PageView = "~/Features/Backoffice/Contests/PaperVersions.cshtml";
    private const string PdfType = "application/pdf";

    [HttpGet("")]
    public async Task<IActionResult> Index(Guid key, int number, CancellationToken ct) =>
        await LoadAsync(key, number, ct) is { } page ? View(PageView, page) : NotFound();

    [HttpPost(""), ValidateAntiForgeryToken]
    public async Task<IActionResult> Make(Guid key, int number, [FromForm(Name = "so-ma-de")] int? count, CancellationToken ct)
    {
        if (await LoadAsync(key, number, ct) is not { } page)
        {
            return NotFound();
        }

        if (count is not (>= 1 and <= QuizService.MaxPaperVersions))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(PageView, page with { Error = text["PaperCountInvalid", QuizService.MaxPaperVersions] });
        }

        await quizzes.MakePaperVersionsAsync(page.Round.QuizKey, count.Value, ct);
        return Redirect($"/backoffice/cuoc-thi/{key}/vong/{number}/de-giay");
    }

    [HttpGet("{code:int}.pdf")]
    public async Task<IActionResult> Version(Guid key, int number, int code, CancellationToken ct)
    {
        if (await LoadAsync(key, number, ct) is not { } page || page.Quiz.Versions.FirstOrDefault(v => v.Code == code) is not { } version)
        {
            return NotFound();
        }

        return Pdf(output => renderer.Version(page.Quiz, version, Texts(page), output), $"ma-de-{code}.pdf");
    }

    [HttpGet("phieu-tra-loi.pdf")]
    public async Task<IActionResult> AnswerSheet(Guid key, int number, CancellationToken ct) =>
        await LoadAsync(key, number, ct) is { Quiz.Versions.Count: > 0 } page
            ? Pdf(output => renderer.AnswerSheet(page.Quiz, Texts(page), output), "phieu-tra-loi.pdf")
            : NotFound();

    [HttpGet("dap-an.pdf")]
    public async Task<IActionResult> Key(Guid key, int number, CancellationToken ct) =>
        await LoadAsync(key, number, ct) is { Quiz.Versions.Count: > 0 } page
            ? Pdf(output => renderer.Key(page.Quiz, Texts(page), output), "dap-an.pdf")
            : NotFound();

    private FileContentResult Pdf(Action<Stream> render, string fileName)
    {
        using var output = new MemoryStream();
        render(output);
        return File(output.ToArray(), PdfType, fileName);
    }

    private async Task<PaperVersionsViewModel?> LoadAsync(Guid key, int number, CancellationToken ct) =>
        await contests.FindAsync(key, ct) is { } contest && contest.Rounds.FirstOrDefault(r => r.Number == number) is { } round
            && await quizzes.PaperVersionsAsync(round.QuizKey, ct) is { } quiz
            ? new PaperVersionsViewModel(contest, round, quiz)
            : null;

    private PaperTexts Texts(PaperVersionsViewModel page) => new(
        page.Contest.Title,
        text["ContestRoundNumber", page.Round.Number],
        text["PaperVersion"],
        text["PaperDuration"],
        text["PaperCandidate"],
        text["PaperQuestionNumber"],
        text["PaperTrue"],
        text["PaperFalse"],
        text["PaperAnswerLine"],
        text["PaperPage"],
        text["PaperAnswerSheet"],
        text["PaperAnswerSheetHelp"],
        text["PaperKey"],
        text["PaperKeyQuestion"],
        text["PaperAnyOtherNumber"]);
}
