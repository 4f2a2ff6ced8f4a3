using ChildProtection.Training.Learning;
using ChildProtection.Training.Units;

namespace ChildProtection.Training.Reports;

/// <summary>
/// What a report covers: a unit's subtree (null: the top of the user's scope), optionally one course and one role,
/// over a period. Assignments count when their deadline falls in the period; starts and completions by their dates.
/// </summary>
public sealed record ReportFilter(int? UnitId, Guid? CourseKey, LearnerRole? Role, DateTime FromUtc, DateTime ToUtc);

/// <param name="Learners">Learners registered by the end of the period.</param>
/// <param name="Assigned">Learner–course pairs an assignment reaches.</param>
/// <param name="Started">Pairs enrolled by the end of the period and not finished before it (assigned or chosen).</param>
/// <param name="Completed">Pairs completed in the period (assigned or chosen).</param>
/// <param name="AssignedCompleted">Assigned pairs completed in the period: the completion rate's numerator.</param>
/// <param name="Overdue">Assigned pairs whose deadline has passed and that are not completed.</param>
public sealed record CompletionCounts(int Learners, int Assigned, int Started, int Completed, int AssignedCompleted, int Overdue)
{
    public static CompletionCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Share of the assigned pairs completed, 0–100; null when nothing is assigned.</summary>
    public double? Percent => Assigned == 0 ? null : Math.Round(100.0 * AssignedCompleted / Assigned, 1);

    public static CompletionCounts operator +(CompletionCounts a, CompletionCounts b) => new(
        a.Learners + b.Learners, a.Assigned + b.Assigned, a.Started + b.Started, a.Completed + b.Completed,
        a.AssignedCompleted + b.AssignedCompleted, a.Overdue + b.Overdue);
}

/// <param name="Unit">The unit whose subtree the row sums; for the "directly in this unit" row, the viewed unit itself.</param>
/// <param name="DirectOnly">The row counts only the learners registered in the unit itself, not below it.</param>
public sealed record UnitReportRow(Unit Unit, bool DirectOnly, bool HasChildren, CompletionCounts Counts);

public sealed record CourseReportRow(CourseOutline Course, CompletionCounts Counts);

public sealed record RoleReportRow(LearnerRole Role, CompletionCounts Counts);

/// <summary>Completions up to the end of a day, week or month (Vietnam time) of the period.</summary>
public sealed record TimelinePoint(DateOnly Until, int Completed, int Cumulative);

/// <param name="Unit">The unit reported on; null for the whole tree (several roots).</param>
/// <param name="Breadcrumb">From the top of the user's scope down to <see cref="Unit"/>, for drilling back up.</param>
public sealed record CompletionReport(
    ReportFilter Filter,
    Unit? Unit,
    IReadOnlyList<Unit> Breadcrumb,
    CompletionCounts Total,
    IReadOnlyList<UnitReportRow> Units,
    IReadOnlyList<CourseReportRow> Courses,
    IReadOnlyList<RoleReportRow> Roles,
    IReadOnlyList<TimelinePoint> Timeline);

/// <summary>Every unit of the subtree with its subtree's counts, in tree order: the spreadsheet export.</summary>
public sealed record UnitTreeRow(Unit Unit, int Depth, CompletionCounts Counts);

public enum LearnerCourseState
{
    NotStarted,
    InProgress,
    Completed,
    Overdue,
}

/// <param name="DueUtc">The earliest deadline of the assignments that reach the learner for this course; null if chosen freely.</param>
public sealed record LearnerCourseStatus(CourseOutline Course, LearnerCourseState State, int LessonsViewed, DateTime? CompletedUtc, DateTime? DueUtc);

public sealed record LearnerReportRow(Learner Learner, IReadOnlyList<LearnerCourseStatus> Courses);

/// <param name="Total">Learners registered directly in the unit (all pages).</param>
public sealed record UnitLearners(Unit Unit, IReadOnlyList<LearnerReportRow> Learners, int Total, int Page, int PageSize);
