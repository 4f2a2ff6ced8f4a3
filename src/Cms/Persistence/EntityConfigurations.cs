using ChildProtection.Cms.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Cms.Persistence;

internal sealed class ContentNodeEntityTypeConfiguration : IEntityTypeConfiguration<ContentNode>
{
    public void Configure(EntityTypeBuilder<ContentNode> builder)
    {
        builder.ToTable("cmsNode");
        builder.HasIndex(n => n.Key).IsUnique();
        builder.HasIndex(n => new { n.ParentId, n.SortOrder });
        builder.Property(n => n.ContentTypeAlias).HasMaxLength(100);
        builder.Property(n => n.Path).HasMaxLength(1000);
        builder.Property(n => n.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class ContentVersionEntityTypeConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> builder)
    {
        builder.ToTable("cmsContentVersion");
        builder.HasIndex(v => v.NodeId);
        builder.Property(v => v.UserName).HasMaxLength(256);
        builder.HasMany(v => v.Cultures).WithOne().HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Values).WithOne().HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ContentNode>().WithMany().HasForeignKey(v => v.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContentVersionCultureEntityTypeConfiguration : IEntityTypeConfiguration<ContentVersionCulture>
{
    public void Configure(EntityTypeBuilder<ContentVersionCulture> builder)
    {
        builder.ToTable("cmsContentVersionCulture");
        builder.HasIndex(c => new { c.VersionId, c.Culture }).IsUnique();
        builder.Property(c => c.Culture).HasMaxLength(10);
        builder.Property(c => c.Name).HasMaxLength(255);
        builder.Property(c => c.UrlSegment).HasMaxLength(255);
    }
}

internal sealed class PropertyValueEntityTypeConfiguration : IEntityTypeConfiguration<PropertyValue>
{
    public void Configure(EntityTypeBuilder<PropertyValue> builder)
    {
        builder.ToTable("cmsPropertyValue");
        builder.HasIndex(v => new { v.VersionId, v.Alias, v.Culture }).IsUnique();
        builder.Property(v => v.Alias).HasMaxLength(100);
        builder.Property(v => v.Culture).HasMaxLength(10);
    }
}

internal sealed class AuditEntryEntityTypeConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("cmsAudit");
        builder.HasIndex(a => a.NodeKey);
        builder.HasIndex(a => a.DateUtc);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(50);
        builder.Property(a => a.Comment).HasMaxLength(1000);
    }
}

internal sealed class RedirectUrlEntityTypeConfiguration : IEntityTypeConfiguration<RedirectUrl>
{
    public void Configure(EntityTypeBuilder<RedirectUrl> builder)
    {
        builder.ToTable("cmsRedirectUrl");
        builder.HasIndex(r => new { r.Culture, r.Url }).IsUnique();
        builder.Property(r => r.Culture).HasMaxLength(10);
        builder.Property(r => r.Url).HasMaxLength(1000);
    }
}
