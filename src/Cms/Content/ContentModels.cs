namespace ChildProtection.Cms.Content;

/// <summary>What an editor submits on save: every name and value of the node, in stored form.</summary>
/// <param name="Names">Culture → name. For a document type that does not vary, only the default culture.</param>
public sealed record ContentEdit(IReadOnlyDictionary<string, string> Names, IReadOnlyList<PropertyValueEdit> Values);

/// <summary>One node of a bulk import: its key, its parent's (imported before it, or stored already), and whether it goes public.</summary>
public sealed record ContentImportItem(Guid Key, Guid? ParentKey, string ContentTypeAlias, ContentEdit Edit, bool Publish);

/// <param name="Culture">The culture of a value that varies by culture; null for an invariant one.</param>
public sealed record PropertyValueEdit(string Alias, string? Culture, string? Value);

/// <summary>A problem with one property (or with a name when <see cref="Alias"/> is null), in the editor's language.</summary>
public sealed record ContentValidationError(string? Alias, string? Culture, string Message);

public enum ContentOperationStatus
{
    Success,
    NotFound,
    UnknownContentType,
    NotAllowedAtRoot,
    NotAllowedUnderParent,
    ParentNotFound,
    ParentNotPublished,
    ValidationFailed,
    InRecycleBin,
    NotInRecycleBin,
    CannotMoveIntoOwnSubtree,
    VersionNotFound,
    InvalidSortKeys,
}

/// <summary>
/// What a create or a save produced, in the shape of Umbraco's <c>ContentCreateResult</c>: the node as stored once it
/// succeeded; the editor's mistakes when it was refused for them (<see cref="ContentOperationStatus.ValidationFailed"/>,
/// also by a publish that checks the draft against today's rules); and, on "Lưu và xuất bản", the approval request the
/// publish closed, whose writer is to be told.
/// </summary>
public sealed record ContentEditResult(
    ContentDocument? Content,
    IReadOnlyList<ContentValidationError> ValidationErrors,
    ApprovalRequest? Approved = null)
{
    public static ContentEditResult Refused(IReadOnlyList<ContentValidationError> errors) => new(null, errors);
}

/// <summary>The editable view of a node: its newest version and its publish state.</summary>
public sealed record ContentDocument(
    Guid Key,
    Guid? ParentKey,
    string ContentTypeAlias,
    int SortOrder,
    int Level,
    bool Trashed,
    bool Published,
    int CurrentVersionId,
    int? PublishedVersionId,
    IReadOnlyDictionary<string, string> Names,
    IReadOnlyDictionary<string, string> UrlSegments,
    IReadOnlyList<PropertyValueEdit> Values,
    DateTime CreateDateUtc,
    DateTime UpdateDateUtc)
{
    public bool HasUnpublishedChanges => PublishedVersionId != CurrentVersionId;

    public string? GetValue(string alias, string? culture = null) =>
        Values.FirstOrDefault(v => v.Alias == alias && (v.Culture ?? "") == (culture ?? ""))?.Value;
}

public sealed record ContentVersionSummary(int VersionId, DateTime VersionDateUtc, string UserName, bool IsCurrent, bool IsPublished);
