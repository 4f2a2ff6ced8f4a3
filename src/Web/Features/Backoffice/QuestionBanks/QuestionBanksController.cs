using System.Text;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.QuestionBanks;

public enum BankFormat
{
    Gift,
    MoodleXml,
}

/// <param name="Source">The file's text, carried from the preview to the save so the trainer need not upload it twice.</param>
public sealed record BankPreview(string Name, BankFormat Format, string Source, QuestionImport Import);

public sealed record QuestionBanksViewModel(IReadOnlyList<(QuestionBank Bank, int Questions)> Banks, BankPreview? Preview = null, string? Message = null, string? Error = null);

/// <summary>
/// Question banks for trainers and contest organisers: import Moodle's GIFT and Moodle XML with a preview and a
/// per-question report before anything is saved (a file is saved whole or not at all), and export to both.
/// </summary>
[Route("backoffice/ngan-hang-cau-hoi"), Authorize(Policy = BackofficePolicies.QuestionBanks)]
public sealed class QuestionBanksController(QuizService quizzes, IStringLocalizer<SharedResource> text) : Controller
{
    private const int MaxFileBytes = 2 * 1024 * 1024;
    private const string PageView = "~/Features/Backoffice/QuestionBanks/Index.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(PageView, new QuestionBanksViewModel(await quizzes.BanksAsync(ct)));

    [HttpPost("xem-truoc"), ValidateAntiForgeryToken, RequestSizeLimit(MaxFileBytes + 64 * 1024)]
    public async Task<IActionResult> Preview([FromForm(Name = "ten")] string? name, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0 || file.Length > MaxFileBytes)
        {
            return await RefuseAsync(text["BankFileMissing"], ct);
        }

        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        var source = await reader.ReadToEndAsync(ct);
        var format = file.FileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || source.TrimStart().StartsWith('<') ? BankFormat.MoodleXml : BankFormat.Gift;
        var bankName = string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(file.FileName) : name.Trim();
        return View(PageView, new QuestionBanksViewModel(await quizzes.BanksAsync(ct), new BankPreview(bankName, format, source, Parse(format, source))));
    }

    [HttpPost("luu"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Save([FromForm(Name = "ten")] string? name, [FromForm(Name = "dinh-dang")] BankFormat format, [FromForm(Name = "noi-dung")] string? source, CancellationToken ct)
    {
        var import = Parse(format, source ?? "");
        if (string.IsNullOrWhiteSpace(name) || import.Questions.Count == 0 || import.Problems.Count > 0)
        {
            return await RefuseAsync(text["BankNotSaved"], ct);
        }

        if (await quizzes.BankExistsAsync(name.Trim(), ct))
        {
            return await RefuseAsync(text["BankNameTaken", name.Trim()], ct);
        }

        await quizzes.SaveBankAsync(name.Trim(), import.Questions, ct);
        return View(PageView, new QuestionBanksViewModel(await quizzes.BanksAsync(ct), Message: text["BankSaved", name.Trim(), import.Questions.Count]));
    }

    /// <summary>The bank as a GIFT ("gift") or Moodle XML ("xml") file.</summary>
    [HttpGet("{key:guid}/{format}")]
    public async Task<IActionResult> Export(Guid key, string format, CancellationToken ct)
    {
        if (format is not ("gift" or "xml") || await quizzes.BankQuestionsAsync(key, ct) is not var (name, questions))
        {
            return NotFound();
        }

        return format == "gift"
            ? File(Encoding.UTF8.GetBytes(GiftFormat.Write(questions)), "text/plain; charset=utf-8", $"{name}.gift")
            : File(Encoding.UTF8.GetBytes(MoodleXmlFormat.Write(questions)), "application/xml; charset=utf-8", $"{name}.xml");
    }

    private static QuestionImport Parse(BankFormat format, string source) =>
        format == BankFormat.MoodleXml ? MoodleXmlFormat.Parse(source) : GiftFormat.Parse(source);

    private async Task<IActionResult> RefuseAsync(string error, CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(PageView, new QuestionBanksViewModel(await quizzes.BanksAsync(ct), Error: error));
    }
}
