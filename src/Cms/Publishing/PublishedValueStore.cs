using System.Buffers;
using System.Text;
using ChildProtection.Cms.DependencyInjection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace ChildProtection.Cms.Publishing;

/// <summary>
/// A value of a published node as the snapshot keeps it: short ones (names of things, dates, keys, a summary) in
/// memory, long ones (bodies) as a place in the node's value file (<see cref="PublishedValueStore"/>).
/// </summary>
internal readonly record struct StoredValue(string Alias, string Culture, string? Text, long Offset, int Length)
{
    public bool InFile => Text is null;

    /// <summary>A value kept in memory; the alias and culture interned (one string each for the whole site).</summary>
    public static StoredValue InMemory(string alias, string culture, string text) => new(string.Intern(alias), string.Intern(culture), text, 0, 0);

    /// <summary>A value kept at <paramref name="offset"/> in the value file.</summary>
    public static StoredValue Placed(string alias, string culture, long offset, int length) => new(string.Intern(alias), string.Intern(culture), null, offset, length);
}

/// <summary>
/// The long values of the published snapshot, kept in a file in the node's data folder instead of in memory: a site of
/// 100,000 articles holds half a gigabyte of bodies, which a page reads one at a time. The file only grows (a value is
/// never rewritten, so every snapshot's places stay valid, and so do those of a saved snapshot if the process is
/// killed); values nobody holds any more are left behind until the snapshot is saved at a stop, which writes the live
/// ones to a new file when the old one is mostly garbage. The file is the published snapshot file's companion
/// (<see cref="PublishedSnapshotFile"/>): a start that reads the saved snapshot opens the file it names, any other start
/// begins a new one, and files no saved snapshot names are deleted. Reads and appends are positional, from any thread.
/// </summary>
/// <remarks>
/// What is derived from long values (a body's HTML) is cached in memory up to <see cref="CmsOptions.DerivedCacheMegabytes"/>,
/// the pages read most staying in it.
/// </remarks>
public sealed class PublishedValueStore(CmsPaths paths, IOptions<CmsOptions> options, ILogger<PublishedValueStore> logger) : IDisposable
{
    /// <summary>Values of up to this many characters stay in memory: a lookup in the file costs more than they weigh.</summary>
    public const int InMemoryChars = 128;

    private const string Prefix = "values-";
    private readonly Lock _lock = new();
    private readonly MemoryCache _derived = new(new MemoryCacheOptions { SizeLimit = (long)options.Value.DerivedCacheMegabytes * 1024 * 1024 });
    private SafeFileHandle? _file;
    private long _end;

    private string Folder => Path.Combine(paths.DataPath, "snapshot");

    /// <summary>The open file's name, which a saved snapshot records.</summary>
    private Guid _id;

