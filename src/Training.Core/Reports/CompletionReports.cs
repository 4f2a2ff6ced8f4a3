using System.Globalization;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Reports;

/// <summary>
/// Completion reports for training managers: counts per unit down the tree, per course and per role, and the
/// learners of one unit. Each report is a handful of grouped queries (learners per unit and role, enrolments per
/// unit, role and course) summed up the tree in memory, so the root of a 2,000-unit province costs the same few
/// queries as a school.
/// </summary>
public sealed class CompletionReports(TrainingDbContext db, ICourseCatalog catalog, TimeProvider clock)
{
    // Vietnam keeps UTC+7 all year: the timeline runs over Vietnamese days.
    private const int VietnamHours = 7;

    private sealed record Cell(int UnitId, LearnerRole Role, int Learners);

    private sealed record EnrolmentCell(int UnitId, LearnerRole Role, Guid CourseKey, int Started, int Completed);

    /// <summary>Raw counts for a subtree, before they are summed one way or another.</summary>
    /// <param name="Units">The subtree's units, as a query filter too.</param>
    private sealed record Figures(
        IReadOnlyList<Unit> Units,
        UnitFilter Filter,
        IReadOnlyList<Cell> Learners,
        IReadOnlyDictionary<(int UnitId, LearnerRole Role, Guid CourseKey), EnrolmentCell> Enrolments,
        IReadOnlyList<CourseOutline> Courses,
        AssignmentCover Cover);

    /// <summary>Null when the unit does not exist or lies outside the user's scope: callers answer "not found".</summary>
    public async Task<CompletionReport?> ReportAsync(UnitScope scope, ReportFilter filter, CancellationToken ct = default)
    {
        if (await ResolveAsync(scope, filter.UnitId, ct) is not { } viewed)
        {
            return null;
        }

        var figures = await FiguresAsync(viewed.Unit, filter, ct);
        return Summarise(viewed, figures, filter, await TimelineAsync(figures, filter, ct));
    }

    /// <summary>The report and the whole subtree's rows from one reading of the figures (the spreadsheet has both); no timeline.</summary>
    public async Task<(CompletionReport Report, IReadOnlyList<UnitTreeRow> Tree)?> ExportAsync(UnitScope scope, ReportFilter filter, CancellationToken ct = default)
    {
        if (await ResolveAsync(scope, filter.UnitId, ct) is not { } viewed)
        {
            return null;
        }

        var figures = await FiguresAsync(viewed.Unit, filter, ct);
        return (Summarise(viewed, figures, filter, []), Tree(viewed, figures));
    }

    private CompletionReport Summarise(Viewed viewed, Figures figures, ReportFilter filter, IReadOnlyList<TimelinePoint> timeline)
    {
        var byUnit = figures.Units.ToDictionary(u => u.Id);
        var depth = viewed.Unit is null ? 0 : viewed.Unit.Level + 1;

        // The row a unit's counts go to: its ancestor just below the viewed unit, or the viewed unit itself ("direct").
        var rows = new Dictionary<int, CompletionCounts>();
        var direct = CompletionCounts.Zero;
        var courses = figures.Courses.ToDictionary(c => c.Key, _ => CompletionCounts.Zero);
        var roles = new Dictionary<LearnerRole, CompletionCounts>();
        foreach (var (cell, counts) in CellCounts(figures))
        {
            var unit = byUnit[cell.UnitId];
            if (unit.Id == viewed.Unit?.Id)
            {
                direct += counts.Total;
            }
            else
            {
                var rowId = PathIds(unit)[depth];
                rows[rowId] = rows.GetValueOrDefault(rowId, CompletionCounts.Zero) + counts.Total;
            }

            roles[cell.Role] = roles.GetValueOrDefault(cell.Role, CompletionCounts.Zero) + counts.Total;
            foreach (var (courseKey, courseCounts) in counts.PerCourse)
            {
                courses[courseKey] += courseCounts;
            }
        }

        var parents = figures.Units.Where(u => u.ParentId is not null).Select(u => u.ParentId!.Value).ToHashSet();
        var childUnits = figures.Units.Where(u => viewed.Unit is null ? u.ParentId is null : u.ParentId == viewed.Unit.Id);
        var unitRows = childUnits
            .Select(u => new UnitReportRow(u, false, parents.Contains(u.Id), rows.GetValueOrDefault(u.Id, CompletionCounts.Zero)))
            .OrderBy(r => r.Unit.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))
            .ToList();
        if (viewed.Unit is not null && direct.Learners > 0)
        {
            unitRows.Insert(0, new UnitReportRow(viewed.Unit, true, false, direct));
        }

