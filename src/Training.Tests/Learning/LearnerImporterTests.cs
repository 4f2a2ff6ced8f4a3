using ChildProtection.Core;
using System.Text;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Tests.Infrastructure;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace ChildProtection.Training.Tests.Learning;

/// <summary>Reading, checking and saving a spreadsheet of learners, on each database provider.</summary>
public abstract class LearnerImporterTests(TrainingDatabase database) : IAsyncLifetime
{
    private static readonly CourseOutline Course = new(Guid.NewGuid(), "Kỷ luật tích cực", [new(Guid.NewGuid(), "Bài 1")], null, 0, 0.8m);

    /// <summary>Two teachers of school A1; Lan is the one who may already be a learner.</summary>
    private const string HoaAndLan = """
        ho_ten,email,vai_tro,ma_don_vi
        Nguyễn Thị Hoa,hoa@example.vn,giáo viên,TRUONG-A1
        Lê Thị Lan,lan@example.vn,giáo viên,TRUONG-A1
        """;

    private TrainingFixture _training = null!;
    private readonly Dictionary<string, Unit> _units = [];

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database, new StaticCourseCatalog([Course]));
        _units["TINH"] = await _training.AddUnitAsync("TINH", null);
        _units["XA-A"] = await _training.AddUnitAsync("XA-A", _units["TINH"].Id);
        _units["TRUONG-A1"] = await _training.AddUnitAsync("TRUONG-A1", _units["XA-A"].Id);
        _units["XA-B"] = await _training.AddUnitAsync("XA-B", _units["TINH"].Id);
        _units["TRUONG-B1"] = await _training.AddUnitAsync("TRUONG-B1", _units["XA-B"].Id);
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public void Read_RolesAsVietnameseSpreadsheetsWriteThem_WithOrWithoutDiacritics()
    {
        var (rows, problems) = Read("""
            ho_ten,email,vai_tro,ma_don_vi
            Nguyễn Thị Hoa,hoa@example.vn,giáo viên,TRUONG-A1
            Trần Văn Nam,nam@example.vn,Giao vien,truong-a1
            Lê Thị Lan,lan@example.vn,cán bộ quản lý,TRUONG-A1
            Phạm Minh Đức,duc@example.vn,Cán bộ Đoàn – Đội,XA-A
            Võ Văn Tú,tu@example.vn,can bo doan - doi,XA-A
            Đặng Thị Mai,mai@example.vn,công tác xã hội,XA-A
            Bùi Văn Hải,hai@example.vn,Khác,XA-A
            """);

        Assert.Empty(problems);
        Assert.Equal(
            [LearnerRole.Teacher, LearnerRole.Teacher, LearnerRole.SchoolManager, LearnerRole.YouthOfficer, LearnerRole.YouthOfficer, LearnerRole.SocialWorker, LearnerRole.Other],
            rows.Select(r => r.Role));
        Assert.Equal(2, rows[0].Row);
    }

    [Fact]
    public void Read_BrokenRows_EveryProblemWithItsRow()
    {
        var (rows, problems) = Read("""
            ho_ten,email,vai_tro,ma_don_vi
            Nguyễn Thị Hoa,hoa@example.vn,giáo viên,TRUONG-A1
            ,khong-ten@example.vn,giáo viên,TRUONG-A1
            Trần Văn Nam,nam@@example,giáo viên,TRUONG-A1
            Lê Thị Lan,HOA@example.vn,giáo viên,TRUONG-A1
            Phạm Minh Đức,duc@example.vn,hiệu phó,TRUONG-A1
            Võ Văn Tú,tu@example.vn,khác,
            """);

        Assert.Equal(
            [
                (3, LearnerImportProblemKind.MissingName, "khong-ten@example.vn"),
                (4, LearnerImportProblemKind.InvalidEmail, "nam@@example"),
                (5, LearnerImportProblemKind.DuplicateEmail, "HOA@example.vn"),
                (6, LearnerImportProblemKind.UnknownRole, "hiệu phó"),
                (7, LearnerImportProblemKind.MissingUnit, null),
            ],
            problems.Select(p => (p.Row, p.Kind, p.Value)));
        Assert.Single(rows);
    }

    [Fact]
    public void Read_MissingColumnsOrUnreadableFile_Refused()
    {
        Assert.Equal(
            [(1, LearnerImportProblemKind.MissingColumn, "vai_tro"), (1, LearnerImportProblemKind.MissingColumn, "ma_don_vi")],
            Read("ho_ten,email\nNguyễn Thị Hoa,hoa@example.vn").Problems.Select(p => (p.Row, p.Kind, p.Value)));
        var (_, junk) = LearnerImporter.Read(new MemoryStream([0x4D, 0x5A, 0x90, 0x00, 0x03]), "hoc-vien.xlsx");
        Assert.Equal(LearnerImportProblemKind.UnreadableFile, Assert.Single(junk).Kind);
        var tooMany = "ho_ten,email,vai_tro,ma_don_vi\n" + string.Concat(Enumerable.Range(0, LearnerImporter.MaxRows + 1).Select(i => $"Người {i},n{i}@example.vn,khác,XA-A\n"));
        Assert.Equal(LearnerImportProblemKind.TooManyRows, Assert.Single(Read(tooMany).Problems).Kind);
    }

    [Fact]
    public void Read_ExcelWorkbook_ReadsTheSameColumns()
    {
        using var workbook = new MemoryStream();
        workbook.SaveAs(new[] { new Dictionary<string, object> { ["ho_ten"] = "Nguyễn Thị Hoa", ["email"] = "hoa@example.vn", ["vai_tro"] = "Giáo viên", ["ma_don_vi"] = "TRUONG-A1" } });
        workbook.Position = 0;

        var (rows, problems) = LearnerImporter.Read(workbook, "hoc-vien.xlsx");

        Assert.Empty(problems);
        Assert.Equal(new LearnerImportRow(2, "Nguyễn Thị Hoa", "hoa@example.vn", LearnerRole.Teacher, "TRUONG-A1"), Assert.Single(rows));
    }

    [Fact]
    public async Task Plan_UnitOutsideTheManagersScope_IsUnknown_AndExistingLearnersAreFound()
    {
        var existing = await ExistingLearnerAsync("Lan@Example.vn");
        var (rows, _) = Read(HoaAndLan + "\nTrần Văn Nam,nam@example.vn,giáo viên,TRUONG-B1\nPhạm Minh Đức,duc@example.vn,giáo viên,KHONG-CO");

        var plan = await Importer(i => i.PlanAsync(rows, UnitScope.Under(_units["XA-A"])));

        Assert.Equal([(4, LearnerImportProblemKind.UnknownUnit, "TRUONG-B1"), (5, LearnerImportProblemKind.UnknownUnit, "KHONG-CO")], plan.Problems.Select(p => (p.Row, p.Kind, p.Value)));
        Assert.Null(plan.Lines[0].Existing);
        Assert.Equal(existing.Id, plan.Lines[1].Existing!.Id);
        Assert.True(plan.Lines[1].UnitDiffers);
        // For the whole province, the other commune's school is known.
        Assert.Equal(5, Assert.Single((await Importer(i => i.PlanAsync(rows, UnitScope.Everything))).Problems).Row);
    }

    [Fact]
    public async Task Check_ARowWithTwoProblems_ReportsBoth_WithTheFilesOwnProblems()
    {
        var csv = HoaAndLan + "\nTrần Văn Nam,nam@@example,giáo viên,TRUONG-B1\nPhạm Minh Đức,duc@example.vn,hiệu phó,XA-A";

        var (rows, plan) = await Importer(i => i.CheckAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "hoc-vien.csv", UnitScope.Under(_units["XA-A"])));

        Assert.Equal(
            [(4, LearnerImportProblemKind.InvalidEmail), (4, LearnerImportProblemKind.UnknownUnit), (5, LearnerImportProblemKind.UnknownRole)],
            plan.Problems.Select(p => (p.Row, p.Kind)));
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task Save_CreatesLearnersAndEnrolments_AndASecondSaveAddsNothing()
    {
        var existing = await ExistingLearnerAsync("lan@example.vn");
        var (rows, _) = Read(HoaAndLan);
        var accounts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["hoa@example.vn"] = "acc-2" };

        var first = await Importer(async i => await i.SaveAsync(await i.PlanAsync(rows, UnitScope.Everything), [Course.Key], accounts));
        var second = await Importer(async i => await i.SaveAsync(await i.PlanAsync(rows, UnitScope.Everything), [Course.Key], accounts));

        Assert.Equal(("Nguyễn Thị Hoa", 2), (Assert.Single(first.Created).FullName, first.Enrolments));
        Assert.Equal((0, 0), (second.Created.Count, second.Enrolments));
        await using var scope = _training.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        Assert.Equal(2, await db.Learners.CountAsync());
        Assert.Equal(2, await db.Enrolments.CountAsync(e => e.CourseKey == Course.Key));
        // The existing learner stays in their own unit.
        Assert.Equal(_units["XA-A"].Id, (await db.Learners.SingleAsync(l => l.Id == existing.Id)).UnitId);
        Assert.Equal(_units["TRUONG-A1"].Id, (await db.Learners.SingleAsync(l => l.AccountId == "acc-2")).UnitId);
    }

    private static (IReadOnlyList<LearnerImportRow> Rows, IReadOnlyList<LearnerImportProblem> Problems) Read(string csv) =>
        LearnerImporter.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "hoc-vien.csv");

    /// <summary>Lê Thị Lan, who registered on her own in commune A.</summary>
    private async Task<Learner> ExistingLearnerAsync(string email) =>
        (await _training.InScopeAsync<LearningService, Attempt<Learner, LearningStatus>>(l => l.RegisterAsync("acc-1", "Lê Thị Lan", email, LearnerRole.Teacher, _units["XA-A"].Id))).Result!;

    private Task<T> Importer<T>(Func<LearnerImporter, Task<T>> action) => _training.InScopeAsync(action);
}

public sealed class SqliteLearnerImporterTests() : LearnerImporterTests(TrainingDatabase.Sqlite);

public sealed class PostgresLearnerImporterTests() : LearnerImporterTests(TrainingDatabase.PostgreSql);
