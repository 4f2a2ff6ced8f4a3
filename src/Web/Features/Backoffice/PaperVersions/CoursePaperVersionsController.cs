using ChildProtection.Training.Learning;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Contests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.PaperVersions;

/// <summary>
/// A course's final quiz on paper, for a training day where the learners have no devices: its results are the
/// learners' attempts, deciding their completion and certificates and counted in the completion reports (see
/// <see cref="CoursePaperResults"/>); a training manager names only learners of their own units.
/// </summary>
[Route("backoffice/khoa-hoc/{course:guid}/de-giay"), Authorize(Policy = BackofficePolicies.ManageTraining)]
public sealed class CoursePaperVersionsController(
    ICourseCatalog catalog,
    LearningService learning,
    QuizService quizzes,
    CoursePaperResults results,
    StaffUnitScopes scopes,
    PaperPdfRenderer renderer,
    PaperPictures pictures,
    IStringLocalizer<ContestsText> text) : PaperVersionsController(quizzes, renderer, pictures, text)
{
    private static readonly string[] ResultColumns = ["email", "ma_de", "tra_loi"];

    [FromRoute(Name = "course")]
    public Guid CourseKey { get; set; }

    [HttpPost("ket-qua"), ValidateAntiForgeryToken, RequestSizeLimit(MaxResultsFileBytes + 64 * 1024)]
    public async Task<IActionResult> ImportResults(IFormFile? file, [FromForm(Name = "hoc-truc-tiep")] bool attendedInPerson, CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } page || catalog.Find(CourseKey) is not { } course)
        {
            return NotFound();
        }

        var (sheet, refusal) = await ReadResultsAsync(page, file, ResultColumns, Text["PaperCourseResultsColumns"]);
        if (sheet is null)
        {
            return refusal!;
        }

        var rows = sheet.Rows.Select(r => new CoursePaperRow(r.Number, r["email"], r["ma_de"], r["tra_loi"], r["diem_tu_luan"])).ToList();
        if (await results.ImportAsync(await scopes.ForAsync(User, ct), course, rows, attendedInPerson, ct) is not { } import)
        {
            return NotFound();
        }

        return Imported(page, import, Message, Text["PaperCourseResultsImported", import.Imported]);
    }

    protected override async Task<PaperVersionsViewModel?> LoadAsync(CancellationToken ct) =>
        catalog.Find(CourseKey) is { } course && await learning.FinalQuizAsync(course, ct) is not null
            && await Quizzes.PaperVersionsAsync(course.Key, ct) is { } quiz
            ? Page(PaperOwner.Course, course.Title, Text["PaperCourseQuiz"], ("/backoffice/bao-cao", Text["PaperCourseReports"]), $"/backoffice/khoa-hoc/{course.Key}/de-giay", quiz)
            : null;

    /// <summary>A row's problem in a learner's terms: their papers are told apart by e-mail address and version.</summary>
    private string Message(PaperRowError error) => error.Problem switch
    {
        PaperRowProblem.DuplicateRow => Text["PaperCourseDuplicateRow", error.Row, error.Detail ?? ""],
        PaperRowProblem.AlreadyImported => Text["PaperCourseAlreadyImported", error.Row],
        PaperRowProblem.UnknownCode => Text["PaperCourseUnknownCode", error.Row, error.Detail ?? ""],
        _ => Text[$"PaperRow.{error.Problem}", error.Row, error.Detail ?? ""],
    };
}
