using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Media;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Schema;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Content;

/// <summary>The content section's page models: the tree with the reviews waiting, the editor generated from the document type, moving and sorting.</summary>
public sealed class ContentEditorPages(
    ContentService content,
    ContentTree tree,
    ContentApprovals approvals,
    ContentSchema schema,
    MediaService media,
    IPublishedSnapshotAccessor snapshots,
    IOptions<CmsOptions> cms)
{
    /// <param name="canPublish">An editor also sees every request waiting for an answer; everyone sees their own.</param>
    public async Task<ContentTreeViewModel> TreeAsync(string culture, string userName, bool canPublish, CancellationToken ct)
    {
        var pending = canPublish ? await approvals.PendingAsync(ct) : [];
        var mine = await approvals.RequestedByAsync(userName, ct);
        var names = await content.GetNamesAsync(pending.Concat(mine).Select(a => a.NodeKey).ToHashSet(), culture, ct);
        return new ContentTreeViewModel(
            await tree.GetChildrenAsync(null, culture, ct), schema.ContentTypes.Where(t => t.AllowAtRoot && !t.IsElement).ToList(), pending, names, mine, culture);
    }

    /// <param name="posted">What was typed in a refused save, shown again instead of the stored draft.</param>
    /// <param name="refusal">Why an operation was refused, above the other errors.</param>
    public async Task<ContentEditorViewModel> EditorAsync(
        ContentType type, ContentDocument? document, Guid? parent, string culture, ContentEdit? posted,
        IReadOnlyList<ContentValidationError> errors, string? message, bool canPublish, CancellationToken ct, string? refusal = null)
    {
        var names = posted?.Names ?? document?.Names ?? new Dictionary<string, string>();
        var values = posted?.Values ?? document?.Values ?? [];
        var shown = new List<ContentValidationError>();
        EditorField Field(PropertyType property)
        {
            var valueCulture = property.VariesByCulture ? culture : null;
            var value = values.FirstOrDefault(v => v.Alias == property.Alias && (v.Culture ?? "") == (valueCulture ?? ""))?.Value;
            var own = errors.Where(e => e.Alias == property.Alias && (e.Culture ?? "") == (valueCulture ?? "")).ToList();
            shown.AddRange(own);
            return new EditorField(property, value, own.Select(e => e.Message).ToList(), type.VariesByCulture && !property.VariesByCulture);
        }

        var groups = type.Groups.OrderBy(g => g.SortOrder)
            .Select(g => (Group: g, Fields: type.Properties.Where(p => p.GroupAlias == g.Alias).OrderBy(p => p.SortOrder).Select(Field).ToList()))
            .Where(g => g.Fields.Count > 0)
            .ToList();
        var tabs = groups
            .GroupBy(g => g.Group.Alias.Split('/')[0])
            .Select(tab => new EditorTab(
                tab.Key,
                type.Groups.FirstOrDefault(g => g.Alias == tab.Key)?.Caption ?? tab.First().Group.Caption,
                tab.Select(g => new EditorGroup(g.Group.Alias.Contains('/') ? g.Group.Caption : "", g.Fields)).ToList()))
            .ToList();

        var nameErrors = errors.Where(e => e.Alias is null && (e.Culture is null || e.Culture == culture)).ToList();
        shown.AddRange(nameErrors);
        var other = errors.Except(shown).Select(e => e.Culture is null ? e.Message : $"{e.Message} ({e.Culture})").ToList();
        if (refusal is not null)
        {
            other.Insert(0, refusal);
        }

        var picked = values.Where(v => type.GetProperty(v.Alias)?.EditorAlias is PropertyEditorAliases.ContentPicker or PropertyEditorAliases.MultiUrlPicker)
            .SelectMany(v => Guid.TryParse(v.Value, out var key) ? [key] : PropertyForm.Links(v.Value).Where(l => l.Key is not null).Select(l => l.Key!.Value))
            .ToHashSet();
        var pickedMedia = values.Where(v => type.GetProperty(v.Alias)?.EditorAlias == PropertyEditorAliases.MediaPicker3)
            .SelectMany(v => PropertyForm.MediaKeys(v.Value)).ToHashSet();
        return new ContentEditorViewModel(
            type,
            document,
            parent,
            culture,
            type.VariesByCulture ? cms.Value.Cultures : [cms.Value.DefaultCulture],
            names.GetValueOrDefault(culture),
            nameErrors.Select(e => e.Message).ToList(),
            tabs,
            document is null
                ? parent is null ? [] : await tree.GetAncestorsAsync(parent.Value, culture, includeSelf: true, ct)
                : await tree.GetAncestorsAsync(document.Key, culture, ct: ct),
            type.AllowedChildAliases.Select(schema.Find).OfType<ContentType>().ToList(),
            document is null ? null : await approvals.LatestAsync(document.Key, ct),
            document is null ? null : snapshots.Current.Get(document.Key)?.Url(culture),
            canPublish,
            picked.Count == 0 ? new Dictionary<Guid, string>() : await content.GetNamesAsync(picked, culture, ct),
            await media.GetManyAsync(pickedMedia, ct),
            message,
            other);
    }

    public async Task<MoveViewModel> MoveAsync(ContentDocument document, string? error, CancellationToken ct)
    {
        var type = schema.Get(document.ContentTypeAlias);
        var parentTypes = schema.ContentTypes.Where(t => t.AllowsChild(type.Alias)).Select(t => t.Alias).ToList();
        var targets = (await tree.FindByTypesAsync(parentTypes, cms.Value.DefaultCulture, ct)).Where(t => t.Key != document.Key).ToList();
        return new MoveViewModel(document, document.Names.GetValueOrDefault(cms.Value.DefaultCulture) ?? "", targets, type.AllowAtRoot, error);
    }

    /// <param name="rootName">What the top of the tree is called, in the reader's language.</param>
    /// <returns>Null when the parent is not there (or in the recycle bin).</returns>
    public async Task<SortViewModel?> SortAsync(Guid? parent, string rootName, string? message, CancellationToken ct)
    {
        var culture = cms.Value.DefaultCulture;
        var parentName = rootName;
        if (parent is not null)
        {
            if (await content.GetAsync(parent.Value, ct) is not { Trashed: false } document)
            {
                return null;
            }

            parentName = document.Names.GetValueOrDefault(culture) ?? "";
        }

        return new SortViewModel(parent, parentName, await tree.GetChildrenAsync(parent, culture, ct), message);
    }
}
