namespace ChildProtection.Training.Units;

/// <summary>
/// What a unit is. The tree has no fixed depth (the 2025 reorganisation merged districts away): a school may sit
/// under a commune or ward, or straight under the province's education office.
/// </summary>
public enum UnitKind
{
    Province,

    /// <summary>Xã or phường: the commune-level administration.</summary>
    CommuneOrWard,
    School,

    /// <summary>A Youth Union (Đoàn) or Young Pioneers (Đội) organisation, provincial or grassroots.</summary>
    YouthUnion,
    Department,
    Other,
}

/// <summary>A unit learners belong to and reports roll up through.</summary>
public sealed class Unit
{
    public int Id { get; set; }

    /// <summary>The unit's code from the importing spreadsheet (e.g. the ministry's school code); unique.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    public int? ParentId { get; set; }

    /// <summary>Ids from the root down to this unit, comma-separated, so "this unit and all below" is one query.</summary>
    public string Path { get; set; } = "";
    public int Level { get; set; }
}
