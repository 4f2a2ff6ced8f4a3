using ChildProtection.Training.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Units;

/// <summary>Reading the unit tree, for the pages that list, pick or name units (the importer writes it).</summary>
public sealed class UnitDirectory(TrainingDbContext db)
{
    /// <summary>The units a staff member of <paramref name="scope"/> sees, down the tree (by path).</summary>
    public async Task<IReadOnlyList<Unit>> WithinAsync(UnitScope scope, CancellationToken ct = default) =>
        await db.Units.AsNoTracking().Within(scope).OrderBy(u => u.Path).ToListAsync(ct);

    public Task<bool> ExistsAsync(int id, CancellationToken ct = default) => db.Units.AnyAsync(u => u.Id == id, ct);

    public Task<Unit?> FindAsync(int id, CancellationToken ct = default) => db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);

    public async Task<int?> FindIdAsync(string code, CancellationToken ct = default) =>
        await db.Units.Where(u => u.Code == code).Select(u => (int?)u.Id).SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyDictionary<int, Unit>> FindManyAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);

    /// <summary>The names of those of <paramref name="ids"/> that lie within <paramref name="scope"/>.</summary>
    public async Task<IReadOnlyDictionary<int, string>> NamesWithinAsync(UnitScope scope, IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        await db.Units.AsNoTracking().Within(scope).Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

    /// <summary>A unit to show in an example row: the scope's first school, else its highest unit; null when it has none.</summary>
    public async Task<string?> ExampleCodeAsync(UnitScope scope, CancellationToken ct = default) =>
        await db.Units.AsNoTracking().Within(scope).OrderByDescending(u => u.Kind == UnitKind.School).ThenBy(u => u.Level).ThenBy(u => u.Id).Select(u => u.Code).FirstOrDefaultAsync(ct);
}
