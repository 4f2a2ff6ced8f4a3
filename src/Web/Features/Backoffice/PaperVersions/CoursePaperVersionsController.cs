using ChildProtection.Training.Learning;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Spreadsheets;
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
    [FromRoute(Name = "course")]
    public Guid CourseKey { get; set; }

    protected override IReadOnlyList<PaperColumn> Columns() =>
    [
        new("email", Text["PaperColumnEmail"], true),
        new("ma_de", Text["PaperColumnCode"], true),
        new("tra_loi", Text["PaperColumnAnswers"], true),
        new("diem_tu_luan", Text["PaperColumnEssayMarks"], false),
    ];

    /// <summary>The learners' papers; "hoc-truc-tiep" ticked counts the course's lessons as attended in person.</summary>
    protected override async Task<IActionResult> ImportAsync(PaperVersionsViewModel page, IReadOnlyList<ImportRow> rows, IFormCollection form, CancellationToken ct)
    {
        var papers = rows.Select(r => new CoursePaperRow(r.Number, r["email"], r["ma_de"], r["tra_loi"], r["diem_tu_luan"])).ToList();
        var attendedInPerson = form["hoc-truc-tiep"] == "true";
        return await results.ImportAsync(await scopes.ForAsync(User, ct), catalog.Find(CourseKey)!, papers, attendedInPerson, ct) is { } import
            ? Imported(page, import, Message, Text["PaperCourseResultsImported", import.Imported])
            : NotFound();
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
