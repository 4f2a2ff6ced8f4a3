namespace ChildProtection.Training.Units;

/// <summary>
/// The part of the unit tree a staff user works in: one unit and every unit below it, or the whole tree. A school's
/// manager sees their school, a commune's officer the commune and its schools, the province's office everything.
/// </summary>
public sealed record UnitScope
{
    private UnitScope(Unit? root) => Root = root;

    public static UnitScope Everything { get; } = new((Unit?)null);

    /// <summary>For an account tied to a unit that no longer exists: nothing, rather than everything.</summary>
    public static UnitScope Nothing { get; } = new(new Unit { Id = -1, Code = "", Name = "", Path = "-1" });

    public static UnitScope Under(Unit root) => new(root);

    /// <summary>The top of the scope; null for the whole tree.</summary>
    public Unit? Root { get; }

    public bool Contains(Unit unit) => Root is null || unit.Id == Root.Id || unit.Path.StartsWith(Root.Path + ",", StringComparison.Ordinal);
}

public static class UnitScopeQueries
{
    /// <summary>The units of the scope, as one indexed query on the materialised path.</summary>
    public static IQueryable<Unit> Within(this IQueryable<Unit> units, UnitScope scope)
    {
        if (scope.Root is not { } root)
        {
            return units;
        }

        var id = root.Id;
        var below = root.Path + ",";
        return units.Where(u => u.Id == id || u.Path.StartsWith(below));
    }
}
