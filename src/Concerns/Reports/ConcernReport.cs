namespace ChildProtection.Concerns.Reports;

/// <summary>Who is writing: the form's wording follows it (a child reads plainer words than an adult).</summary>
public enum ReporterRole
{
    Child,
    ParentOrCarer,
    Teacher,
    SomeoneElse,
}

/// <summary>What happened, in the categories the province's yearly reports count.</summary>
public enum ConcernCategory
{
    PhysicalViolence,
    EmotionalAbuse,
    SexualAbuse,
    SchoolBullying,
    OnlineBullying,
    Neglect,
    ChildLabour,
    SomethingElse,
}

/// <summary>How soon an officer must acknowledge the report; the escalation job reads it.</summary>
public enum ConcernUrgency
{
    Normal,
    High,
    Emergency,
}

/// <summary>The case's place in its handling: new → acknowledged → in progress → referred → closed.</summary>
public enum CaseStatus
{
    New,
    Acknowledged,
    InProgress,
    Referred,
    Closed,
}

/// <summary>Where a case was referred to.</summary>
public enum Referral
{
    Hotline111,
    Police,
    CommuneSocialWorker,
    School,
}

/// <summary>How a case ended.</summary>
public enum CaseOutcome
{
    Supported,
    ReferredOn,
    NotConfirmed,
    NoFurtherContact,
}

/// <summary>
/// A report of a concern about a child (báo tin): what a child or an adult wrote, and its handling. Only what the
/// statistics and the routing need is stored in the clear (category, who wrote, unit, dates, status); what was written
/// (the story, when it happened, the contact) is sealed with the report's own data key, which is itself sealed by the
/// master key kept outside the database. Destroying the data key erases the report.
/// </summary>
public sealed class ConcernReport
{
    public long Id { get; set; }

    /// <summary>The report's address in the backoffice: random, so that it says nothing of how many reports there are.</summary>
    public Guid Key { get; set; }

    /// <summary>A slow, keyed hash of the reporter's receipt code; the code itself is never stored.</summary>
    public required string ReceiptHash { get; set; }

    public DateTime ReceivedUtc { get; set; }
    public ReporterRole Reporter { get; set; }
    public ConcernCategory Category { get; set; }

    /// <summary>The school or commune the reporter chose; null for "I don't know".</summary>
    public int? PlaceUnitId { get; set; }

    /// <summary>The unit whose officers handle the report; null for the province's officers.</summary>
    public int? UnitId { get; set; }

    public ConcernUrgency Urgency { get; set; }
    public CaseStatus Status { get; set; }
    public Referral? ReferredTo { get; set; }
    public CaseOutcome? Outcome { get; set; }

    /// <summary>The staff account the case is assigned to, if any.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>When an officer of the unit must have acknowledged it; past that, the report moves up a unit.</summary>
    public DateTime AcknowledgeByUtc { get; set; }
    public DateTime? AcknowledgedUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }

    /// <summary>The report's data key, sealed by the master key; null once the report is erased.</summary>
    public byte[]? SealedKey { get; set; }

    /// <summary>The sealed <see cref="ConcernStory"/>; empty once erased.</summary>
    public byte[] Content { get; set; } = [];

    public DateTime? ErasedUtc { get; set; }

    /// <summary>Changes with every change of the case, so that two officers acting at once cannot overwrite each other.</summary>
    public int Version { get; set; }

    public List<CaseEntry> Entries { get; } = [];
    public List<ConcernAttachment> Attachments { get; } = [];
}

/// <summary>What the reporter wrote, kept sealed in <see cref="ConcernReport.Content"/>.</summary>
/// <param name="Place">What the reporter typed for "where" when it named none of the tree's units.</param>
public sealed record ConcernStory(string What, string? When, string? Place, string? Contact);

/// <summary>What an entry of the case log records.</summary>
public enum CaseEntryKind
{
    Received,

    /// <summary>A staff user opened the report: every opening is recorded.</summary>
    Opened,
    Acknowledged,
    UrgencyChanged,
    StatusChanged,
    Note,
    ReplyToReporter,
    ReporterMessage,
    Assigned,
    Transferred,
    Escalated,
    Erased,

    /// <summary>A staff user downloaded the case for handover (before its erasure, say).</summary>
    Exported,
}

/// <summary>
/// One line of a case's log, written once and never changed: openings, decisions, internal notes and the messages
/// between the officer and the reporter. Notes and messages are sealed with the report's data key.
/// </summary>
public sealed class CaseEntry
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public DateTime AtUtc { get; set; }
    public CaseEntryKind Kind { get; set; }

    /// <summary>The staff account that acted; null for the reporter and for the site's own jobs.</summary>
    public string? ActorId { get; set; }

    /// <summary>The actor's name as it was then, so the log reads the same after an account is renamed or removed.</summary>
    public string? ActorName { get; set; }

    /// <summary>What changed, without content: a status, a unit id, an urgency.</summary>
    public string? Detail { get; set; }

    /// <summary>The sealed text of a note or a message; null for other entries.</summary>
    public byte[]? Sealed { get; set; }
}

/// <summary>A picture or screenshot sent with a report, sealed with the report's data key.</summary>
public sealed class ConcernAttachment
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public required string ContentType { get; set; }
    public byte[] Sealed { get; set; } = [];
}
