using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// One file (a .tar.gz) that gives the same site back: the database, with the Data Protection key ring it holds (a
/// copy consistent while the site runs and writes: SQLite's online backup API, PostgreSQL's <c>pg_dump</c>), the
/// media library's files and the image-signing key of the data folder, and a manifest (provider, time, every module's
/// migrations, each file's size and SHA-256). Search indexes and caches are left out: the site rebuilds them. The
/// reports' master key is left out on purpose: it is kept apart from the database's backups (README).
/// </summary>
internal sealed class SiteBackup(DatabaseConnection database, CmsPaths paths, IOptions<SearchOptions> search, IServiceProvider services)
{
    /// <summary>Why a command did nothing, as the line the operator reads.</summary>
    public sealed class Refused(string message) : Exception(message);

    private const string ManifestEntry = "manifest.json";
    private const string DatabaseFolder = "database/";
    private const string DataFolder = "data/";
    private const string MediaFolder = "media";
    private const string SigningKeyFile = "media-signing.key";
    private const string CacheFolder = "cache";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private string DatabaseEntry => DatabaseFolder + (database.Provider == DatabaseProvider.PostgreSql ? "site.pgdump" : "site.db");

    public async Task<string> BackupAsync(string file, CancellationToken ct)
    {
        var target = Path.GetFullPath(file);
        var work = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():n}"));
        var partial = Path.Combine(work.FullName, "backup.tar.gz");
        try
        {
            var migrations = await AppliedMigrationsAsync(ct);
            var dump = Path.Combine(work.FullName, "database");
            await DumpDatabaseAsync(dump, ct);

            // The database first, the files after it: a picture the copied database names was written before its row was.
            var files = new List<BackupFile>();
            await using (var output = File.Create(partial))
            await using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
            {
                files.Add(await AddAsync(tar, dump, DatabaseEntry, ct));
                foreach (var path in DataFiles())
                {
                    files.Add(await AddAsync(tar, path, DataFolder + Path.GetRelativePath(paths.DataPath, path).Replace('\\', '/'), ct));
                }

                var manifest = new BackupManifest(database.Provider.ToString(), DateTimeOffset.UtcNow, migrations, files.Count, files);
                using var manifestStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, ManifestEntry) { DataStream = manifestStream }, ct);
            }

            // A backup that failed half-way never takes the name of a good one.
            File.Move(partial, target, overwrite: true);
            return Bilingual.Format("BackupDone", target, database.Provider, files.Count - 1);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public async Task<string> RestoreAsync(string file, bool force, CancellationToken ct)
    {
        var source = Path.GetFullPath(file);
        if (!force && await TargetInUseAsync(ct) is { } inUse)
        {
            throw new Refused(Bilingual.Format("RestoreTargetNotEmpty", inUse));
        }

        var staging = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(paths.DataPath)!, $".restore.{Guid.NewGuid():n}"));
        try
        {
            var manifest = await ExtractAsync(source, staging.FullName, ct);
            if (manifest.Provider != database.Provider.ToString())
            {
                throw new Refused(Bilingual.Format("RestoreWrongProvider", manifest.Provider, database.Provider));
            }

            // Nothing of the site is touched before every file is known whole.
            foreach (var entry in manifest.Files)
            {
                var path = Path.Combine(staging.FullName, entry.Path);
                if (!File.Exists(path) || new FileInfo(path).Length != entry.Bytes || await Sha256Async(path, ct) != entry.Sha256)
                {
                    throw new Refused(Bilingual.Format("RestoreChecksumWrong", entry.Path));
                }
            }

            await RestoreDatabaseAsync(Path.Combine(staging.FullName, DatabaseEntry), ct);
            RestoreDataFiles(Path.Combine(staging.FullName, DataFolder));

            var restored = await AppliedMigrationsAsync(ct);
            if (!manifest.Migrations.All(m => restored.TryGetValue(m.Key, out var applied) && applied.SequenceEqual(m.Value)))
            {
                throw new Refused(Bilingual.Format("RestoreMigrationsDiffer"));
            }

            return Bilingual.Format("RestoreDone", source, manifest.CreatedUtc.ToString("u", System.Globalization.CultureInfo.InvariantCulture), manifest.Provider, manifest.FileCount - 1);
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    private async Task<Dictionary<string, string[]>> AppliedMigrationsAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var applied = new Dictionary<string, string[]>();
        foreach (var (module, type) in DatabaseMigrator.Modules)
        {
            applied[module] = [.. await ((DbContext)scope.ServiceProvider.GetRequiredService(type)).Database.GetAppliedMigrationsAsync(ct)];
        }

        return applied;
    }

    private IEnumerable<string> DataFiles()
    {
        var media = Path.Combine(paths.DataPath, MediaFolder);
        var files = Directory.Exists(media) ? Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories) : [];
        var signingKey = Path.Combine(paths.DataPath, SigningKeyFile);
        return File.Exists(signingKey) ? files.Append(signingKey) : files;
    }

    private async Task DumpDatabaseAsync(string dump, CancellationToken ct)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            await RunToolAsync("pg_dump", server, ["--format=custom", "--no-owner", $"--file={dump}", $"--dbname={server.Database}"], ct);
            return;
        }

        // The online backup API copies a consistent state of the file while the site goes on writing.
        await using var live = new SqliteConnection(database.ConnectionString);
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dump, Pooling = false }.ToString());
        await live.OpenAsync(ct);
        await copy.OpenAsync(ct);
        live.BackupDatabase(copy);
    }

    private async Task RestoreDatabaseAsync(string dump, CancellationToken ct)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            await RecreateDatabaseAsync(server, ct);
            await RunToolAsync("pg_restore", server, ["--no-owner", "--exit-on-error", $"--dbname={server.Database}", dump], ct);
            return;
        }

        var target = SqliteFile();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
        {
            File.Delete(target + suffix);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(dump, target, overwrite: true);
    }

    /// <summary>
    /// The media of the backup in place of any there were; the search indexes and the image and PDF caches of a site
    /// restored over (<c>--force</c>) go too, since they describe the content that was replaced, and are made again.
    /// </summary>
    private void RestoreDataFiles(string staged)
    {
        foreach (var derived in new[] { Path.Combine(paths.DataPath, MediaFolder), Path.Combine(paths.DataPath, CacheFolder), search.Value.IndexRoot(paths.DataPath) })
        {
            if (Directory.Exists(derived))
            {
                Directory.Delete(derived, recursive: true);
            }
        }

        if (!Directory.Exists(staged))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(staged, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(paths.DataPath, Path.GetRelativePath(staged, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(path, target, overwrite: true);
        }
    }

    /// <summary>What of the target already holds a site (named for the message), or null when it is empty.</summary>
    private async Task<string?> TargetInUseAsync(CancellationToken ct)
    {
        var media = Path.Combine(paths.DataPath, MediaFolder);
        if (Directory.Exists(media) && Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories).Any())
        {
            return media;
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var file = SqliteFile();
            return File.Exists(file) && new FileInfo(file).Length > 0 ? file : null;
        }

        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var connection = new NpgsqlConnection(MaintenanceConnection(server));
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", server.Database!);
        if ((long)(await exists.ExecuteScalarAsync(ct))! == 0)
        {
            return null;
        }

        await using var site = new NpgsqlConnection(database.ConnectionString);
        await site.OpenAsync(ct);
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", site);
        return (long)(await tables.ExecuteScalarAsync(ct))! > 0 ? $"PostgreSQL {server.Database}" : null;
    }

    private static async Task RecreateDatabaseAsync(NpgsqlConnectionStringBuilder server, CancellationToken ct)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(MaintenanceConnection(server));
        await connection.OpenAsync(ct);
        var name = "\"" + server.Database!.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", $"CREATE DATABASE {name}" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The same server and account on its <c>postgres</c> database, to look at or make the site's database.</summary>
    private static string MaintenanceConnection(NpgsqlConnectionStringBuilder server) =>
        new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    private string SqliteFile() => Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);

    /// <summary>
    /// What libpq's tools read from their environment to reach the server as the site does: the password (by the
    /// environment, never on a command line another user of the machine can read) and the connection string's TLS
    /// settings, so that a server that takes only TLS, or a certificate the site checks, is dumped the same way.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> ToolEnvironment(NpgsqlConnectionStringBuilder server)
    {
        var environment = new Dictionary<string, string>
        {
            ["PGPASSWORD"] = server.Password ?? "",
            ["PGSSLMODE"] = server.SslMode switch
            {
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                var mode => mode.ToString().ToLowerInvariant(),
            },
        };
        foreach (var (name, value) in new[] { ("PGSSLROOTCERT", server.RootCertificate), ("PGSSLCERT", server.SslCertificate), ("PGSSLKEY", server.SslKey) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    /// <summary>Runs pg_dump or pg_restore against the configured server; a non-zero exit code is a refusal that quotes the tool.</summary>
    private static async Task RunToolAsync(string tool, NpgsqlConnectionStringBuilder server, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool, [$"--host={server.Host}", $"--port={server.Port}", $"--username={server.Username}", "--no-password", .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in ToolEnvironment(server))
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            // Not installed, or not on the PATH of the site's user.
            throw new Refused(Bilingual.Format("BackupToolFailed", tool, -1, missing.Message));
        }

        using var running = process;
        var errors = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new Refused(Bilingual.Format("BackupToolFailed", tool, process.ExitCode, Bilingual.OneLine(await errors + await output)));
        }
    }

    private static async Task<BackupFile> AddAsync(TarWriter tar, string path, string entry, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        file.Position = 0;
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, entry) { DataStream = file }, ct);
        return new BackupFile(entry, file.Length, sha256);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }

    /// <summary>Every entry into <paramref name="staging"/> (none may point outside it), and the manifest.</summary>
    private static async Task<BackupManifest> ExtractAsync(string source, string staging, CancellationToken ct)
    {
        BackupManifest? manifest = null;
        try
        {
            await using var input = File.OpenRead(source);
            await using var gzip = new GZipStream(input, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                if (entry.EntryType != TarEntryType.RegularFile || entry.DataStream is null)
                {
                    continue;
                }

                if (entry.Name == ManifestEntry)
                {
                    manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(entry.DataStream, Json, ct);
                    continue;
                }

                var path = Path.GetFullPath(Path.Combine(staging, entry.Name));
                if (!path.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new InvalidDataException(entry.Name);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var file = File.Create(path);
                await entry.DataStream.CopyToAsync(file, ct);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            throw new Refused(Bilingual.Format("BackupFileUnreadable", source, Bilingual.OneLine(e.Message)));
        }

        return manifest is { Files.Count: > 0 } && manifest.FileCount == manifest.Files.Count
            ? manifest
            : throw new Refused(Bilingual.Format("BackupFileUnreadable", source, ManifestEntry));
    }
}

/// <summary>What a backup holds, written as its last entry.</summary>
internal sealed record BackupManifest(string Provider, DateTimeOffset CreatedUtc, Dictionary<string, string[]> Migrations, int FileCount, List<BackupFile> Files);

/// <summary>One file of a backup: its path in the archive, its size and its SHA-256 (hex).</summary>
internal sealed record BackupFile(string Path, long Bytes, string Sha256);