    /// <summary>
    /// Opens the file a saved snapshot names, which must hold at least <paramref name="length"/> bytes; false when it
    /// cannot (gone, cut short, held by another process), and the saved snapshot is not to be used.
    /// </summary>
    internal bool TryOpen(Guid id, long length)
    {
        lock (_lock)
        {
            if (_file is not null)
            {
                throw new InvalidOperationException("The value file is already open.");
            }

            if (id == Guid.Empty && length == 0)
            {
                // The saved snapshot had no long values: the first one begins a file.
                return true;
            }

            var path = PathOf(id);
            if (!File.Exists(path))
            {
                return false;
            }

            try
            {
                var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                var size = RandomAccess.GetLength(file);
                if (size < length)
                {
                    file.Dispose();
                    return false;
                }

                (_file, _end, _id) = (file, size, id);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "The snapshot's value file {Path} cannot be opened; the start reads every page from the database.", path);
                return false;
            }

            DeleteOthers();
            return true;
        }
    }

    /// <summary>The node's values as the snapshot keeps them; long ones are written to the file.</summary>
    internal StoredValue[] Keep(IReadOnlyList<PublishedValue> values)
    {
        var result = new StoredValue[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var (alias, culture, text) = values[i];
            if (text.Length <= InMemoryChars)
            {
                result[i] = StoredValue.InMemory(alias, culture, text);
                continue;
            }

            var (offset, length) = Append(text);
            result[i] = StoredValue.Placed(alias, culture, offset, length);
        }

        return result;
    }

    /// <summary>A value <see cref="Keep"/> or a saved snapshot placed in the file.</summary>
    internal string Read(in StoredValue value)
    {
        var file = _file ?? throw new ObjectDisposedException(nameof(PublishedValueStore));
        var buffer = ArrayPool<byte>.Shared.Rent(value.Length);
        try
        {
            var span = buffer.AsSpan(0, value.Length);
            if (RandomAccess.Read(file, span, value.Offset) != value.Length)
            {
                throw new InvalidDataException("The snapshot's value file ends early.");
            }

            return Encoding.UTF8.GetString(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Something computed from a node's values, cached while there is room (see <see cref="CmsOptions.DerivedCacheMegabytes"/>).</summary>
    internal string GetOrAddDerived((Guid Key, ulong Fingerprint, string Name) key, Func<string> factory)
    {
        if (_derived.TryGetValue(key, out string? cached))
        {
            return cached!;
        }

        var value = factory();
        _derived.Set(key, value, new MemoryCacheEntryOptions { Size = 64 + (2L * value.Length) });
        return value;
    }

    /// <summary>
    /// The place the saved snapshot is to name for <paramref name="values"/>'s long values: this file when most of it is
    /// still in use, else a new file holding only them (the old one goes at the next start).
    /// </summary>
    internal (Guid Id, long Length, Func<StoredValue, StoredValue> Place) PrepareSave(IEnumerable<StoredValue> values)
    {
        lock (_lock)
        {
            var live = values.Where(v => v.InFile).ToList();
            var liveBytes = live.Sum(v => (long)v.Length);
            if (_file is null || _end <= (2 * liveBytes) + (1024 * 1024))
            {
                return (_id, _end, v => v);
            }

            var id = Guid.NewGuid();
            var moved = new Dictionary<long, long>(live.Count);
            using (var target = new FileStream(PathOf(id), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var buffer = new byte[1 << 16];
                foreach (var value in live.DistinctBy(v => v.Offset))
                {
                    if (buffer.Length < value.Length)
                    {
                        buffer = new byte[value.Length];
                    }

                    RandomAccess.Read(_file, buffer.AsSpan(0, value.Length), value.Offset);
                    moved[value.Offset] = target.Position;
                    target.Write(buffer, 0, value.Length);
                }

                target.Flush(flushToDisk: true);
                logger.LogInformation("The snapshot's value file was compacted from {Old} to {New} bytes.", _end, target.Length);
                return (id, target.Length, v => v.InFile ? v with { Offset = moved[v.Offset] } : v);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file?.Dispose();
            _file = null;
        }

        _derived.Dispose();
    }

    private (long Offset, int Length) Append(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        lock (_lock)
        {
            if (_file is null)
            {
                Create();
            }

            var offset = _end;
            RandomAccess.Write(_file!, bytes, offset);
            _end += bytes.Length;
            return (offset, bytes.Length);
        }
    }

    /// <summary>A new file for a start that did not open a saved snapshot's.</summary>
    private void Create()
    {
        Directory.CreateDirectory(Folder);
        _id = Guid.NewGuid();
        _file = File.OpenHandle(PathOf(_id), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        _end = 0;
        DeleteOthers();
    }

    private void DeleteOthers()
    {
        foreach (var path in Directory.EnumerateFiles(Folder, $"{Prefix}*.bin"))
        {
            if (path != PathOf(_id))
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                    // Another process's; it goes at a later start.
                }
            }
        }
    }

    private string PathOf(Guid id) => Path.Combine(Folder, $"{Prefix}{id:n}.bin");
}
