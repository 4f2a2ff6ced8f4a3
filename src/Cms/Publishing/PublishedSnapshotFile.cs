using System.Text;
using ChildProtection.Cms.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Publishing;

/// <summary>
/// Where the change feed stood when a snapshot was saved: the entry the node had applied everything up to, and the
/// last entry there was, each with the time it was written, which says whether a database is still the same one.
/// </summary>
internal readonly record struct FeedMark(long Position, DateTime PositionCreatedUtc, long End, DateTime EndCreatedUtc);

/// <summary>The published nodes a stopped process saved, and where the change feed stood for them.</summary>
internal sealed record SavedSnapshot(FeedMark Mark, IReadOnlyList<PublishedContent> Content);

/// <summary>
/// The published snapshot kept in the node's data folder across a restart (NuCache's local file): written when the
/// site stops, read when it starts, so a start at 100,000 pages reads one file instead of every page from the
/// database. It is used only when the same build wrote it, for the same cultures, and the change feed still holds the
/// entries it was saved at (<see cref="FeedMark"/>), and the value file it names is still there
/// (<see cref="PublishedValueStore"/>: long values are not in this file but places in that one): the feed brings what
/// changed since; anything else, and the start reads the database as it always did.
/// </summary>
internal sealed class PublishedSnapshotFile(CmsPaths paths, IOptions<CmsOptions> options, PublishedValueStore values, ILogger<PublishedSnapshotFile> logger)
{
    private const int Magic = 0x53504350; // "PCPS"
    private const int FormatVersion = 2;

    /// <summary>Another build may read or build the snapshot differently: its file is not this one's.</summary>
    private static readonly Guid Build = typeof(PublishedSnapshotFile).Assembly.ManifestModule.ModuleVersionId;

    public string FilePath { get; } = Path.Combine(paths.DataPath, "snapshot", "published.bin");

    private string Cultures => string.Join(',', options.Value.Cultures);

    public async Task SaveAsync(PublishedSnapshot snapshot, FeedMark mark, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temporary = $"{FilePath}.{Guid.NewGuid():n}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                {
                    Write(writer, snapshot, mark);
                }

                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            // A file is whole or absent: a process killed while writing leaves only its temporary file.
            File.Move(temporary, FilePath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The saved snapshot, or null when there is none this build can use (the reason is logged).</summary>
    public SavedSnapshot? TryRead()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            return Read(reader);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or FormatException)
        {
            logger.LogWarning(ex, "The saved published snapshot {Path} cannot be read; the start reads every page from the database.", FilePath);
            return null;
        }
    }

    private void Write(BinaryWriter writer, PublishedSnapshot snapshot, FeedMark mark)
    {
        var (valuesId, valuesLength, place) = values.PrepareSave(snapshot.All.SelectMany(n => n.StoredValues));
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Build.ToByteArray());
        writer.Write(Cultures);
        writer.Write(mark.Position);
        writer.Write(mark.PositionCreatedUtc.ToBinary());
        writer.Write(mark.End);
        writer.Write(mark.EndCreatedUtc.ToBinary());
        writer.Write(valuesId.ToByteArray());
        writer.Write(valuesLength);

        writer.Write(snapshot.All.Count());
        foreach (var node in snapshot.All)
        {
            writer.Write(node.Key.ToByteArray());
            writer.Write(node.VersionId);
            writer.Write((node.ParentKey ?? Guid.Empty).ToByteArray());
            writer.Write(node.ContentTypeAlias);
            writer.Write(node.SortOrder);
            writer.Write(node.Level);
            writer.Write(node.CreateDateUtc.ToBinary());
            writer.Write(node.UpdateDateUtc.ToBinary());
            writer.Write(node.PublishDateUtc.ToBinary());
            writer.Write(node.Cultures.Count);
            foreach (var culture in node.Cultures)
            {
                writer.Write(culture.Culture);
                writer.Write(culture.Name);
                writer.Write(culture.UrlSegment);
                writer.Write(culture.Url);
            }

            writer.Write(node.StoredValues.Length);
            foreach (var value in node.StoredValues.Select(place))
            {
                writer.Write(value.Alias);
                writer.Write(value.Culture);
                writer.Write(value.InFile);
                if (value.InFile)
                {
                    writer.Write(value.Offset);
                    writer.Write(value.Length);
                }
                else
                {
                    writer.Write(value.Text!);
                }
            }
        }

        // The end says the file is whole.
        writer.Write(Magic);
    }

    private SavedSnapshot? Read(BinaryReader reader)
    {
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Not a published snapshot of this format.");
        }

        if (new Guid(reader.ReadBytes(16)) != Build || reader.ReadString() != Cultures)
        {
            logger.LogInformation("The saved published snapshot was written by another build or for other cultures; the start reads every page from the database.");
            return null;
        }

        var mark = new FeedMark(reader.ReadInt64(), Date(reader), reader.ReadInt64(), Date(reader));
        var (valuesId, valuesLength) = (new Guid(reader.ReadBytes(16)), reader.ReadInt64());
        var count = reader.ReadInt32();
        var content = new List<PublishedContent>(count);
        for (var i = 0; i < count; i++)
        {
            var key = new Guid(reader.ReadBytes(16));
            var versionId = reader.ReadInt32();
            var parent = new Guid(reader.ReadBytes(16));
            var type = reader.ReadString();
            var sortOrder = reader.ReadInt32();
            var level = reader.ReadInt32();
            var (created, updated, published) = (Date(reader), Date(reader), Date(reader));
            var cultures = new PublishedCulture[reader.ReadInt32()];
            for (var c = 0; c < cultures.Length; c++)
            {
                cultures[c] = new PublishedCulture(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString());
            }

            var stored = new StoredValue[reader.ReadInt32()];
            for (var v = 0; v < stored.Length; v++)
            {
                var (alias, culture) = (reader.ReadString(), reader.ReadString());
                stored[v] = reader.ReadBoolean()
                    ? StoredValue.Placed(alias, culture, reader.ReadInt64(), reader.ReadInt32())
                    : StoredValue.InMemory(alias, culture, reader.ReadString());
            }

            content.Add(new PublishedContent(
                key, versionId, parent == Guid.Empty ? null : parent, type, sortOrder, level, created, updated, published, cultures, stored, values));
        }

        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("The published snapshot file ends early.");
        }

        if (!values.TryOpen(valuesId, valuesLength))
        {
            logger.LogInformation("The value file the saved published snapshot names is gone or cut short; the start reads every page from the database.");
            return null;
        }

        return new SavedSnapshot(mark, content);
    }

    /// <summary>A date as the database gave it, its kind included.</summary>
    private static DateTime Date(BinaryReader reader) => DateTime.FromBinary(reader.ReadInt64());
}
