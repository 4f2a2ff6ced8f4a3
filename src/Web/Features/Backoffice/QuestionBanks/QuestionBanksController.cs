using System.Text;
using ChildProtection.Core;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Quizzes;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.QuestionBanks;

public enum BankFormat
{
    Gift,
    MoodleXml,
}

/// <param name="Source">The file's text in Unicode, carried from the preview to the save so the trainer need not upload it twice.</param>
/// <param name="Encoding">How the file was written; the preview asks the trainer to check text converted from an old Vietnamese encoding.</param>
/// <param name="Shown">The questions read, as the preview shows them (pictures inline from the file, nothing stored yet).</param>
public sealed record BankPreview(string Name, BankFormat Format, string Source, SourceEncoding Encoding, QuestionImport Import, IReadOnlyList<Question> Shown);

public sealed record QuestionBanksViewModel(IReadOnlyList<(QuestionBank Bank, int Questions)> Banks, BankPreview? Preview = null, string? Message = null, string? Error = null);

public sealed record BankQuestionsViewModel(BankQuestionPage Page, string? Search, string? Message);

/// <param name="QuestionId">Null when adding a question.</param>
/// <param name="Gift">The question as GIFT text, as written by the export or as the editor sent it back.</param>
/// <param name="Problems">What is wrong with the text, question by question, as the import reports it.</param>
/// <param name="Current">The question as it is stored, shown as learners see it.</param>
public sealed record QuestionEditViewModel(QuestionBank Bank, long? QuestionId, string Gift, IReadOnlyList<ImportProblem> Problems, string? Error = null, Question? Current = null);

/// <param name="InlinePictures">The import preview's pictures are data: URLs, not stored yet.</param>
public sealed record QuestionPreviewModel(Question Question, bool InlinePictures = false);

