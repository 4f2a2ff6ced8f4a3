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
/// <param name="Columns">What each paper's row holds, as the results file names its columns and the typing grid heads them.</param>
/// <param name="Typed">The typing grid's lines as they were sent, kept when they are refused.</param>
public sealed record PaperVersionsViewModel(
    PaperOwner Owner,
    string Heading,
    string Subheading,
    (string Address, string Name) Back,
    string Address,
    PaperQuiz Quiz,
    IReadOnlyList<string> Unprinted,
    IReadOnlyList<PaperColumn> Columns,
    string? Error = null,
    string? Message = null,
    IReadOnlyList<string>? RowErrors = null,
    IReadOnlyList<ImportRow>? Typed = null)
{
    /// <summary>How many papers the grid takes at once: a class's worth is typed in a few goes, a school's is a file.</summary>
    public const int TypedLines = 10;
}

/// <param name="Name">The column's name in a results file ("ho_ten"), and the grid's field.</param>
/// <param name="Label">Its heading in the user's language.</param>
/// <param name="Required">A results file must have it.</param>
public sealed record PaperColumn(string Name, string Label, bool Required);

/// <summary>
/// Paper versions (mã đề) for schools and communes without enough devices: the user makes a number of versions, each
/// with its questions and choices in an order of its own, and prints each as a PDF, with one answer sheet and the key
/// table of every version. Versions made are kept as printed; more can be added, none is redrawn. The answers typed
/// from the sheets come back as a spreadsheet (each owner reads its own columns) and join the owner's results.
/// </summary>
public abstract class PaperVersionsController(QuizService quizzes, PaperPdfRenderer renderer, PaperPictures pictures, IStringLocalizer<ContestsText> text) : Controller
{
    private const int MaxResultsFileBytes = 5 * 1024 * 1024;
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

    /// <summary>The page with what is wrong, answered 400 (what was typed in the grid kept).</summary>
    protected ViewResult Refused(PaperVersionsViewModel page)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(PageView, page);
    }

    /// <summary>The page's columns, for its owner's rows.</summary>
    protected abstract IReadOnlyList<PaperColumn> Columns();

    /// <summary>Imports the rows, read from a file or typed in the grid, as the owner's results; the page saying how it went.</summary>
    protected abstract Task<IActionResult> ImportAsync(PaperVersionsViewModel page, IReadOnlyList<ImportRow> rows, IFormCollection form, CancellationToken ct);

    [HttpPost("ket-qua"), ValidateAntiForgeryToken, RequestSizeLimit(MaxResultsFileBytes + 64 * 1024)]
    public async Task<IActionResult> ImportFile(IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } page)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0 || file.Length > MaxResultsFileBytes)
        {
            return Refused(page with { Error = text["PaperResultsMissing"] });
        }

        var required = page.Columns.Where(c => c.Required).Select(c => c.Name).ToList();
        await using var stream = file.OpenReadStream();
        var sheet = ImportSheet.Read(stream, file.FileName, required);
        if (!sheet.Readable)
        {
            return Refused(page with
            {
                Error = sheet.Unreadable is not null ? text["PaperResultsUnreadable"] : text["PaperResultsColumnsMissing", string.Join(", ", sheet.MissingColumns), string.Join(", ", required)],
            });
        }

        return await ImportAsync(page, sheet.Rows, Request.Form, ct);
    }

    /// <summary>Papers typed in the page's grid, a line each (blank lines left out); refused, the lines stay as typed.</summary>
    [HttpPost("nhap-tay"), ValidateAntiForgeryToken]
    public async Task<IActionResult> ImportTyped(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } page)
        {
            return NotFound();
        }

        var form = Request.Form;
        var lines = Enumerable.Range(0, PaperVersionsViewModel.TypedLines)
            .Select(i => new ImportRow(i + 1, page.Columns.ToDictionary(c => c.Name, c => form[c.Name].Count > i ? form[c.Name][i]?.Trim() ?? "" : "")))
            .ToList();
        var typed = page with { Typed = lines };
        var filled = lines.Where(l => l.Cells.Values.Any(v => v.Length > 0)).ToList();
        return filled.Count == 0 ? Refused(typed with { Error = text["PaperTypedEmpty"] }) : await ImportAsync(typed, filled, form, ct);
    }

    /// <summary>The page after an import: its rows' errors (none imported), or how many came in.</summary>
    protected IActionResult Imported(PaperVersionsViewModel page, PaperImport import, Func<PaperRowError, string> message, string done) =>
        import.Errors.Count > 0
            ? Refused(page with { Error = text["PaperResultsNotImported"], RowErrors = import.Errors.Select(message).ToList() })
            : View(PageView, page with { Message = done, Typed = null });

    /// <summary>The page for a quiz with its versions, the pictures it cannot print named by their questions.</summary>
    protected PaperVersionsViewModel Page(PaperOwner owner, string heading, string subheading, (string, string) back, string address, PaperQuiz quiz) =>
        new(owner, heading, subheading, back, address, quiz, quiz.Versions.SelectMany(v => v.Questions).DistinctBy(q => q.QuestionId)
            .Where(q => PaperPictures.Unprintable(q).Any()).Select(q => q.Question.Name).Order(StringComparer.CurrentCulture).ToList(), Columns());

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
