using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using Directory = System.IO.Directory;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ChildProtection.Cms.Search;

/// <summary>
/// One Lucene index on this node's disk, as Examine keeps one: <c>{root}/{name}/{build}/</c>, with a small
/// <c>current</c> file naming the live build. A rebuild writes a new build beside the live one and swaps it in
/// whole, so searches go on answering from the old build meanwhile. Writes are serialised; reads never wait. A write is
/// searchable as soon as it returns (the searchers read the writer's near-real-time view) and is made durable by
/// <see cref="CommitAsync"/>, which the host calls every second or so (and by the writer as it is disposed): a commit per
/// save would fsync every segment file for each autosaved draft. What a crash loses since then, the start-up comparison
/// with the database puts back.
/// </summary>
internal sealed class LuceneIndex(string name, string root, ILogger logger) : IDisposable
{
    private readonly string _folder = Path.Combine(root, name);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Build? _live;
    private bool _uncommitted;
    private long _uncommittedSince;

    /// <summary>How long the oldest write not yet committed has waited; zero when every write is committed.</summary>
    public TimeSpan UncommittedFor => Volatile.Read(ref _uncommitted) ? System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref _uncommittedSince)) : TimeSpan.Zero;

    public string Name { get; } = name;

    /// <summary>False until a build has been opened or made; searches then say the index is not ready.</summary>
    public bool IsReady => Volatile.Read(ref _live) is not null;

    public static Analyzer Analyzer { get; } = new PerFieldAnalyzerWrapper(
        VietnameseAnalyzer.Exact,
        new Dictionary<string, Analyzer>
        {
            [SearchFields.Folded(SearchFields.Titles)] = VietnameseAnalyzer.Folded,
            [SearchFields.Folded(SearchFields.Text)] = VietnameseAnalyzer.Folded,
            [SearchFields.Folded(SearchFields.Tags)] = VietnameseAnalyzer.Folded,
        });

    /// <summary>Opens the live build; false (and the reason logged) when it is missing or cannot be read.</summary>
    public bool TryOpen()
    {
        var pointer = Path.Combine(_folder, "current");
        if (!File.Exists(pointer))
        {
            logger.LogInformation("Search index {Index} has no live build yet.", Name);
            return false;
        }

        var buildFolder = Path.Combine(_folder, File.ReadAllText(pointer).Trim());
        Build? build = null;
        try
        {
            build = Build.Open(buildFolder, OpenMode.APPEND);
            // A truncated or overwritten file shows here, not in a visitor's search; the fingerprints read are what the
            // start-up comparison with the database needs next.
            build.CheckFooters();
            build.ReadAtOpen = ReadFingerprints(build);
            Volatile.Write(ref _live, build);
            return true;
        }
        // Lucene.NET reports a compound file cut short as an ArgumentException (a slice past the file's end).
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexNotFoundException or LockObtainFailedException or UnauthorizedAccessException
            or InvalidOperationException or ArgumentException)
        {
            logger.LogWarning(e, "Search index {Index} at {Folder} cannot be read; it will be rebuilt.", Name, buildFolder);
            build?.Dispose();
            return false;
        }
    }

    public T Search<T>(Func<IndexSearcher, T> search)
    {
        while (true)
        {
            var live = Volatile.Read(ref _live) ?? throw new InvalidOperationException($"Search index {Name} is not ready.");
            try
            {
                live.CatchUp();
                var searcher = live.Searchers.Acquire();
                try
                {
                    return search(searcher);
                }
                finally
                {
                    live.Searchers.Release(searcher);
                }
            }
            catch (ObjectDisposedException) when (!ReferenceEquals(live, Volatile.Read(ref _live)))
            {
                // A rebuild swapped in its new build and closed this one between the read of the live build and the
                // refresh or acquire of its searcher: the search runs again on the new build. A searcher acquired before
                // the swap keeps its reader open until it is released, so only this step can meet a closed build.
            }
        }
    }

    /// <summary>Changes the live build (nothing happens while there is none: the build being made will catch up).</summary>
    public async Task WriteAsync(Func<IndexWriter, IReadOnlyDictionary<string, string>, Task> write, bool needsFingerprints, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            if (_live is { } live)
            {
                // What the open read holds until the first write changes the index.
                var readAtOpen = Interlocked.Exchange(ref live.ReadAtOpen, null);
                await write(live.Writer, needsFingerprints ? readAtOpen ?? ReadFingerprints(live) : new Dictionary<string, string>());
                live.Wrote();
                if (!_uncommitted)
                {
                    Interlocked.Exchange(ref _uncommittedSince, System.Diagnostics.Stopwatch.GetTimestamp());
                    Volatile.Write(ref _uncommitted, true);
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Makes the writes since the last commit durable; nothing when there were none.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            if (_uncommitted && _live is { } live)
            {
                live.Writer.Commit();
                Volatile.Write(ref _uncommitted, false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Makes a new build with <paramref name="fill"/>, then, holding the write lock so that no change slips
    /// between, lets <paramref name="catchUp"/> bring it up to date and swaps it in for the live one.
    /// </summary>
    public async Task RebuildAsync(
        Func<IndexWriter, Task> fill,
        Func<IndexWriter, IReadOnlyDictionary<string, string>, Task> catchUp,
        CancellationToken ct)
    {
        var buildName = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var buildFolder = Path.Combine(_folder, buildName);
        var build = Build.Open(buildFolder, OpenMode.CREATE);
        try
        {
            await fill(build.Writer);
            build.Commit();

            await _writeLock.WaitAsync(ct);
            try
            {
                await catchUp(build.Writer, ReadFingerprints(build));
                build.Commit();
                var pointer = Path.Combine(_folder, "current");
                await File.WriteAllTextAsync(pointer + ".tmp", buildName, ct);
                File.Move(pointer + ".tmp", pointer, overwrite: true);
                var old = Interlocked.Exchange(ref _live, build);
                old?.Dispose();
                Volatile.Write(ref _uncommitted, false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch
        {
            build.Dispose();
            TryDelete(buildFolder);
            throw;
        }

        foreach (var stale in Directory.EnumerateDirectories(_folder).Where(d => Path.GetFileName(d) != buildName))
        {
            TryDelete(stale);
        }
    }

    /// <summary>id → fingerprint of every document in the build, from their doc values (from the stored fields of documents written before they had them).</summary>
    private static Dictionary<string, string> ReadFingerprints(Build build)
    {
        build.Searchers.MaybeRefreshBlocking();
        var searcher = build.Searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var fields = new HashSet<string> { SearchFields.Id, SearchFields.Fingerprint };
            var result = new Dictionary<string, string>(reader.NumDocs);
            var id = new BytesRef();
            var fingerprint = new BytesRef();
            foreach (var leaf in reader.Leaves)
            {
                var atomic = leaf.AtomicReader;
                var live = atomic.LiveDocs;
                var ids = atomic.GetBinaryDocValues(SearchFields.Id);
                var fingerprints = atomic.GetBinaryDocValues(SearchFields.Fingerprint);
                for (var doc = 0; doc < atomic.MaxDoc; doc++)
                {
                    if (live is not null && !live.Get(doc))
                    {
                        continue;
                    }

                    // A segment merged from older and newer documents has doc values for all, empty for the older.
                    if (ids is not null && fingerprints is not null)
                    {
                        ids.Get(doc, id);
                        if (id.Length > 0)
                        {
                            fingerprints.Get(doc, fingerprint);
                            result[id.Utf8ToString()] = fingerprint.Utf8ToString();
                            continue;
                        }
                    }

                    var stored = atomic.Document(doc, fields);
                    result[stored.Get(SearchFields.Id)] = stored.Get(SearchFields.Fingerprint) ?? "";
                }
            }

            return result;
        }
        finally
        {
            build.Searchers.Release(searcher);
        }
    }

    private void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete the old search index build {Folder}.", folder);
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _live, null)?.Dispose();
        _writeLock.Dispose();
    }

    /// <summary>A folder's directory, its writer and the searchers over it.</summary>
    private sealed class Build(LuceneDirectory directory, IndexWriter writer) : IDisposable
    {
        public IndexWriter Writer { get; } = writer;

        public SearcherManager Searchers { get; } = new(writer, applyAllDeletes: true, searcherFactory: null);

        private readonly System.Threading.Lock _refreshGate = new();
        private long _written;
        private long _searchable;

        /// <summary>id → fingerprint as <see cref="TryOpen"/> read them, until the first write.</summary>
        public Dictionary<string, string>? ReadAtOpen;

        /// <summary>Counts a write; the searchers take it in at the next search (<see cref="CatchUp"/>), not now.</summary>
        public void Wrote() => Interlocked.Increment(ref _written);

        /// <summary>
        /// Makes every write so far searchable before a search: the near-real-time reader is reopened once for all the
        /// writes since the last search, by the first search after them (the others wait for it), instead of after each.
        /// </summary>
        public void CatchUp()
        {
            if (Volatile.Read(ref _searchable) == Volatile.Read(ref _written))
            {
                return;
            }

            lock (_refreshGate)
            {
                var written = Volatile.Read(ref _written);
                if (_searchable != written)
                {
                    Searchers.MaybeRefreshBlocking();
                    Volatile.Write(ref _searchable, written);
                }
            }
        }

        public static Build Open(string folder, OpenMode mode)
        {
            Directory.CreateDirectory(folder);
            // Positional reads, not FSDirectory.Open's memory-mapped files: Lucene.Net 4.8's MMapDirectory reads a byte at a
            // time through a view accessor, many times slower under parallel searches (lucenenet#1151), and its mapped
            // pages count in the process's resident memory; read files stay in the operating system's page cache.
            var directory = new NIOFSDirectory(new DirectoryInfo(folder));
            if (mode == OpenMode.APPEND && !DirectoryReader.IndexExists(directory))
            {
                directory.Dispose();
                throw new IndexNotFoundException($"no index in {folder}");
            }

            try
            {
                // A larger buffer than the default 16 MB: a rebuild flushes fewer, larger segments. Every save makes a
                // segment of a few documents (the near-real-time reader flushes it); the default 2 MB floor counts those
                // as large as a small site's whole index, and the merge policy then merged the whole index again every
                // few saves, taking a core on a 2-core server. With a small floor, the tiny segments merge among themselves.
                var config = new IndexWriterConfig(VietnameseAnalyzer.Version, Analyzer)
                {
                    OpenMode = mode,
                    RAMBufferSizeMB = 48,
                    MergePolicy = new TieredMergePolicy { FloorSegmentMB = 0.1 },
                };
                return new Build(directory, new IndexWriter(directory, config));
            }
            catch
            {
                directory.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Checks that every file of the build's commit ends in a whole Lucene footer (its length and checksum field);
        /// throws <see cref="CorruptIndexException"/> at the first that does not (a file cut short by a crash or a full
        /// disk). Verifying every byte against the checksum would read the whole index at every start.
        /// </summary>
        public void CheckFooters()
        {
            Searchers.MaybeRefreshBlocking();
            var searcher = Searchers.Acquire();
            try
            {
                foreach (var name in ((DirectoryReader)searcher.IndexReader).IndexCommit.FileNames)
                {
                    using var input = directory.OpenInput(name, IOContext.READ_ONCE);
                    CodecUtil.RetrieveChecksum(input);
                }
            }
            finally
            {
                Searchers.Release(searcher);
            }
        }

        public void Commit()
        {
            Writer.Commit();
            Searchers.MaybeRefreshBlocking();
        }

        public void Dispose()
        {
            Searchers.Dispose();
            Writer.Dispose();
            directory.Dispose();
        }
    }
}