/// <summary>
/// Question banks for trainers and contest organisers: import Moodle's GIFT, Moodle XML and Word files (as teachers
/// write them, see <see cref="WordFormat"/>) with a preview and a per-question report before anything is saved (a file is saved whole or not at all), export to both, and single
/// questions listed, searched, added, edited and deleted. A question is edited as GIFT text: one form serves every
/// question type (answers with their fractions and feedback, numeric tolerances, matching pairs), read by the same
/// parser and reported in the same words as an import. Pictures embedded in Moodle XML are stored in the media library
/// only once the trainer confirms (see <see cref="QuestionPictures"/>).
/// </summary>
[Route("backoffice/ngan-hang-cau-hoi"), Authorize(Policy = BackofficePolicies.QuestionBanks)]
public sealed class QuestionBanksController(
    QuizService quizzes,
    QuestionBankEditor editor,
    QuestionPictures pictures,
    IOptions<SiteOptions> site,
    IStringLocalizer<LearningText> text) : Controller
{
    private const int MaxFileBytes = 2 * 1024 * 1024;
    private const int QuestionsPerPage = 25;
    private const string PageView = "~/Features/Backoffice/QuestionBanks/Index.cshtml";
    private const string QuestionsView = "~/Features/Backoffice/QuestionBanks/Questions.cshtml";
    private const string EditView = "~/Features/Backoffice/QuestionBanks/Question.cshtml";

    /// <summary>What the add form starts with: a question of the most common kind, to be written over.</summary>
    private const string NewQuestionTemplate = "::Tên câu hỏi::Nội dung câu hỏi? {\n  =Đáp án đúng\n  ~Đáp án sai\n  ~Đáp án sai\n}\n";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(PageView, new QuestionBanksViewModel(await quizzes.BanksAsync(ct)));

    [HttpPost("xem-truoc"), ValidateAntiForgeryToken, RequestSizeLimit(MaxFileBytes + 64 * 1024)]
    public async Task<IActionResult> Preview([FromForm(Name = "ten")] string? name, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0 || file.Length > MaxFileBytes)
        {
            return await RefuseAsync(text["BankFileMissing"], ct);
        }

        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, ct);
        var bankName = string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(file.FileName) : name.Trim();
        BankPreview preview;
        if (file.FileName.EndsWith(".docx", StringComparison.OrdinalIgnoreCase) || content.GetBuffer().AsSpan(0, (int)content.Length).StartsWith("PK\u0003\u0004"u8))
        {
            // Word is read once here; its questions go on to the confirmation as Moodle XML, pictures embedded.
            content.Position = 0;
            var word = pictures.ParseWord(content);
            preview = new BankPreview(bankName, BankFormat.MoodleXml, MoodleXmlFormat.Write(word.Questions, word.Files), SourceEncoding.Utf8, word, pictures.Preview(word));
        }
        else
        {
            var (source, encoding) = VietnameseLegacyText.Decode(content.GetBuffer().AsSpan(0, (int)content.Length));
            var format = file.FileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || source.TrimStart().StartsWith('<') ? BankFormat.MoodleXml : BankFormat.Gift;
            var import = pictures.Parse(format, source);
            preview = new BankPreview(bankName, format, source, encoding, import, pictures.Preview(import));
        }

        return View(PageView, new QuestionBanksViewModel(await quizzes.BanksAsync(ct), preview));
    }

    [HttpPost("luu"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Save([FromForm(Name = "ten")] string? name, [FromForm(Name = "dinh-dang")] BankFormat format, [FromForm(Name = "noi-dung")] string? source, CancellationToken ct)
    {
        var import = pictures.Parse(format, source ?? "");
        if (string.IsNullOrWhiteSpace(name) || import.Questions.Count == 0 || import.Problems.Count > 0)
        {
            return await RefuseAsync(text["BankNotSaved"], ct);
        }

        if (await quizzes.BankExistsAsync(name.Trim(), ct))
        {
            return await RefuseAsync(text["BankNameTaken", name.Trim()], ct);
        }

        var stored = await pictures.StoreAsync(name.Trim(), import, User.Identity!.Name!, ct);
        if (stored.Failed is { } picture)
        {
            return await RefuseAsync(text["BankPictureNotStored", picture], ct);
        }

        try
        {
            await quizzes.SaveBankAsync(name.Trim(), stored.Questions, ct);
        }
        catch
        {
            await pictures.RemoveAsync(stored.MediaKeys);
            throw;
        }

        return View(PageView, new QuestionBanksViewModel(await quizzes.BanksAsync(ct), Message: text["BankSaved", name.Trim(), import.Questions.Count]));
    }

    /// <summary>The Word file that shows how to write questions for an import.</summary>
    [HttpGet("mau-cau-hoi.docx")]
    public IActionResult WordTemplateFile()
    {
        using var output = new MemoryStream();
        WordTemplate.Write(output);
        return File(output.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "mau-cau-hoi.docx");
    }

    /// <summary>The bank as a GIFT ("gift") or Moodle XML ("xml") file.</summary>
    [HttpGet("{key:guid}/{format}")]
    public async Task<IActionResult> Export(Guid key, string format, CancellationToken ct)
    {
        if (format is not ("gift" or "xml") || await quizzes.BankQuestionsAsync(key, ct) is not var (name, questions))
        {
            return NotFound();
        }

        var exported = QuestionPictures.ForExport(questions, site.Value.BaseUrl(Request));
        return format == "gift"
            ? File(Encoding.UTF8.GetBytes(GiftFormat.Write(exported)), "text/plain; charset=utf-8", $"{name}.gift")
            : File(Encoding.UTF8.GetBytes(MoodleXmlFormat.Write(exported)), "application/xml; charset=utf-8", $"{name}.xml");
    }

    /// <summary>The bank's questions, 25 a page, searchable by their text or name.</summary>
    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Questions(Guid key, [FromQuery(Name = "q")] string? search, [FromQuery(Name = "trang")] int page, [FromQuery(Name = "da")] string? done, CancellationToken ct)
    {
        if (await editor.PageAsync(key, search, page, QuestionsPerPage, ct) is not { } found)
        {
            return NotFound();
        }

        var message = done is "luu" or "them" or "xoa" ? text[$"BankQuestionDone.{done}"].Value : null;
        return View(QuestionsView, new BankQuestionsViewModel(found, search, message));
    }

    [HttpGet("{key:guid}/them")]
    public async Task<IActionResult> Add(Guid key, CancellationToken ct) =>
        await BankAsync(key, ct) is { } bank ? View(EditView, new QuestionEditViewModel(bank, null, NewQuestionTemplate, [])) : NotFound();

    [HttpPost("{key:guid}/them"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Add(Guid key, [FromForm(Name = "gift")] string? gift, CancellationToken ct)
    {
        if (await BankAsync(key, ct) is not { } bank)
        {
            return NotFound();
        }

        if (ReadOne(gift, "") is not { } question)
        {
            return Refused(bank, null, gift);
        }

        await editor.AddAsync(key, question, ct);
        return Redirect($"/backoffice/ngan-hang-cau-hoi/{key}?da=them");
    }

    [HttpGet("{key:guid}/cau-hoi/{id:long}")]
    public async Task<IActionResult> Edit(Guid key, long id, CancellationToken ct)
    {
        if (await BankAsync(key, ct) is not { } bank || await editor.FindAsync(key, id, ct) is not { } question)
        {
            return NotFound();
        }

        return View(EditView, new QuestionEditViewModel(bank, id, GiftFormat.Write([question]), [], Current: question));
    }

    [HttpPost("{key:guid}/cau-hoi/{id:long}"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Edit(Guid key, long id, [FromForm(Name = "gift")] string? gift, CancellationToken ct)
    {
        if (await BankAsync(key, ct) is not { } bank || await editor.FindAsync(key, id, ct) is not { } current)
        {
            return NotFound();
        }

        if (ReadOne(gift, current.Category) is not { } question)
        {
            return Refused(bank, id, gift);
        }

        var edited = await editor.EditAsync(key, id, GiftFormat.KeepSettings(question, current), ct);
        return edited.Success
            ? Redirect($"/backoffice/ngan-hang-cau-hoi/{key}?da=luu")
            : Refused(bank, id, gift, Explain(edited));
    }

    [HttpPost("{key:guid}/cau-hoi/{id:long}/xoa"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Delete(Guid key, long id, CancellationToken ct)
    {
        if (await BankAsync(key, ct) is not { } bank || await editor.FindAsync(key, id, ct) is not { } current)
        {
            return NotFound();
        }

        var deleted = await editor.DeleteAsync(key, id, ct);
        return deleted.Success
            ? Redirect($"/backoffice/ngan-hang-cau-hoi/{key}?da=xoa")
            : Refused(bank, id, GiftFormat.Write([current]), Explain(deleted));
    }

    /// <summary>The one question the text holds; null when it holds none, several, or a broken one.</summary>
    private static Question? ReadOne(string? gift, string defaultCategory) =>
        GiftFormat.Parse(gift ?? "", defaultCategory) is { Problems.Count: 0, Questions: [var question] } ? question : null;

    /// <summary>The form again with the text as sent, the parser's report and nothing saved.</summary>
    private ViewResult Refused(QuestionBank bank, long? id, string? gift, string? error = null)
    {
        var import = GiftFormat.Parse(gift ?? "");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        error ??= import.Problems.Count > 0 ? text["BankQuestionHasProblems"] : text["BankQuestionNotOne", import.Questions.Count];
        return View(EditView, new QuestionEditViewModel(bank, id, gift ?? "", import.Problems, error));
    }

    private string Explain(Attempt<QuestionEdit, QuestionEditStatus> refused) =>
        refused.Result?.Shortfall is { } shortfall ? text["BankQuestionCategoryTooSmall", shortfall.Quiz, shortfall.Category, shortfall.Left] : text["BankQuestionCategoryTooSmall", "", "", 0];

    private async Task<QuestionBank?> BankAsync(Guid key, CancellationToken ct) =>
        (await quizzes.BanksAsync(ct)).Select(b => b.Bank).FirstOrDefault(b => b.Key == key);

    private async Task<IActionResult> RefuseAsync(string error, CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(PageView, new QuestionBanksViewModel(await quizzes.BanksAsync(ct), Error: error));
    }
}
