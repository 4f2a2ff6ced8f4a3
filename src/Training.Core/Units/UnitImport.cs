using System.Globalization;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Units;

public enum UnitImportProblemKind
{
    /// <summary>The file is neither a CSV nor an Excel workbook that can be read.</summary>
    UnreadableFile,
    MissingColumn,
    MissingCode,
    MissingName,
    DuplicateCode,
    UnknownKind,
    UnknownParent,

    /// <summary>A unit would end up below itself.</summary>
    Cycle,
}

/// <param name="Row">The spreadsheet row (the header is row 1).</param>
public sealed record UnitImportProblem(int Row, UnitImportProblemKind Kind, string? Value = null);

/// <param name="Created">Units new to the tree; <see cref="Updated"/> existing codes whose name, kind or parent changed.</param>
public sealed record UnitImportResult(IReadOnlyList<UnitImportProblem> Problems, int Created, int Updated)
{
    public bool Success => Problems.Count == 0;
}

/// <summary>
/// Imports the unit tree from a spreadsheet with the columns <c>ma</c> (code), <c>ten</c> (name), <c>loai</c>
/// (kind) and <c>ma_cap_tren</c> (parent's code, empty for a root). Every row is checked first, against the file
/// and the units already stored; one bad row means nothing is saved, and every problem is reported with its row.
/// </summary>
public sealed class UnitImporter(TrainingDbContext db)
{
    public static readonly IReadOnlyList<string> Columns = ["ma", "ten", "loai", "ma_cap_tren"];

    // Kinds as people write them in Vietnamese spreadsheets, with or without diacritics.
    private static readonly Dictionary<string, UnitKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tinh"] = UnitKind.Province, ["tỉnh"] = UnitKind.Province, ["thanh pho"] = UnitKind.Province, ["thành phố"] = UnitKind.Province,
        ["xa"] = UnitKind.CommuneOrWard, ["xã"] = UnitKind.CommuneOrWard, ["phuong"] = UnitKind.CommuneOrWard, ["phường"] = UnitKind.CommuneOrWard, ["dac khu"] = UnitKind.CommuneOrWard, ["đặc khu"] = UnitKind.CommuneOrWard,
        ["truong"] = UnitKind.School, ["trường"] = UnitKind.School,
        ["doan"] = UnitKind.YouthUnion, ["đoàn"] = UnitKind.YouthUnion, ["doi"] = UnitKind.YouthUnion, ["đội"] = UnitKind.YouthUnion,
        ["so"] = UnitKind.Department, ["sở"] = UnitKind.Department, ["phong"] = UnitKind.Department, ["phòng"] = UnitKind.Department,
        ["khac"] = UnitKind.Other, ["khác"] = UnitKind.Other,
    };

    private sealed record Row(int Number, string Code, string Name, UnitKind Kind, string? ParentCode);

    public async Task<UnitImportResult> ImportAsync(Stream file, string fileName, CancellationToken ct = default)
    {
        var (rows, problems) = Read(file, fileName);
        if (problems.Any(p => p.Kind is UnitImportProblemKind.UnreadableFile or UnitImportProblemKind.MissingColumn))
        {
            return new UnitImportResult(problems, 0, 0);
        }

        var existing = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.OrdinalIgnoreCase, ct);
        problems.AddRange(Check(rows, existing));
        if (problems.Count > 0)
        {
            return new UnitImportResult(problems.OrderBy(p => p.Row).ToList(), 0, 0);
        }

        var byId = existing.Values.ToDictionary(u => u.Id);
        string? ParentCodeOf(Unit unit) => unit.ParentId is { } parent ? byId[parent].Code : null;
        var created = rows.Count(r => !existing.ContainsKey(r.Code));
        var updated = rows.Count(r => existing.TryGetValue(r.Code, out var unit)
            && (unit.Name != r.Name || unit.Kind != r.Kind || !string.Equals(ParentCodeOf(unit), r.ParentCode, StringComparison.OrdinalIgnoreCase)));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in rows)
        {
            if (existing.TryGetValue(row.Code, out var unit))
            {
                (unit.Name, unit.Kind) = (row.Name, row.Kind);
            }
            else
            {
                existing[row.Code] = new Unit { Code = row.Code, Name = row.Name, Kind = row.Kind };
                db.Units.Add(existing[row.Code]);
            }
        }

        // Ids first, then parents and paths, which are made of ids.
        await db.SaveChangesAsync(ct);
        foreach (var row in rows)
        {
            existing[row.Code].ParentId = row.ParentCode is null ? null : existing[row.ParentCode].Id;
        }

        var units = existing.Values.ToDictionary(u => u.Id);
        foreach (var unit in units.Values)
        {
            (unit.Path, unit.Level) = PathOf(unit, units);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new UnitImportResult([], created, updated);
    }

    private static (string Path, int Level) PathOf(Unit unit, IReadOnlyDictionary<int, Unit> byId)
    {
        var ids = new List<int>();
        for (var current = unit; current is not null; current = current.ParentId is { } parent ? byId[parent] : null)
        {
            ids.Insert(0, current.Id);
        }

        return (string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))), ids.Count - 1);
    }

    private static (List<Row> Rows, List<UnitImportProblem> Problems) Read(Stream file, string fileName)
    {
        var rows = new List<Row>();
        var sheet = ImportSheet.Read(file, fileName, Columns);
        if (sheet.Unreadable is { } reason)
        {
            return (rows, [new UnitImportProblem(1, UnitImportProblemKind.UnreadableFile, reason)]);
        }

        var problems = sheet.MissingColumns.Select(c => new UnitImportProblem(1, UnitImportProblemKind.MissingColumn, c)).ToList();
        foreach (var record in sheet.Rows)
        {
            var number = record.Number;
            var (code, name, kind, parent) = (record["ma"], record["ten"], record["loai"], record["ma_cap_tren"]);
            if (code.Length == 0)
            {
                problems.Add(new UnitImportProblem(number, UnitImportProblemKind.MissingCode));
            }

            if (name.Length == 0)
            {
                problems.Add(new UnitImportProblem(number, UnitImportProblemKind.MissingName, code));
            }

            if (!Kinds.TryGetValue(kind, out var unitKind))
            {
                problems.Add(new UnitImportProblem(number, UnitImportProblemKind.UnknownKind, kind));
            }

            rows.Add(new Row(number, code, name, unitKind, parent.Length == 0 ? null : parent));
        }

        return (rows, problems);
    }

    private static IEnumerable<UnitImportProblem> Check(List<Row> rows, IReadOnlyDictionary<string, Unit> existing)
    {
        foreach (var duplicate in rows.GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var row in duplicate.Skip(1))
            {
                yield return new UnitImportProblem(row.Number, UnitImportProblemKind.DuplicateCode, row.Code);
            }
        }

        var parents = existing.Values.ToDictionary(u => u.Code, u => existing.Values.FirstOrDefault(p => p.Id == u.ParentId)?.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            parents[row.Code] = row.ParentCode;
        }

        foreach (var row in rows)
        {
            if (row.ParentCode is not null && !parents.ContainsKey(row.ParentCode))
            {
                yield return new UnitImportProblem(row.Number, UnitImportProblemKind.UnknownParent, row.ParentCode);
                continue;
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { row.Code };
            for (var parent = row.ParentCode; parent is not null; parent = parents.GetValueOrDefault(parent))
            {
                if (!seen.Add(parent))
                {
                    yield return new UnitImportProblem(row.Number, UnitImportProblemKind.Cycle, row.Code);
                    break;
                }
            }
        }
    }
}
