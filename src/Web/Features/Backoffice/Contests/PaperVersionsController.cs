using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Spreadsheets;
using ChildProtection.Web.Features.Contests;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Contests;

/// <param name="RowErrors">What is wrong with an imported results file, row by row, in the organiser's language.</param>
public sealed record PaperVersionsViewModel(Contest Contest, ContestRound Round, PaperQuiz Quiz, string? Error = null, string? Message = null, IReadOnlyList<string>? RowErrors = null);

/// <summary>
/// Paper versions (mã đề) of a round for schools and communes without enough devices: the organiser makes a number of
/// versions, each with its questions and choices in an order of its own, and prints each as a PDF, with one answer
/// sheet and the key table of every version. Versions made are kept as printed; more can be added, none is redrawn.
/// The answers typed from the sheets come back as a spreadsheet and join the round's ranking (see <see cref="ContestPaperResults"/>).
/// </summary>
[Route("backoffice/cuoc-thi/{key:guid}/vong/{number:int}/de-giay"), Authorize(Policy = BackofficePolicies.Contests)]
public sealed class PaperVersionsController(
    ContestService contests,
    QuizService quizzes,
    ContestPaperResults results,
    PaperPdfRenderer renderer,
    PaperPictures pictures,
    IStringLocalizer<ContestsText> text) : Controller
{
    private const int MaxResultsFileBytes = 5 * 1024 * 1024;
    private static readonly string[] ResultColumns = ["ho_ten", "lop", "truong", "ma_de", "tra_loi"];
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

    [HttpPost("ket-qua"), ValidateAntiForgeryToken, RequestSizeLimit(MaxResultsFileBytes + 64 * 1024)]
    public async Task<IActionResult> ImportResults(Guid key, int number, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(key, number, ct) is not { } page)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0 || file.Length > MaxResultsFileBytes)
        {
            return Refused(page with { Error = text["PaperResultsMissing"] });
        }

        await using var stream = file.OpenReadStream();
        var sheet = ImportSheet.Read(stream, file.FileName, ResultColumns);
        if (!sheet.Readable)
        {
            return Refused(page with { Error = sheet.Unreadable is not null ? text["PaperResultsUnreadable"] : text["PaperResultsColumns", string.Join(", ", sheet.MissingColumns)] });
        }

        var import = await results.ImportAsync(page.Round, sheet.Rows.Select(r => new PaperSheetRow(r.Number, r["ho_ten"], r["lop"], r["truong"], r["ma_de"], r["tra_loi"], r["du_doan"], r["diem_tu_luan"])).ToList(), ct);
        return import.Errors.Count > 0
            ? Refused(page with { Error = text["PaperResultsNotImported"], RowErrors = import.Errors.Select(e => text[$"PaperRow.{e.Problem}", e.Row, e.Detail ?? ""].Value).ToList() })
            : View(PageView, page with { Message = text["PaperResultsImported", import.Imported] });
    }

    [HttpGet("{code:int}.pdf")]
    public async Task<IActionResult> Version(Guid key, int number, int code, CancellationToken ct)
    {
        if (await LoadAsync(key, number, ct) is not { } page || page.Quiz.Versions.FirstOrDefault(v => v.Code == code) is not { } version)
        {
            return NotFound();
        }

        var shown = await pictures.ForAsync(version, ct);
        return Pdf(output => renderer.Version(page.Quiz, version, Texts(page), shown, output), $"ma-de-{code}.pdf");
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

    private ViewResult Refused(PaperVersionsViewModel page)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(PageView, page);
    }

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
        text["PaperAnyOtherNumber"],
        text["PaperEssayLines"],
        text["PaperEssayKey"]);
}
