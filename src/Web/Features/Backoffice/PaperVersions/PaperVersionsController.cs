using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Spreadsheets;
using ChildProtection.Web.Features.Contests;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.PaperVersions;

/// <summary>Whose paper versions a page shows: a contest round's, whose papers are candidates', or a course's final quiz's, whose papers are learners'.</summary>
public enum PaperOwner
{
    ContestRound,
    Course,
}

/// <param name="Heading">The contest's or the course's name, printed at the top of every paper.</param>
/// <param name="Subheading">"Vòng 1", or the course's final quiz.</param>
/// <param name="Back">The page the versions belong to (the contest's, the reports), and its name.</param>
/// <param name="Address">The page's own address; its PDFs and forms are below it.</param>
/// <param name="RowErrors">What is wrong with an imported results file, row by row, in the user's language.</param>
/// <param name="Unprinted">Questions whose pictures cannot be printed (from another site, or no longer in the media library).</param>
public sealed record PaperVersionsViewModel(
    PaperOwner Owner,
    string Heading,
    string Subheading,
    (string Address, string Name) Back,
    string Address,
    PaperQuiz Quiz,
    IReadOnlyList<string> Unprinted,
    string? Error = null,
    string? Message = null,
    IReadOnlyList<string>? RowErrors = null);

/// <summary>
/// Paper versions (mã đề) for schools and communes without enough devices: the user makes a number of versions, each
/// with its questions and choices in an order of its own, and prints each as a PDF, with one answer sheet and the key
/// table of every version. Versions made are kept as printed; more can be added, none is redrawn. The answers typed
/// from the sheets come back as a spreadsheet (each owner reads its own columns) and join the owner's results.
/// </summary>
public abstract class PaperVersionsController(QuizService quizzes, PaperPdfRenderer renderer, PaperPictures pictures, IStringLocalizer<ContestsText> text) : Controller
{
    protected const int MaxResultsFileBytes = 5 * 1024 * 1024;
    protected const string PageView = "~/Features/Backoffice/PaperVersions/PaperVersions.cshtml";
    private const string PdfType = "application/pdf";

    protected IStringLocalizer<ContestsText> Text => text;

    protected QuizService Quizzes => quizzes;

    /// <summary>The page from the route's values: null when its contest round or course (or quiz) is not there.</summary>
    protected abstract Task<PaperVersionsViewModel?> LoadAsync(CancellationToken ct);

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await LoadAsync(ct) is { } page ? View(PageView, page) : NotFound();

    [HttpPost(""), ValidateAntiForgeryToken]
    public async Task<IActionResult> Make([FromForm(Name = "so-ma-de")] int? count, CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } page)
        {
            return NotFound();
        }

        if (count is not (>= 1 and <= QuizService.MaxPaperVersions))
        {
            return Refused(page with { Error = text["PaperCountInvalid", QuizService.MaxPaperVersions] });
        }

        await quizzes.MakePaperVersionsAsync(page.Quiz.Key, count.Value, ct);
        return Redirect(page.Address);
    }

    [HttpGet("{code:int}.pdf")]
    public async Task<IActionResult> Version(int code, CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } page || page.Quiz.Versions.FirstOrDefault(v => v.Code == code) is not { } version)
        {
            return NotFound();
        }

        var shown = await pictures.ForAsync(version, ct);
        return Pdf(output => renderer.Version(page.Quiz, version, Texts(page), shown, output), $"ma-de-{code}.pdf");
    }

    [HttpGet("phieu-tra-loi.pdf")]
    public async Task<IActionResult> AnswerSheet(CancellationToken ct) =>
        await LoadAsync(ct) is { Quiz.Versions.Count: > 0 } page
            ? Pdf(output => renderer.AnswerSheet(page.Quiz, Texts(page), output), "phieu-tra-loi.pdf")
            : NotFound();

    [HttpGet("dap-an.pdf")]
    public async Task<IActionResult> Key(CancellationToken ct) =>
        await LoadAsync(ct) is { Quiz.Versions.Count: > 0 } page
            ? Pdf(output => renderer.Key(page.Quiz, Texts(page), output), "dap-an.pdf")
            : NotFound();

    /// <summary>The page with what is wrong, answered 400.</summary>
    protected ViewResult Refused(PaperVersionsViewModel page)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(PageView, page);
    }

    /// <summary>The results file's rows, or the page refusing it (missing, too large, unreadable, or without the columns it needs).</summary>
    protected async Task<(ImportSheet? Sheet, IActionResult? Refusal)> ReadResultsAsync(PaperVersionsViewModel page, IFormFile? file, IReadOnlyList<string> columns, string columnsMessage)
    {
        if (file is null || file.Length == 0 || file.Length > MaxResultsFileBytes)
        {
            return (null, Refused(page with { Error = text["PaperResultsMissing"] }));
        }

        await using var stream = file.OpenReadStream();
        var sheet = ImportSheet.Read(stream, file.FileName, columns);
        return sheet.Readable
            ? (sheet, null)
            : (null, Refused(page with { Error = sheet.Unreadable is not null ? text["PaperResultsUnreadable"] : string.Format(System.Globalization.CultureInfo.CurrentCulture, columnsMessage, string.Join(", ", sheet.MissingColumns)) }));
    }

    /// <summary>The page after an import: its rows' errors (none imported), or how many came in.</summary>
    protected IActionResult Imported(PaperVersionsViewModel page, PaperImport import, Func<PaperRowError, string> message, string done) =>
        import.Errors.Count > 0
            ? Refused(page with { Error = text["PaperResultsNotImported"], RowErrors = import.Errors.Select(message).ToList() })
            : View(PageView, page with { Message = done });

    /// <summary>The page for a quiz with its versions, the pictures it cannot print named by their questions.</summary>
    protected static PaperVersionsViewModel Page(PaperOwner owner, string heading, string subheading, (string, string) back, string address, PaperQuiz quiz) =>
        new(owner, heading, subheading, back, address, quiz, quiz.Versions.SelectMany(v => v.Questions).DistinctBy(q => q.QuestionId)
            .Where(q => PaperPictures.Unprintable(q).Any()).Select(q => q.Question.Name).Order(StringComparer.CurrentCulture).ToList());

    private FileContentResult Pdf(Action<Stream> render, string fileName)
    {
        using var output = new MemoryStream();
        render(output);
        return File(output.ToArray(), PdfType, fileName);
    }

    private PaperTexts Texts(PaperVersionsViewModel page) => new(
        page.Heading,
        page.Subheading,
        text["PaperVersion"],
        text["PaperDuration"],
        text[page.Owner == PaperOwner.Course ? "PaperLearner" : "PaperCandidate"],
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
        text["PaperEssayKey"],
        text["PaperPictureMissing"]);
}
