using System.Collections.Concurrent;

namespace ChildProtection.Cms.Caching;

/// <summary>
/// Files made once and kept on disk (image variants, PDFs): a file that exists is served as it is; concurrent first
/// requests for one file share a single making of it. Files are written under a temporary name and moved into
/// place, so a reader never sees half a file and a crash leaves none.
/// </summary>
public sealed class FileCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _making = new(StringComparer.Ordinal);

    /// <summary>
    /// The path, after making the file with <paramref name="make"/> if it does not exist yet. The making is not
    /// cancelled by the caller's token: other requests may be waiting for it, and the result is kept.
    /// </summary>
    public async Task<string> GetOrCreateAsync(string path, Func<Stream, Task> make, CancellationToken cancellationToken = default)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var making = _making.GetOrAdd(path, p => new Lazy<Task>(() => Task.Run(() => MakeAsync(p, make))));
        try
        {
            await making.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (making.IsValueCreated && making.Value.IsCompleted)
            {
                _making.TryRemove(new KeyValuePair<string, Lazy<Task>>(path, making));
            }
        }

        return path;
    }

    private static async Task MakeAsync(string path, Func<Stream, Task> make)
    {
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await make(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
