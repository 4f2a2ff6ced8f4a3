using ChildProtection.Training.Learning;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using AssignmentRegistry = ChildProtection.Training.Learning.Assignments;

namespace ChildProtection.Web.Features.Backoffice.Assignments;

public sealed record AssignmentsViewModel(
    IReadOnlyList<Assignment> Assignments,
    IReadOnlyList<CourseOutline> Courses,
    IReadOnlyList<Unit> Units,
    string? Message = null,
    string? Error = null);

/// <summary>Training managers give a course to a unit and all below it (or to one role there), with a deadline.</summary>
[Route("backoffice/giao-khoa-hoc"), Authorize(Policy = BackofficePolicies.ManageTraining)]
public sealed class AssignmentsController(
    AssignmentRegistry assignments,
    ICourseCatalog catalog,
    UnitDirectory units,
    StaffUnitScopes scopes,
    IStringLocalizer<LearningText> text) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await PageAsync(null, null, ct);

    [HttpPost(""), ValidateAntiForgeryToken]
    public async Task<IActionResult> Assign(
        [FromForm(Name = "khoa-hoc")] Guid course,
        [FromForm(Name = "don-vi")] int unit,
        [FromForm(Name = "vai-tro")] LearnerRole? role,
        [FromForm(Name = "han")] string? due,
        [FromForm(Name = "bat-buoc")] bool mandatory,
        CancellationToken ct)
    {
        // The deadline is the end of the chosen day in Vietnam.
        var status = SiteClock.StartOfLocalDay(due) is { } dayStart
            ? await assignments.AssignAsync(await scopes.ForAsync(User, ct), course, unit, role, dayStart.AddDays(1).AddSeconds(-1), mandatory, User.Identity!.Name!, ct)
            : AssignmentStatus.DeadlineInPast;
        if (status != AssignmentStatus.Success)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await PageAsync(null, text[$"Assignment{status}"], ct);
        }

        return await PageAsync(text["AssignmentSaved"], null, ct);
    }

    private async Task<IActionResult> PageAsync(string? message, string? error, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(User, ct);
        return View("~/Features/Backoffice/Assignments/Index.cshtml", new AssignmentsViewModel(
            await assignments.AllAsync(scope, ct), catalog.Courses, await units.WithinAsync(scope, ct), message, error));
    }
}