        return new CompletionReport(
            filter,
            viewed.Unit,
            viewed.Breadcrumb,
            unitRows.Aggregate(CompletionCounts.Zero, (sum, row) => sum + row.Counts),
            unitRows,
            figures.Courses.Select(c => new CourseReportRow(c, courses[c.Key])).ToList(),
            Enum.GetValues<LearnerRole>().Where(r => filter.Role is null || r == filter.Role).Select(r => new RoleReportRow(r, roles.GetValueOrDefault(r, CompletionCounts.Zero))).ToList(),
            timeline);
    }

    /// <summary>Every unit of the subtree with its own subtree's counts, in tree order (the spreadsheet).</summary>
    private IReadOnlyList<UnitTreeRow> Tree(Viewed viewed, Figures figures)
    {
        var byUnit = figures.Units.ToDictionary(u => u.Id);
        var sums = new Dictionary<int, CompletionCounts>();
        foreach (var (cell, counts) in CellCounts(figures))
        {
            // A learner's counts belong to their unit and to every unit above it that the report shows.
            foreach (var id in PathIds(byUnit[cell.UnitId]).Where(byUnit.ContainsKey))
            {
                sums[id] = sums.GetValueOrDefault(id, CompletionCounts.Zero) + counts.Total;
            }
        }

        var topLevel = viewed.Unit?.Level ?? 0;
        var children = figures.Units.ToLookup(u => u.ParentId);
        var ordered = new List<UnitTreeRow>(figures.Units.Count);
        var comparer = StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false);
        void Walk(Unit unit)
        {
            ordered.Add(new UnitTreeRow(unit, unit.Level - topLevel, sums.GetValueOrDefault(unit.Id, CompletionCounts.Zero)));
            foreach (var child in children[unit.Id].OrderBy(c => c.Name, comparer))
            {
                Walk(child);
            }
        }

        foreach (var top in figures.Units.Where(u => u.ParentId is null || !byUnit.ContainsKey(u.ParentId.Value)).OrderBy(u => u.Name, comparer))
        {
            Walk(top);
        }

        return ordered;
    }

    /// <summary>The learners registered directly in one unit, with where each stands in each course.</summary>
    public async Task<UnitLearners?> LearnersAsync(UnitScope scope, ReportFilter filter, int page, int pageSize = 50, CancellationToken ct = default)
    {
        if (filter.UnitId is null || await ResolveAsync(scope, filter.UnitId, ct) is not { Unit: { } unit })
        {
            return null;
        }

        var learners = db.Learners.AsNoTracking().Where(l => l.UnitId == unit.Id && l.RegisteredUtc <= filter.ToUtc && (filter.Role == null || l.Role == filter.Role));
        var total = await learners.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var pageLearners = await learners.OrderBy(l => l.FullName).ThenBy(l => l.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = pageLearners.Select(l => l.Id).ToList();
        var enrolments = (await db.Enrolments.AsNoTracking().Where(e => ids.Contains(e.LearnerId)).ToListAsync(ct)).ToDictionary(e => (e.LearnerId, e.CourseKey));
        var views = (await db.LessonViews.Where(v => ids.Contains(v.LearnerId)).GroupBy(v => new { v.LearnerId, v.CourseKey })
            .Select(g => new { g.Key.LearnerId, g.Key.CourseKey, Count = g.Count() }).ToListAsync(ct)).ToDictionary(v => (v.LearnerId, v.CourseKey), v => v.Count);
        var cover = await AssignmentCover.LoadAsync(db, filter, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var courses = Courses(filter);

        var rows = pageLearners.Select(learner => new LearnerReportRow(learner, courses.Select(course =>
        {
            var due = cover.DueFor(unit, learner.Role, course.Key);
            var enrolment = enrolments.GetValueOrDefault((learner.Id, course.Key));
            var completed = enrolment?.CompletedUtc is { } at && at <= filter.ToUtc ? at : (DateTime?)null;
            var state = completed is not null ? LearnerCourseState.Completed
                : due < now ? LearnerCourseState.Overdue
                : enrolment is not null ? LearnerCourseState.InProgress
                : LearnerCourseState.NotStarted;
            return new LearnerCourseStatus(course, state, views.GetValueOrDefault((learner.Id, course.Key)), completed, due);
        }).ToList())).ToList();
        return new UnitLearners(unit, rows, total, page, pageSize);
    }

    private sealed record Viewed(Unit? Unit, IReadOnlyList<Unit> Breadcrumb);

    private async Task<Viewed?> ResolveAsync(UnitScope scope, int? unitId, CancellationToken ct)
    {
        var unit = unitId is null ? scope.Root : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
        {
            return unitId is null ? new Viewed(null, []) : null;
        }

        if (!scope.Contains(unit))
        {
            return null;
        }

        var ancestorIds = PathIds(unit).Skip(scope.Root?.Level ?? 0).ToList();
        var ancestors = await db.Units.AsNoTracking().Where(u => ancestorIds.Contains(u.Id)).ToListAsync(ct);
        return new Viewed(unit, ancestors.OrderBy(u => u.Level).ToList());
    }

    private async Task<Figures> FiguresAsync(Unit? top, ReportFilter filter, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Within(top is null ? UnitScope.Everything : UnitScope.Under(top)).ToListAsync(ct);
        var unitFilter = await UnitFilter.ForAsync(db, units, ct);
        var fromUtc = filter.FromUtc;
        var toUtc = filter.ToUtc;
        var learnerCells = await unitFilter.Apply(db.Learners)
            .Where(l => l.RegisteredUtc <= toUtc && (filter.Role == null || l.Role == filter.Role))
            .GroupBy(l => new { l.UnitId, l.Role })
            .Select(g => new { g.Key.UnitId, g.Key.Role, Count = g.Count() })
            .ToListAsync(ct);

        var enrolmentCells = (await Enrolments(filter, unitFilter)
            .GroupBy(e => new { e.UnitId, e.Role, e.CourseKey })
            .Select(g => new
            {
                g.Key.UnitId,
                g.Key.Role,
                g.Key.CourseKey,
                Started = g.Count(e => e.EnrolledUtc <= toUtc && (e.CompletedUtc == null || e.CompletedUtc >= fromUtc)),
                Completed = g.Count(e => e.CompletedUtc >= fromUtc && e.CompletedUtc <= toUtc),
            })
            .ToListAsync(ct))
            .ToDictionary(c => (c.UnitId, c.Role, c.CourseKey), c => new EnrolmentCell(c.UnitId, c.Role, c.CourseKey, c.Started, c.Completed));

        return new Figures(
            units,
            unitFilter,
            learnerCells.Select(c => new Cell(c.UnitId, c.Role, c.Count)).ToList(),
            enrolmentCells,
            Courses(filter),
            await AssignmentCover.LoadAsync(db, filter, ct));
    }

    /// <summary>Enrolments of the subtree for the filter's course and role, from the copies of unit and role they carry.</summary>
    private IQueryable<Enrolment> Enrolments(ReportFilter filter, UnitFilter units) =>
        units.Apply(db.Enrolments).Where(e => (filter.CourseKey == null || e.CourseKey == filter.CourseKey) && (filter.Role == null || e.Role == filter.Role));

    private IReadOnlyList<CourseOutline> Courses(ReportFilter filter) =>
        catalog.Courses.Where(c => filter.CourseKey is null || c.Key == filter.CourseKey).ToList();

    private sealed record CellTotals(CompletionCounts Total, IReadOnlyList<(Guid CourseKey, CompletionCounts Counts)> PerCourse);

    /// <summary>Each (unit, role) group of learners with its counts, in total and per course.</summary>
    private IEnumerable<(Cell Cell, CellTotals Counts)> CellCounts(Figures figures)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var units = figures.Units.ToDictionary(u => u.Id);
        foreach (var cell in figures.Learners)
        {
            var unit = units[cell.UnitId];
            var perCourse = new List<(Guid, CompletionCounts)>(figures.Courses.Count);
            var total = new CompletionCounts(cell.Learners, 0, 0, 0, 0, 0);
            foreach (var course in figures.Courses)
            {
                var enrolled = figures.Enrolments.GetValueOrDefault((cell.UnitId, cell.Role, course.Key));
                var started = enrolled?.Started ?? 0;
                var completed = enrolled?.Completed ?? 0;
                var due = figures.Cover.DueFor(unit, cell.Role, course.Key);
                var assigned = due is null ? 0 : cell.Learners;
                var assignedCompleted = due is null ? 0 : completed;
                var overdue = due < now ? Math.Max(0, cell.Learners - completed) : 0;
                var counts = new CompletionCounts(cell.Learners, assigned, started, completed, assignedCompleted, overdue);
                perCourse.Add((course.Key, counts));
                total += counts with { Learners = 0 };
            }

            yield return (cell, new CellTotals(total, perCourse));
        }
    }

    private async Task<IReadOnlyList<TimelinePoint>> TimelineAsync(Figures figures, ReportFilter filter, CancellationToken ct)
    {
        var fromUtc = filter.FromUtc;
        var toUtc = filter.ToUtc;
        var days = await Enrolments(filter, figures.Filter)
            .Where(e => e.CompletedUtc >= fromUtc && e.CompletedUtc <= toUtc)
            .GroupBy(e => TrainingDbFunctions.VietnamDate(e.CompletedUtc!.Value))
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(ct);

        var first = DateOnly.FromDateTime(fromUtc.AddHours(VietnamHours));
        var end = toUtc < clock.GetUtcNow().UtcDateTime ? toUtc : clock.GetUtcNow().UtcDateTime;
        var last = DateOnly.FromDateTime(end.AddHours(VietnamHours));
        if (last < first)
        {
            return [];
        }

        // Days for a month or two, weeks for a year, months beyond: a line a phone can still show.
        var span = last.DayNumber - first.DayNumber + 1;
        Func<DateOnly, DateOnly> bucketEnd = span <= 62 ? d => d
            : span <= 400 ? d => Min(d.AddDays(6 - ((int)d.DayOfWeek + 6) % 7), last)
            : d => Min(new DateOnly(d.Year, d.Month, 1).AddMonths(1).AddDays(-1), last);
        var perBucket = days.GroupBy(d => bucketEnd(DateOnly.ParseExact(d.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture))).ToDictionary(g => g.Key, g => g.Sum(d => d.Count));

        var points = new List<TimelinePoint>();
        var cumulative = 0;
        for (var day = first; day <= last; day = bucketEnd(day).AddDays(1))
        {
            var until = bucketEnd(day);
            var count = perBucket.GetValueOrDefault(until);
            cumulative += count;
            points.Add(new TimelinePoint(until, count, cumulative));
        }

        return points;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static int[] PathIds(Unit unit) => unit.Path.Split(',').Select(int.Parse).ToArray();

    /// <summary>
    /// A subtree as a query condition on a unit id, in its shortest form: nothing for the whole tree, the units left out
    /// when the subtree is most of it (a province beside a few others), else the subtree's own ids.
    /// </summary>
    private sealed record UnitFilter(IReadOnlyList<int> Ids, bool Exclude)
    {
        public static async Task<UnitFilter> ForAsync(TrainingDbContext db, IReadOnlyList<Unit> subtree, CancellationToken ct)
        {
            var total = await db.Units.CountAsync(ct);
            if (subtree.Count * 2 <= total)
            {
                return new(subtree.Select(u => u.Id).ToList(), Exclude: false);
            }

            var inside = subtree.Select(u => u.Id).ToHashSet();
            return new((await db.Units.Select(u => u.Id).ToListAsync(ct)).Where(id => !inside.Contains(id)).ToList(), Exclude: true);
        }

        public IQueryable<Learner> Apply(IQueryable<Learner> learners) =>
            Exclude ? Ids.Count == 0 ? learners : learners.Where(l => !Ids.Contains(l.UnitId)) : learners.Where(l => Ids.Contains(l.UnitId));

        public IQueryable<Enrolment> Apply(IQueryable<Enrolment> enrolments) =>
            Exclude ? Ids.Count == 0 ? enrolments : enrolments.Where(e => !Ids.Contains(e.UnitId)) : enrolments.Where(e => Ids.Contains(e.UnitId));
    }

    /// <summary>
    /// Which assignments reach a (unit, role, course): those given to the unit or a unit above it, for the role or
    /// every role, with their deadline in the period. The earliest deadline is the one that binds.
    /// </summary>
    private sealed class AssignmentCover(IReadOnlyList<Assignment> assignments)
    {
        private readonly Dictionary<(string Path, LearnerRole Role, Guid Course), DateTime?> _cache = [];

        public static async Task<AssignmentCover> LoadAsync(TrainingDbContext db, ReportFilter filter, CancellationToken ct) =>
            new(await db.Assignments.AsNoTracking()
                .Where(a => a.DueUtc >= filter.FromUtc && a.DueUtc <= filter.ToUtc && (filter.CourseKey == null || a.CourseKey == filter.CourseKey))
                .ToListAsync(ct));

        public DateTime? DueFor(Unit unit, LearnerRole role, Guid courseKey)
        {
            if (assignments.Count == 0)
            {
                return null;
            }

            if (!_cache.TryGetValue((unit.Path, role, courseKey), out var due))
            {
                var path = PathIds(unit);
                due = assignments
                    .Where(a => a.CourseKey == courseKey && (a.Role is null || a.Role == role) && path.Contains(a.UnitId))
                    .Select(a => (DateTime?)a.DueUtc).Min();
                _cache[(unit.Path, role, courseKey)] = due;
            }

            return due;
        }
    }
}
