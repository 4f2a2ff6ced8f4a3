namespace ChildProtection.Concerns.Reports;

/// <summary>Why an operation on a report succeeded or was refused; each has a message for the user.</summary>
public enum ConcernResult
{
    Done,
    StoryMissing,
    TextTooLong,
    TooManyAttachments,
    MessageMissing,
    NotFound,
    CaseClosed,
    ChangedMeanwhile,
    ReferralMissing,
    OutcomeMissing,
    SameUnit,
    NotAColleague,

    /// <summary>The sender's address has sent as many reports as it may in an hour.</summary>
    TooManyReports,
}

/// <summary>A picture sent with a report, already checked and stripped of its metadata by the host.</summary>
public sealed record NewAttachment(string ContentType, byte[] Content);

/// <summary>What the reporter's form sent. <paramref name="UnitId"/> is the unit the host routed the report to.</summary>
public sealed record NewConcern(
    ReporterRole Reporter,
    ConcernCategory Category,
    int? PlaceUnitId,
    int? UnitId,
    string? What,
    string? When,
    string? Place,
    string? Contact,
    IReadOnlyList<NewAttachment> Attachments);

/// <summary>A report just received: the receipt code is shown to the reporter once and stored nowhere.</summary>
public sealed record ReceivedConcern(Guid Key, string ReceiptCode, ConcernUrgency Urgency, int? UnitId);

public sealed record ConversationMessage(DateTime AtUtc, bool FromReporter, string Text);

/// <summary>What a reporter sees with their receipt code: where the case stands and the messages, never the officers' notes.</summary>
public sealed record ReporterView(DateTime ReceivedUtc, ConcernCategory Category, CaseStatus Status, IReadOnlyList<ConversationMessage> Messages)
{
    public bool CanReply => Status != CaseStatus.Closed;
}

/// <summary>A report in an officer's list: nothing of what was written.</summary>
/// <param name="AssignedTo">The staff account the case is assigned to, if any.</param>
public sealed record CaseSummary(
    Guid Key,
    DateTime ReceivedUtc,
    ReporterRole Reporter,
    ConcernCategory Category,
    int? PlaceUnitId,
    int? UnitId,
    ConcernUrgency Urgency,
    CaseStatus Status,
    DateTime AcknowledgeByUtc,
    bool Erased,
    string? AssignedTo);

public sealed record CaseLogLine(DateTime AtUtc, CaseEntryKind Kind, string? ActorName, string? Detail, string? Text);

/// <summary>An opened case, as its officer reads it.</summary>
public sealed record CaseView(
    CaseSummary Summary,
    int Version,
    ConcernStory? Story,
    Referral? ReferredTo,
    CaseOutcome? Outcome,
    IReadOnlyList<long> AttachmentIds,
    IReadOnlyList<CaseLogLine> Log);

/// <summary>The staff user acting on a case, named in its log.</summary>
public sealed record CaseActor(string Id, string Name);

/// <summary>
/// The units an officer may see: a list of unit ids (their unit and every unit below it), or everything for the
/// province's officers. Reports routed to the province (no unit) are seen only by the latter.
/// </summary>
public sealed record CaseScope(IReadOnlySet<int>? Units)
{
    public static CaseScope Everything { get; } = new((IReadOnlySet<int>?)null);

    public bool Contains(int? unitId) => Units is null || unitId is { } id && Units.Contains(id);
}
