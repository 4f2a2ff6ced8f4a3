using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Text;
using ChildProtection.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Media;

public enum MediaStatus
{
    Success,
    NotFound,
    FolderNotFound,
    NameRequired,
    NotAFile,
    FolderNotEmpty,
    Empty,
    TooLarge,
    UnsupportedType,
    Corrupt,
    TooManyPixels,
    ActiveContent,
}

/// <summary>
/// The media library: folders and files, files checked and cleaned by <see cref="MediaFileInspector"/> before
/// anything is written. Files live under App_Data/media/{key}/{version}/; a refused upload stores nothing.
/// </summary>
public sealed class MediaService(CmsDbContext db, CmsPaths paths, IOptions<MediaOptions> options, IOptions<CmsOptions> cms, ImageVariants variants, TimeProvider clock)
{
    public const int MaxAltTextLength = 500;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string Root => Path.Combine(paths.DataPath, "media");

    public Task<MediaItem?> GetAsync(Guid key, CancellationToken ct = default) =>
        db.Media.AsNoTracking().Include(m => m.AltTexts).SingleOrDefaultAsync(m => m.Key == key, ct);

    public async Task<IReadOnlyDictionary<Guid, MediaItem>> GetManyAsync(IReadOnlyCollection<Guid> keys, CancellationToken ct = default) =>
        keys.Count == 0
            ? new Dictionary<Guid, MediaItem>()
            : await db.Media.AsNoTracking().Include(m => m.AltTexts).Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, ct);

    /// <summary>A folder's folders first, then its files, newest first.</summary>
    public async Task<IReadOnlyList<MediaItem>> GetChildrenAsync(Guid? folderKey, CancellationToken ct = default)
    {
        int? parentId = null;
        if (folderKey is not null && (parentId = await FolderIdAsync(folderKey.Value, ct)) is null)
        {
            return [];
        }

        return await db.Media.AsNoTracking().Include(m => m.AltTexts).Where(m => m.ParentId == parentId)
            .OrderByDescending(m => m.IsFolder).ThenByDescending(m => m.Id).Take(500).ToListAsync(ct);
    }

    /// <summary>The folders above an item, from the top down.</summary>
    public async Task<IReadOnlyList<MediaItem>> GetAncestorsAsync(MediaItem item, CancellationToken ct = default)
    {
        var result = new List<MediaItem>();
        for (var parentId = item.ParentId; parentId is not null;)
        {
            var parent = await db.Media.AsNoTracking().SingleAsync(m => m.Id == parentId, ct);
            result.Insert(0, parent);
            parentId = parent.ParentId;
        }

        return result;
    }

    /// <summary>Files whose name contains <paramref name="query"/> (any folder), for the media picker.</summary>
    public async Task<IReadOnlyList<MediaItem>> FindAsync(string query, bool imagesOnly, CancellationToken ct = default)
    {
        var pattern = $"%{query.Trim()}%";
        var files = db.Media.AsNoTracking().Include(m => m.AltTexts).Where(m => !m.IsFolder && EF.Functions.Like(m.Name, pattern));
        if (imagesOnly)
        {
            files = files.Where(m => m.Format != "pdf");
        }

        return await files.OrderByDescending(m => m.Id).Take(60).ToListAsync(ct);
    }

    public async Task<Attempt<MediaItem, MediaStatus>> CreateFolderAsync(Guid? parentKey, string? name, string userName, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Attempt.Fail(MediaStatus.NameRequired);
        }

        int? parentId = null;
        if (parentKey is not null && (parentId = await FolderIdAsync(parentKey.Value, ct)) is null)
        {
            return Attempt.Fail(MediaStatus.FolderNotFound);
        }

        var folder = new MediaItem { Key = Guid.NewGuid(), ParentId = parentId, IsFolder = true, Name = Limit(name, 255), CreatedBy = userName, CreateDateUtc = Now, UpdateDateUtc = Now };
        db.Media.Add(folder);
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(MediaStatus.Success, folder);
    }

    public async Task<Attempt<MediaItem, MediaStatus>> UploadAsync(Guid? folderKey, string fileName, Stream content, string userName, CancellationToken ct = default)
    {
        int? parentId = null;
        if (folderKey is not null && (parentId = await FolderIdAsync(folderKey.Value, ct)) is null)
        {
            return Attempt.Fail(MediaStatus.FolderNotFound);
        }

        var (file, status) = await InspectAsync(content, ct);
        if (file is null)
        {
            return Attempt.Fail(status);
        }

        var item = new MediaItem
        {
            Key = Guid.NewGuid(),
            ParentId = parentId,
            Name = Limit(Path.GetFileNameWithoutExtension(fileName) is { Length: > 0 } stem ? stem : file.Format, 255),
            CreatedBy = userName,
            CreateDateUtc = Now,
        };
        Apply(item, file, fileName);
        await WriteFileAsync(item, file, ct);
        try
        {
            db.Media.Add(item);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            Directory.Delete(ItemFolder(item), recursive: true);
            throw;
        }

        return Attempt.SucceedWithStatus(MediaStatus.Success, item);
    }

    /// <summary>A new file for an existing item: its key, and so every page that uses it, stays the same.</summary>
    public async Task<Attempt<MediaItem, MediaStatus>> ReplaceAsync(Guid key, string fileName, Stream content, CancellationToken ct = default)
    {
        var item = await db.Media.SingleOrDefaultAsync(m => m.Key == key, ct);
        if (item is null)
        {
            return Attempt.Fail(MediaStatus.NotFound);
        }

        if (item.IsFolder)
        {
            return Attempt.Fail(MediaStatus.NotAFile);
        }

        var (file, status) = await InspectAsync(content, ct);
        if (file is null)
        {
            return Attempt.Fail(status);
        }

        var oldFolder = VersionFolder(item);
        item.FileVersion++;
        Apply(item, file, fileName);
        await WriteFileAsync(item, file, ct);
        await db.SaveChangesAsync(ct);
        Directory.Delete(oldFolder, recursive: true);
        variants.Remove(item.Key);
        return Attempt.SucceedWithStatus(MediaStatus.Success, item);
    }

    /// <summary>Sets the alternative text of each culture given; an empty text removes that culture's.</summary>
    public async Task<Attempt<MediaItem, MediaStatus>> SetAltTextsAsync(Guid key, IReadOnlyDictionary<string, string?> texts, CancellationToken ct = default)
    {
        var item = await db.Media.Include(m => m.AltTexts).SingleOrDefaultAsync(m => m.Key == key, ct);
        if (item is null)
        {
            return Attempt.Fail(MediaStatus.NotFound);
        }

        foreach (var (culture, text) in texts.Where(t => cms.Value.Cultures.Contains(t.Key)))
        {
            var existing = item.AltTexts.FirstOrDefault(a => a.Culture == culture);
            if (string.IsNullOrWhiteSpace(text))
            {
                if (existing is not null)
                {
                    item.AltTexts.Remove(existing);
                }
            }
            else if (existing is null)
            {
                item.AltTexts.Add(new MediaAltText { Culture = culture, Text = Limit(text, MaxAltTextLength) });
            }
            else
            {
                existing.Text = Limit(text, MaxAltTextLength);
            }
        }

        item.UpdateDateUtc = Now;
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(MediaStatus.Success, item);
    }

    /// <summary>Where crops of the picture are centred (0 to 1 from the left and from the top).</summary>
    public async Task<Attempt<MediaItem, MediaStatus>> SetFocalPointAsync(Guid key, FocalPoint point, CancellationToken ct = default)
    {
        var item = await db.Media.SingleOrDefaultAsync(m => m.Key == key, ct);
        if (item is null)
        {
            return Attempt.Fail(MediaStatus.NotFound);
        }

        if (!item.IsImage)
        {
            return Attempt.Fail(MediaStatus.NotAFile);
        }

        var rounded = FocalPoint.Create(point.X, point.Y);
        (item.FocalPointX, item.FocalPointY) = (rounded.X, rounded.Y);
        item.UpdateDateUtc = Now;
        await db.SaveChangesAsync(ct);
        variants.Remove(item.Key);
        return Attempt.SucceedWithStatus(MediaStatus.Success, item);
    }

    /// <summary>A variant of the item's picture (drawn on first use, then from the disk cache).</summary>
    public Task<string> GetVariantAsync(MediaItem item, ImageRenderSpec spec, CancellationToken ct = default) =>
        variants.GetAsync(item, FilePath(item), spec, ct);

    /// <summary>Deletes a file, or a folder once it is empty.</summary>
    public async Task<Attempt<MediaItem, MediaStatus>> DeleteAsync(Guid key, CancellationToken ct = default)
    {
        var item = await db.Media.SingleOrDefaultAsync(m => m.Key == key, ct);
        if (item is null)
        {
            return Attempt.Fail(MediaStatus.NotFound);
        }

        if (item.IsFolder && await db.Media.AnyAsync(m => m.ParentId == item.Id, ct))
        {
            return Attempt.Fail(MediaStatus.FolderNotEmpty);
        }

        db.Media.Remove(item);
        await db.SaveChangesAsync(ct);
        if (Directory.Exists(ItemFolder(item)))
        {
            Directory.Delete(ItemFolder(item), recursive: true);
        }

        variants.Remove(item.Key);

        return Attempt.SucceedWithStatus(MediaStatus.Success, item);
    }

    /// <summary>Where the item's current file is on disk.</summary>
    public string FilePath(MediaItem item) => Path.Combine(VersionFolder(item), item.FileName!);

    private string ItemFolder(MediaItem item) => Path.Combine(Root, item.Key.ToString("N"));

    private string VersionFolder(MediaItem item) => Path.Combine(ItemFolder(item), item.FileVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<(InspectedFile? File, MediaStatus Status)> InspectAsync(Stream content, CancellationToken ct)
    {
        // Read one byte past the limit, so an oversized upload is known without reading all of it.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.Value.MaxFileBytes)
            {
                return (null, MediaStatus.TooLarge);
            }
        }

        var (file, problem) = MediaFileInspector.Inspect(buffer.ToArray(), options.Value);
        return (file, problem switch
        {
            null => MediaStatus.Success,
            MediaFileProblem.Empty => MediaStatus.Empty,
            MediaFileProblem.TooLarge => MediaStatus.TooLarge,
            MediaFileProblem.UnsupportedType => MediaStatus.UnsupportedType,
            MediaFileProblem.TooManyPixels => MediaStatus.TooManyPixels,
            MediaFileProblem.ActiveContent => MediaStatus.ActiveContent,
            _ => MediaStatus.Corrupt,
        });
    }

    private void Apply(MediaItem item, InspectedFile file, string uploadedName)
    {
        var stem = UrlSegments.FromName(Path.GetFileNameWithoutExtension(uploadedName));
        item.FileName = $"{(stem.Length > 0 ? Limit(stem, 100) : "tep")}.{file.Extension}";
        item.Format = file.Format;
        item.Length = file.Content.Length;
        item.Width = file.Width;
        item.Height = file.Height;
        item.UpdateDateUtc = Now;
    }

    private async Task WriteFileAsync(MediaItem item, InspectedFile file, CancellationToken ct)
    {
        Directory.CreateDirectory(VersionFolder(item));
        var target = FilePath(item);
        var temporary = target + ".tmp";
        await File.WriteAllBytesAsync(temporary, file.Content, ct);
        File.Move(temporary, target, overwrite: true);
    }

    private async Task<int?> FolderIdAsync(Guid key, CancellationToken ct) =>
        await db.Media.Where(m => m.Key == key && m.IsFolder).Select(m => (int?)m.Id).SingleOrDefaultAsync(ct);

    private static string Limit(string text, int length) => text.Trim() is var trimmed && trimmed.Length > length ? trimmed[..length] : text.Trim();
}
