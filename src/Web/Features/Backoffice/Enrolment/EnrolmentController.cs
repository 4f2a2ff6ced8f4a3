using ChildProtection.Training.Learning;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace ChildProtection.Web.Features.Backoffice.Enrolment;

/// <param name="Problems">Row → what is wrong with it, in the reader's language (row 0: the file as a whole).</param>
public sealed record EnrolmentViewModel(IReadOnlyList<CourseOutline> Courses, string? Message = null, string? Error = null, IReadOnlyList<(int Row, string Problem)>? Problems = null);

/// <param name="OtherUnits">Unit id → name, for existing learners in another unit of the manager's scope.</param>
/// <param name="Draft">The protected draft the confirm button posts back.</param>
/// <param name="InvitedAgain">Ids of the learners who never set a password and will get a new invitation.</param>
public sealed record EnrolmentPreviewModel(
    LearnerImportPlan Plan, IReadOnlyList<CourseOutline> Courses, IReadOnlyDictionary<int, string> OtherUnits, IReadOnlySet<int> InvitedAgain, string Draft);

/// <summary>
/// Bulk enrolment: a training manager uploads a spreadsheet of learners, sees what each row will do, and confirms;
/// new learners get an account and an invitation to set their password, and everyone is enrolled in the chosen
/// courses. Only units of the manager's part of the tree can be named.
/// </summary>
[Route("backoffice/ghi-danh"), Authorize(Policy = BackofficePolicies.ManageTraining)]
public sealed class EnrolmentController(
    ICourseCatalog catalog,
    UnitDirectory units,
    StaffUnitScopes scopes,
    LearnerImporter importer,
    EnrolmentDrafts drafts,
    IOptions<SiteOptions> site,
    IStringLocalizer<LearningText> text) : Controller
{
    private const string PageView = "~/Features/Backoffice/Enrolment/Index.cshtml";
    private const long MaxFileBytes = 2 * 1024 * 1024;

    [HttpGet("")]
    public IActionResult Index() => View(PageView, new EnrolmentViewModel(catalog.Courses));

    [HttpGet("mau.xlsx")]
    public Task<IActionResult> TemplateExcel(CancellationToken ct) => TemplateAsync(ExcelType.XLSX, ct);

    [HttpGet("mau.csv")]
    public Task<IActionResult> TemplateCsv(CancellationToken ct) => TemplateAsync(ExcelType.CSV, ct);

    [HttpPost("xem-truoc"), ValidateAntiForgeryToken, RequestSizeLimit(MaxFileBytes + 64 * 1024)]
    public async Task<IActionResult> Preview(IFormFile? file, [FromForm(Name = "khoa-hoc")] Guid[]? courses, [FromServices] BulkEnrolment enrolment, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return Refuse([(0, text["EnrolmentFileMissing"].Value)]);
        }

        if (file.Length > MaxFileBytes)
        {
            return Refuse([(0, text["EnrolmentFileTooLarge", MaxFileBytes / 1024 / 1024].Value)]);
        }

        if (UnknownCourses(courses) is { } unknown)
        {
            return Refuse([unknown]);
        }

        var scope = await scopes.ForAsync(User, ct);
        IReadOnlyList<LearnerImportRow> rows;
        LearnerImportPlan plan;
        await using (var stream = file.OpenReadStream())
        {
            (rows, plan) = await importer.CheckAsync(stream, file.FileName, scope, ct);
        }

        var unusable = enrolment.UnusableAddresses(plan).Select(r => new LearnerImportProblem(r.Row, LearnerImportProblemKind.InvalidEmail, r.Email));
        var all = plan.Problems.Concat(unusable).ToList();
        if (all.Count > 0)
        {
            return Refuse(Describe(all));
        }

        var chosen = (courses ?? []).Distinct().ToList();
        var otherUnitIds = plan.Lines.Where(l => l.UnitDiffers).Select(l => l.Existing!.UnitId).Distinct().ToList();
        var otherUnits = await units.NamesWithinAsync(scope, otherUnitIds, ct);
        return View("~/Features/Backoffice/Enrolment/Preview.cshtml", new EnrolmentPreviewModel(
            plan, chosen.Select(k => catalog.Find(k)!).ToList(), otherUnits, (await enrolment.InvitedAgainAsync(plan, ct)).Keys.ToHashSet(), drafts.Protect(new EnrolmentDraft(User.Identity!.Name!, chosen, rows))));
    }

    [HttpPost("xac-nhan"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Confirm([FromForm(Name = "ban-nhap")] string? draftText, [FromServices] BulkEnrolment enrolment, CancellationToken ct)
    {
        if (drafts.Read(draftText, User.Identity!.Name!) is not { } draft)
        {
            return Refuse([(0, text["EnrolmentDraftExpired"].Value)]);
        }

        if (UnknownCourses(draft.Courses) is { } unknown)
        {
            return Refuse([unknown]);
        }

        var outcome = await enrolment.ConfirmAsync(draft.Rows, draft.Courses, await scopes.ForAsync(User, ct), site.Value.BaseUrl(Request), ct);
        if (outcome.Conflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(PageView, new EnrolmentViewModel(catalog.Courses, Error: text["EnrolmentConflict"]));
        }

        if (!outcome.Success)
        {
            return Refuse([.. Describe(outcome.Problems), .. outcome.AccountProblems]);
        }

        return View(PageView, new EnrolmentViewModel(catalog.Courses, text["EnrolmentDone", draft.Rows.Count, outcome.Learners, outcome.Enrolments, outcome.Accounts]));
    }

    /// <summary>The header row and one example row, with a unit of the manager's own part of the tree.</summary>
    private async Task<IActionResult> TemplateAsync(ExcelType type, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(User, ct);
        var unit = await units.ExampleCodeAsync(scope, ct);
        var example = new Dictionary<string, object?>
        {
            ["ho_ten"] = "Nguyễn Thị Hoa", ["email"] = "hoa.nguyen@example.vn", ["vai_tro"] = "giáo viên", ["ma_don_vi"] = unit ?? "",
        };
        return await Spreadsheets.FileAsync([new Sheet("hoc-vien", [example])], type, "mau-ghi-danh", ct);
    }

    private (int Row, string Problem)? UnknownCourses(IEnumerable<Guid>? courses) =>
        (courses ?? []).Any(k => catalog.Find(k) is null) ? (0, text["EnrolmentCourseUnknown"].Value) : null;

    private List<(int Row, string Problem)> Describe(IEnumerable<LearnerImportProblem> problems) =>
        problems.OrderBy(p => p.Row).Select(p => (p.Row, text[$"LearnerImportProblem.{p.Kind}", p.Value ?? ""].Value)).ToList();

    private ViewResult Refuse(IReadOnlyList<(int Row, string Problem)> problems)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(PageView, new EnrolmentViewModel(catalog.Courses, Error: text["EnrolmentRefused"], Problems: problems));
    }
}
