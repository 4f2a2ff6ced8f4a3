using System.Text;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Tests.Infrastructure;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace ChildProtection.Training.Tests.Units;

/// <summary>Importing the unit tree from CSV and Excel, on each database provider.</summary>
public abstract class UnitImporterTests(TrainingDatabase database) : IAsyncLifetime
{
    private const string Province = """
        ma,ten,loai,ma_cap_tren
        T01,Sở Giáo dục và Đào tạo tỉnh,Sở,
        X01,Phường Hòa Bình,phường,T01
        S01,Trường THCS Bình Minh,trường,X01
        S02,Trường Tiểu học Kim Đồng,Trường,X01
        D01,Tỉnh đoàn,đoàn,
        D02,Chi đoàn THCS Bình Minh,Doan,D01
        """;

    private TrainingFixture _training = null!;

    public async Task InitializeAsync() => _training = await TrainingFixture.StartAsync(database);

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task Import_Csv_BuildsTheTreeWithPathsAndLevels()
    {
        var result = await ImportAsync(Province);

        Assert.True(result.Success);
        Assert.Equal(6, result.Created);
        var units = await UnitsAsync();
        var school = units["S01"];
        Assert.Equal(UnitKind.School, school.Kind);
        Assert.Equal(2, school.Level);
        Assert.Equal($"{units["T01"].Id},{units["X01"].Id},{school.Id}", school.Path);
        Assert.Equal(UnitKind.YouthUnion, units["D02"].Kind);
        Assert.Null(units["D01"].ParentId);
    }

    [Fact]
    public async Task Import_BadRows_EveryProblemReportedWithItsRowAndNothingSaved()
    {
        var result = await ImportAsync("""
            ma,ten,loai,ma_cap_tren
            T01,Sở Giáo dục,sở,
            ,Không có mã,trường,T01
            S01,,trường,T01
            S02,Trường B,bệnh viện,T01
            S03,Trường C,trường,X99
            T01,Trùng mã,sở,
            """);

        Assert.False(result.Success);
        Assert.Equal(
            [
                (3, UnitImportProblemKind.MissingCode, null),
                (4, UnitImportProblemKind.MissingName, "S01"),
                (5, UnitImportProblemKind.UnknownKind, "bệnh viện"),
                (6, UnitImportProblemKind.UnknownParent, "X99"),
                (7, UnitImportProblemKind.DuplicateCode, "T01"),
            ],
            result.Problems.Select(p => (p.Row, p.Kind, p.Value)));
        Assert.Empty(await UnitsAsync());
    }

    [Fact]
    public async Task Import_MissingColumnOrCycle_Refused()
    {
        Assert.Equal(
            [(1, UnitImportProblemKind.MissingColumn, "ma_cap_tren")],
            (await ImportAsync("ma,ten,loai\nT01,Sở,sở")).Problems.Select(p => (p.Row, p.Kind, p.Value)));

        var cycle = await ImportAsync("ma,ten,loai,ma_cap_tren\nA,Đơn vị A,khác,B\nB,Đơn vị B,khác,A");
        Assert.Contains(cycle.Problems, p => p.Kind == UnitImportProblemKind.Cycle);
        Assert.Empty(await UnitsAsync());
    }

    [Fact]
    public async Task Import_Again_UpdatesNamesAndMovesUnitsKeepingTheRest()
    {
        await ImportAsync(Province);

        // After the 2025 reorganisation the school moves straight under the province office.
        var result = await ImportAsync("ma,ten,loai,ma_cap_tren\nS01,Trường THCS Bình Minh mới,trường,T01\nS09,Trường mới,trường,X01");

        Assert.True(result.Success);
        Assert.Equal((1, 1), (result.Created, result.Updated));
        var units = await UnitsAsync();
        Assert.Equal("Trường THCS Bình Minh mới", units["S01"].Name);
        Assert.Equal($"{units["T01"].Id},{units["S01"].Id}", units["S01"].Path);
        Assert.Equal(7, units.Count);
    }

    [Fact]
    public async Task Import_ExcelWorkbook_ReadsTheSameColumns()
    {
        using var workbook = new MemoryStream();
        workbook.SaveAs(new[]
        {
            new Dictionary<string, object> { ["ma"] = "T01", ["ten"] = "Tỉnh đoàn", ["loai"] = "đoàn", ["ma_cap_tren"] = "" },
            new Dictionary<string, object> { ["ma"] = "D01", ["ten"] = "Đoàn xã Tân Lập", ["loai"] = "đoàn", ["ma_cap_tren"] = "T01" },
        });
        workbook.Position = 0;

        var result = await _training.InScopeAsync<UnitImporter, UnitImportResult>(importer => importer.ImportAsync(workbook, "don-vi.xlsx"));

        Assert.True(result.Success, string.Join("; ", result.Problems));
        Assert.Equal(1, (await UnitsAsync())["D01"].Level);
    }

    [Fact]
    public async Task Import_NotASpreadsheet_ReportedAsUnreadable()
    {
        using var junk = new MemoryStream([0x4D, 0x5A, 0x90, 0x00, 0x03]);

        var result = await _training.InScopeAsync<UnitImporter, UnitImportResult>(importer => importer.ImportAsync(junk, "don-vi.xlsx"));

        Assert.Equal(UnitImportProblemKind.UnreadableFile, Assert.Single(result.Problems).Kind);
    }

    private Task<UnitImportResult> ImportAsync(string csv) =>
        _training.InScopeAsync<UnitImporter, UnitImportResult>(importer => importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "don-vi.csv"));

    private async Task<Dictionary<string, Unit>> UnitsAsync()
    {
        await using var scope = _training.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Units.AsNoTracking().ToDictionaryAsync(u => u.Code);
    }
}

public sealed class SqliteUnitImporterTests() : UnitImporterTests(TrainingDatabase.Sqlite);

public sealed class PostgresUnitImporterTests() : UnitImporterTests(TrainingDatabase.PostgreSql);
