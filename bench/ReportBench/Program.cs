// The training completion report of a whole province: 100,000 learners in 2,000 units over 4 levels, 5 courses,
// 300,000 enrolments. Prints the median and p95 time of the report page for the root unit and of its Excel export,
// on SQLite and on PostgreSQL in one run. The site runs in this process (ASP.NET Core's test host, no network) and
// is asked over HTTP by a signed-in training manager, as a browser would.
using System.Diagnostics;
using System.Globalization;
using ChildProtection.Bench;
using ChildProtection.Cms.Content;
using ChildProtection.Cms.Publishing;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.ReportBench;

internal sealed record Figures(string Database, double ReportMedian, double ReportP95, double ExportMedian, double ExportP95, int ExportBytes, int Units, int Learners, int Enrolments);

internal static class Benchmark
{
    private const int Learners = 100_000;
    private const int CoursesPerLearner = 3;
    private static readonly int[] UnitsPerLevel = [1, 19, 190, 1790];

    public static async Task Main()
    {
        var requests = int.TryParse(Environment.GetEnvironmentVariable("BENCH_REQUESTS"), out var r) ? r : 20;
        var postgres = Environment.GetEnvironmentVariable("BENCH_POSTGRES") is { Length: > 0 } configured ? configured : null;
        var results = new List<Figures> { await RunAsync(null, requests) };
        if (postgres is not null)
        {
            results.Add(await RunAsync($"{postgres};Database=cp_bench_reports_{Guid.NewGuid():N}", requests));
        }

        string Ms(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
        var data = results[0];
        Console.WriteLine($"training report of the root unit: {data.Units:N0} units over 4 levels, {data.Learners:N0} learners, 5 courses, {data.Enrolments:N0} enrolments; {requests} requests each, server time in-process, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"database",-12} {"report median ms",17} {"report p95 ms",14} {"xlsx median ms",15} {"xlsx p95 ms",12} {"xlsx bytes",11}");
        foreach (var f in results)
        {
            Console.WriteLine($"{f.Database,-12} {Ms(f.ReportMedian),17} {Ms(f.ReportP95),14} {Ms(f.ExportMedian),15} {Ms(f.ExportP95),12} {f.ExportBytes,11:N0}");
        }

        Console.WriteLine("goal: report < 500 ms, export < 3,000 ms (medians), on SQLite and on PostgreSQL");
        if (postgres is null)
        {
            Console.WriteLine("PostgreSQL skipped: set BENCH_POSTGRES to a server's connection string (training-report.sh does)");
        }
    }

    private static async Task<Figures> RunAsync(string? postgres, int requests)
    {
        var database = postgres is null ? "SQLite" : "PostgreSQL";
        var dataPath = Path.Combine(Path.GetTempPath(), $"cp-bench-reports-{Guid.NewGuid():N}");
        var site = InProcessSite.Start(dataPath, postgres);
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Console.Error.WriteLine($"[{database}] adding two courses to the three seeded ones…");
        await AddCoursesAsync(site.Services);
        var catalog = site.Services.GetRequiredService<ICourseCatalog>();
        for (var wait = 0; catalog.Courses.Count < 5 && wait < 100; wait++)
        {
            await Task.Delay(100);
        }

        if (catalog.Courses.Count != 5)
        {
            throw new InvalidOperationException($"Expected 5 published courses, found {catalog.Courses.Count}.");
        }

        var watch = Stopwatch.StartNew();
        var (root, units) = await AddUnitsAsync(site.Services);
        var (learners, enrolments) = await AddLearnersAsync(site.Services, units, catalog.Courses.Select(c => c.Key).ToList());
        await AddAssignmentsAsync(site.Services, root, units, catalog.Courses);
        Console.Error.WriteLine($"[{database}] {units.Count:N0} units, {learners:N0} learners, {enrolments:N0} enrolments in {watch.Elapsed.TotalSeconds:N0} s");

        await InProcessSite.SignInAsync(site.Services, client, StaffRoles.TrainingManager, "Quản lý tập huấn");
        var query = $"?don-vi={root.Id}&tu=2026-01-01&den=2026-12-31";
        var report = await InProcessSite.MeasureAsync(client, "/backoffice/bao-cao" + query, requests, warmUp: 3);
        var export = await InProcessSite.MeasureAsync(client, "/backoffice/bao-cao/bao-cao.xlsx" + query, Math.Max(5, requests / 2), warmUp: 3);

        await site.DisposeAsync();
        if (postgres is not null)
        {
            // The site's connections are closed with it; the throwaway database goes too.
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
            var name = connection.Database;
            connection.Database = "postgres";
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(connection.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file the host still holds; the temp folder is cleaned by the system.
        }

        return new Figures(database, report.Median, report.P95, export.Median, export.P95, export.Bytes, units.Count, learners, enrolments);
    }

    /// <summary>Two more published courses of four lessons, under the seeded course list.</summary>
    private static async Task AddCoursesAsync(IServiceProvider services)
    {
        var snapshot = services.GetRequiredService<IPublishedSnapshotAccessor>().Current;
        var courseList = snapshot.All.First(c => c.ContentTypeAlias == "courseList").Key;
        await using var scope = services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentService>();
        async Task<Guid> CreateAsync(Guid parent, string type, string name, params PropertyValueEdit[] values)
        {
            var created = await content.CreateAsync(parent, type, new ContentEdit(new Dictionary<string, string> { ["vi"] = name }, values), "bench");
            var key = created.Content?.Key ?? throw new InvalidOperationException($"{type} {name}: {created.Status} {string.Join("; ", created.Errors?.Select(e => e.ToString()) ?? [])}");
            var published = await content.PublishAsync(key, "bench");
            return published.Status == ContentOperationStatus.Success ? key : throw new InvalidOperationException($"publish {name}: {published.Status}");
        }

        foreach (var title in new[] { "Phòng, chống xâm hại trẻ em trong trường học", "Kỹ năng tư vấn tâm lý cho học sinh" })
        {
            var course = await CreateAsync(courseList, "course", title, new PropertyValueEdit("summary", "vi", $"Khóa học {title}."), new PropertyValueEdit("body", "vi", "Giới thiệu khóa học."));
            for (var lesson = 1; lesson <= 4; lesson++)
            {
                await CreateAsync(course, "lesson", $"Bài {lesson}", new PropertyValueEdit("body", "vi", $"Nội dung bài {lesson}."));
            }
        }
    }

    /// <summary>A province of 2,000 units: 19 communes or wards, 10 clusters under each, about 9 schools under each cluster.</summary>
    private static async Task<(Unit Root, List<Unit> Units)> AddUnitsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var all = new List<Unit>();
        var previous = new List<Unit>();
        for (var level = 0; level < UnitsPerLevel.Length; level++)
        {
            var current = new List<Unit>();
            for (var i = 0; i < UnitsPerLevel[level]; i++)
            {
                var parent = level == 0 ? null : previous[i % previous.Count];
                current.Add(new Unit
                {
                    Code = $"BENCH-{level}-{i:D4}",
                    Name = level switch { 0 => "Tỉnh Thử nghiệm", 1 => $"Xã {i + 1}", 2 => $"Cụm trường {i + 1}", _ => $"Trường {i + 1}" },
                    Kind = level switch { 0 => UnitKind.Province, 1 => UnitKind.CommuneOrWard, 2 => UnitKind.Other, _ => UnitKind.School },
                    ParentId = parent?.Id,
                    Level = level,
                });
            }

            db.Units.AddRange(current);
            await db.SaveChangesAsync();
            foreach (var unit in current)
            {
                var parent = unit.ParentId is { } parentId ? previous.First(p => p.Id == parentId) : null;
                unit.Path = parent is null ? $"{unit.Id}" : $"{parent.Path},{unit.Id}";
            }

            await db.SaveChangesAsync();
            all.AddRange(current);
            previous = current;
        }

        return (all[0], all);
    }

    /// <summary>
    /// Learners mostly in schools (a few in communes), each enrolled in 3 of the 5 courses, started through the year,
    /// about half completed. Inserted in chunks on fresh contexts so the change tracker stays small.
    /// </summary>
    private static async Task<(int Learners, int Enrolments)> AddLearnersAsync(IServiceProvider services, List<Unit> units, List<Guid> courses)
    {
        var random = new Random(2026);
        var schools = units.Where(u => u.Level == 3).ToList();
        var communes = units.Where(u => u.Level == 1).ToList();
        var roles = new[] { LearnerRole.Teacher, LearnerRole.Teacher, LearnerRole.Teacher, LearnerRole.SchoolManager, LearnerRole.YouthOfficer, LearnerRole.SocialWorker, LearnerRole.Other };
        var yearStart = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var enrolled = 0;
        const int chunk = 5_000;
        for (var start = 0; start < Learners; start += chunk)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<Learner>(chunk);
            for (var i = start; i < start + chunk; i++)
            {
                var unit = i % 50 == 0 ? communes[random.Next(communes.Count)] : schools[random.Next(schools.Count)];
                batch.Add(new Learner
                {
                    Key = Guid.NewGuid(),
                    AccountId = $"bench-{i}",
                    FullName = $"Học viên {i}",
                    Email = $"hv{i}@example.vn",
                    Role = roles[random.Next(roles.Length)],
                    UnitId = unit.Id,
                    RegisteredUtc = yearStart.AddDays(random.Next(0, 60)),
                });
            }

            db.Learners.AddRange(batch);
            await db.SaveChangesAsync();

            var enrolments = new List<Enrolment>(chunk * CoursesPerLearner);
            foreach (var learner in batch)
            {
                foreach (var course in courses.OrderBy(_ => random.Next()).Take(CoursesPerLearner))
                {
                    var started = learner.RegisteredUtc.AddDays(random.Next(0, 200));
                    enrolments.Add(new Enrolment
                    {
                        LearnerId = learner.Id,
                        CourseKey = course,
                        UnitId = learner.UnitId,
                        Role = learner.Role,
                        EnrolledUtc = started,
                        CompletedUtc = random.Next(2) == 0 ? started.AddDays(random.Next(1, 90)) : null,
                    });
                }
            }

            db.Enrolments.AddRange(enrolments);
            await db.SaveChangesAsync();
            enrolled += enrolments.Count;
        }

        return (Learners, enrolled);
    }

    /// <summary>Every course to the whole province (one already overdue), and two more to some communes' teachers.</summary>
    private static async Task AddAssignmentsAsync(IServiceProvider services, Unit root, List<Unit> units, IReadOnlyList<CourseOutline> courses)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var due = new DateTime(2026, 11, 15, 16, 59, 59, DateTimeKind.Utc);
        for (var i = 0; i < courses.Count; i++)
        {
            db.Assignments.Add(new Assignment { CourseKey = courses[i].Key, UnitId = root.Id, DueUtc = due.AddDays(i * 10 - 20), Mandatory = true, CreatedBy = "bench", CreatedUtc = due.AddMonths(-6) });
        }

        foreach (var commune in units.Where(u => u.Level == 1).Take(5))
        {
            db.Assignments.Add(new Assignment { CourseKey = courses[0].Key, UnitId = commune.Id, Role = LearnerRole.Teacher, DueUtc = due.AddDays(-60), Mandatory = true, CreatedBy = "bench", CreatedUtc = due.AddMonths(-8) });
        }

        await db.SaveChangesAsync();
    }
}
