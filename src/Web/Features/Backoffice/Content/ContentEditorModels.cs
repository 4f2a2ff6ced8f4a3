using ChildProtection.Cms.Content;
using ChildProtection.Cms.Media;
using ChildProtection.Cms.Schema;

namespace ChildProtection.Web.Features.Backoffice.Content;

/// <summary>One input of the generated editor, with the value to show and its validation messages.</summary>
/// <param name="Shared">An invariant property of a document type that varies: one value for every language.</param>
public sealed record EditorField(PropertyType Property, string? Value, IReadOnlyList<string> Errors, bool Shared);

public sealed record EditorGroup(string Caption, IReadOnlyList<EditorField> Fields);

/// <summary>A tab: groups whose alias is "tab/group" sit in the tab "tab"; a top-level group is a tab of its own.</summary>
public sealed record EditorTab(string Alias, string Caption, IReadOnlyList<EditorGroup> Groups)
{
    public bool HasErrors => Groups.Any(g => g.Fields.Any(f => f.Errors.Count > 0));
}

public sealed record ContentEditorViewModel(
    ContentType Type,
    ContentDocument? Document,
    Guid? ParentKey,
    string Culture,
    IReadOnlyList<string> Cultures,
    string? Name,
    IReadOnlyList<string> NameErrors,
    IReadOnlyList<EditorTab> Tabs,
    IReadOnlyList<ContentTreeItem> Breadcrumbs,
    IReadOnlyList<ContentType> AllowedChildren,
    ApprovalRequest? Approval,
    string? PublicUrl,
    bool CanPublish,
    IReadOnlyDictionary<Guid, string> PickedNames,
    IReadOnlyDictionary<Guid, MediaItem> PickedMedia,
    string? Message = null,
    IReadOnlyList<string>? Errors = null)
{
    public bool IsNew => Document is null;

    public string FormAction => Document is null
        ? ParentKey is null ? $"/backoffice/noi-dung/tao?loai={Type.Alias}" : $"/backoffice/noi-dung/tao?cha={ParentKey}&loai={Type.Alias}"
        : $"/backoffice/noi-dung/{Document.Key}?ngon-ngu={Culture}";

    public IReadOnlyList<string> AllErrors => Errors ?? [];
}

public sealed record ContentTreeViewModel(IReadOnlyList<ContentTreeItem> Roots, IReadOnlyList<ContentType> RootTypes, IReadOnlyList<ApprovalRequest> Pending, IReadOnlyDictionary<Guid, string> PendingNames, IReadOnlyList<ApprovalRequest> Mine, string Culture);

public sealed record ContentChildrenViewModel(IReadOnlyList<ContentTreeItem> Items, string Culture);

public sealed record MoveViewModel(ContentDocument Document, string Name, IReadOnlyList<(Guid Key, string Name, int Level)> Targets, bool AllowAtRoot, string? Error = null);

public sealed record SortViewModel(Guid? ParentKey, string ParentName, IReadOnlyList<ContentTreeItem> Children, string? Message = null);

public sealed record PropertyInputModel(EditorField Field, string Culture, IReadOnlyDictionary<Guid, string> PickedNames, IReadOnlyDictionary<Guid, MediaItem> PickedMedia);
