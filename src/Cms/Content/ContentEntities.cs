namespace ChildProtection.Cms.Content;

/// <summary>A node of the content tree; its values live in <see cref="ContentVersion"/>s.</summary>
public sealed class ContentNode
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public int? ParentId { get; set; }
    public required string ContentTypeAlias { get; set; }
    public int SortOrder { get; set; }
    public int Level { get; set; }

    /// <summary>Ids from the root down to this node, comma-separated, as Umbraco's umbracoNode.path.</summary>
    public string Path { get; set; } = "";

    public bool Trashed { get; set; }

    /// <summary>Where a trashed node was, so that restore can put it back.</summary>
    public int? TrashedFromParentId { get; set; }

    public DateTime CreateDateUtc { get; set; }
    public DateTime UpdateDateUtc { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>The newest version: the draft an editor sees.</summary>
    public int CurrentVersionId { get; set; }

    /// <summary>The version the public sees, or null when unpublished.</summary>
    public int? PublishedVersionId { get; set; }

    /// <summary>When the node was first published; news lists and feeds sort by it.</summary>
    public DateTime? FirstPublishedUtc { get; set; }
}

/// <summary>An immutable snapshot of a node's names and values, written on every save.</summary>
public sealed class ContentVersion
{
    public int Id { get; set; }
    public int NodeId { get; set; }
    public DateTime VersionDateUtc { get; set; }
    public required string UserName { get; set; }
    public List<ContentVersionCulture> Cultures { get; set; } = [];
    public List<PropertyValue> Values { get; set; } = [];
}

public sealed class ContentVersionCulture
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public required string Culture { get; set; }
    public required string Name { get; set; }
    public required string UrlSegment { get; set; }
}

public sealed class PropertyValue
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public required string Alias { get; set; }

    /// <summary>The culture, or "" for an invariant value.</summary>
    public string Culture { get; set; } = "";

    public string? Value { get; set; }
}

/// <summary>Who did what to which node, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime DateUtc { get; set; }
    public required string UserName { get; set; }
    public Guid NodeKey { get; set; }
    public required string Action { get; set; }
    public string? Comment { get; set; }
}

/// <summary>A URL a published node used to have; it answers 301 to the node's current URL.</summary>
public sealed class RedirectUrl
{
    public int Id { get; set; }
    public required string Culture { get; set; }
    public required string Url { get; set; }
    public Guid NodeKey { get; set; }
    public DateTime CreateDateUtc { get; set; }
}
