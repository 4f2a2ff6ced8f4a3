using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Cms.Media;

/// <summary>A folder or a file of the media library (Umbraco's media item). A file keeps its key when replaced.</summary>
public sealed class MediaItem
{
    public int Id { get; set; }
    public Guid Key { get; set; }

    /// <summary>The folder it is in; null at the top of the library.</summary>
    public int? ParentId { get; set; }

    public bool IsFolder { get; set; }
    public required string Name { get; set; }

    /// <summary>The file's name as served ("to-gap-111.jpg"), made safe for a URL; null for a folder.</summary>
    public string? FileName { get; set; }

    /// <summary>What the file's content proved it is ("jpeg", "png", "webp", "gif", "pdf").</summary>
    public string? Format { get; set; }

    public long Length { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }

    /// <summary>Goes up by one each time the file is replaced; part of the stored path and the ETag.</summary>
    public int FileVersion { get; set; }

    /// <summary>
    /// The point of the picture that must stay in view when it is cropped (Umbraco's focal point), from the left
    /// and from the top, each 0 to 1; the centre until an editor sets it.
    /// </summary>
    public double FocalPointX { get; set; } = FocalPoint.Centre.X;

    public double FocalPointY { get; set; } = FocalPoint.Centre.Y;

    public DateTime CreateDateUtc { get; set; }
    public DateTime UpdateDateUtc { get; set; }
    public required string CreatedBy { get; set; }
    public List<MediaAltText> AltTexts { get; set; } = [];

    public bool IsImage => Format is "jpeg" or "png" or "webp" or "gif";

    public string? Url => FileName is null ? null : $"/media/{Key:N}/{FileName}";

    public FocalPoint FocalPoint => new(FocalPointX, FocalPointY);

    public string? AltText(string culture) => AltTexts.FirstOrDefault(a => a.Culture == culture)?.Text;
}

/// <summary>An image's alternative text in one culture, read aloud by screen readers.</summary>
public sealed class MediaAltText
{
    public int Id { get; set; }
    public int MediaId { get; set; }
    public required string Culture { get; set; }
    public required string Text { get; set; }
}

internal sealed class MediaItemEntityTypeConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> builder)
    {
        builder.ToTable("cmsMedia");
        builder.HasIndex(m => m.Key).IsUnique();
        builder.HasIndex(m => new { m.ParentId, m.Name });
        builder.Property(m => m.Name).HasMaxLength(255);
        builder.Property(m => m.FileName).HasMaxLength(255);
        builder.Property(m => m.Format).HasMaxLength(10);
        builder.Property(m => m.CreatedBy).HasMaxLength(256);
        builder.HasMany(m => m.AltTexts).WithOne().HasForeignKey(a => a.MediaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MediaItem>().WithMany().HasForeignKey(m => m.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MediaAltTextEntityTypeConfiguration : IEntityTypeConfiguration<MediaAltText>
{
    public void Configure(EntityTypeBuilder<MediaAltText> builder)
    {
        builder.ToTable("cmsMediaAltText");
        builder.HasIndex(a => new { a.MediaId, a.Culture }).IsUnique();
        builder.Property(a => a.Culture).HasMaxLength(10);
        builder.Property(a => a.Text).HasMaxLength(500);
    }
}
