using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Hosting;
using ChildProtection.Web.Tests.Infrastructure;
using SkiaSharp;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>
/// <c>backup --to FILE</c> and <c>restore --from FILE</c>, run as the built site's commands: a backup taken while the
/// site writes, restored where nothing was, serves the same pages and media and signs the same staff account in.
/// </summary>
public abstract class SiteBackupTests : IAsyncLifetime
{
    protected abstract bool OnPostgreSql { get; }

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cp-backup-tests", Guid.NewGuid().ToString("n"));
    private readonly string _restoredDatabase = $"cp_web_{Guid.NewGuid():n}";

    private string BackupFile => Path.Combine(_folder, "sao-luu.tar.gz");

    private string RestoredDataPath => Path.Combine(_folder, "restored");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task BackupAndRestore_WhileTheSiteWrites_RestoredSiteServesTheSamePagesMediaAndAccount()
    {
        await using var site = NewSite();
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var picture = await site.UploadMediaAsync("anh-sao-luu.png", Png());
        var leaflet = await site.CreateLeafletAsync("Tờ gấp được sao lưu", "Nội dung phải còn sau khi khôi phục.", "kiemthu@example.vn");
        Assert.True((await site.WithContentServiceAsync(content => content.PublishAsync(leaflet, "kiemthu@example.vn"))).Success);
        var url = site.Snapshot.Get(leaflet)!.Url("vi")!;
        var mediaUrl = $"/media/{picture.Key}/{picture.FileName}";
        using var client = site.CreateServerClient();
        var mediaBytes = await client.GetByteArrayAsync(mediaUrl);

        // Drafts are saved the whole time the backup runs.
        using var stop = new CancellationTokenSource();
        var firstWrite = new TaskCompletionSource();
        var writes = Task.Run(async () =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested)
            {
                await site.CreateLeafletAsync($"Bản nháp {count++}", "Viết trong lúc sao lưu.", "kiemthu@example.vn");
                firstWrite.TrySetResult();
            }

            return count;
        });
        await firstWrite.Task;
        try
        {
            await BackupAsync(site);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.True(await writes > 0);

        var restore = await SiteProcess.RunAsync(_folder, ["restore", "--from", BackupFile, .. Settings(RestoredDataPath, _restoredDatabase)]);
        Assert.True(restore.ExitCode == 0, restore.Output);

        await using var restored = OnSiteOfTheTest();

        using var restoredClient = restored.CreateServerClient();
        var page = await restoredClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Tờ gấp được sao lưu", html);
        Assert.Contains("Nội dung phải còn sau khi khôi phục.", html);
        Assert.Equal(mediaBytes, await restoredClient.GetByteArrayAsync(mediaUrl));
        await AssertSignsInAsync(restored, email);
    }

    [Fact]
    public async Task Restore_TargetNotEmpty_RefusesAndChangesNothing()
    {
        await using var site = NewSite();
        _ = site.ServerAddress;
        await BackupAsync(site);
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);

        var restore = await SiteProcess.RunAsync(_folder, ["restore", "--from", BackupFile, .. Settings(site.DataPath, site.OwnDatabase)]);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("--force", restore.Output);
        Assert.Contains("Không khôi phục", restore.Output);
        // The account made after the backup is still there: nothing was put back.
        await AssertSignsInAsync(site, email);
    }

    [Fact]
    public async Task Restore_ForceOverAnExistingSite_PutsTheBackedUpSiteBack()
    {
        // Both sites on the same data folder and database of the test's own, which outlive them.
        string before, after;
        await using (var site = OnSiteOfTheTest())
        {
            var kept = await site.CreateLeafletAsync("Tờ gấp trước sao lưu", "Có trong bản sao lưu.", "kiemthu@example.vn");
            Assert.True((await site.WithContentServiceAsync(content => content.PublishAsync(kept, "kiemthu@example.vn"))).Success);
            before = site.Snapshot.Get(kept)!.Url("vi")!;
            await BackupAsync(Settings(RestoredDataPath, _restoredDatabase));
            var later = await site.CreateLeafletAsync("Tờ gấp sau sao lưu", "Không có trong bản sao lưu.", "kiemthu@example.vn");
            Assert.True((await site.WithContentServiceAsync(content => content.PublishAsync(later, "kiemthu@example.vn"))).Success);
            after = site.Snapshot.Get(later)!.Url("vi")!;
        }

        // The stopped site's process would hold no connections; this test's process keeps them pooled otherwise, and the
        // restore ends them (the database is dropped and made again).
        Npgsql.NpgsqlConnection.ClearAllPools();
        var restore = await SiteProcess.RunAsync(_folder, ["restore", "--from", BackupFile, "--force", .. Settings(RestoredDataPath, _restoredDatabase)]);
        Assert.True(restore.ExitCode == 0, restore.Output);

        await using var restored = OnSiteOfTheTest();
        using var client = restored.CreateServerClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(before)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(after)).StatusCode);
    }

    [Fact]
    public async Task Restore_DamagedFile_RefusesNamingTheFileAndRestoresNothing()
    {
        await using var site = NewSite();
        await site.UploadMediaAsync("anh-hong.png", Png());
        await BackupAsync(site);
        // A byte changed inside the compressed data: the archive still opens, or it does not; either way it is refused.
        var bytes = await File.ReadAllBytesAsync(BackupFile);
        bytes[bytes.Length / 2] ^= 0x5A;
        await File.WriteAllBytesAsync(BackupFile, bytes);

        var restore = await SiteProcess.RunAsync(_folder, ["restore", "--from", BackupFile, .. Settings(RestoredDataPath, _restoredDatabase)]);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("không có gì bị thay đổi", restore.Output);
        Assert.False(File.Exists(Path.Combine(RestoredDataPath, "childprotection.db")));
        Assert.False(Directory.Exists(Path.Combine(RestoredDataPath, "media")));
    }

    [Fact]
    public async Task Restore_FileAlteredInsideTheArchive_RefusesNamingItsChecksum()
    {
        await using var site = NewSite();
        await site.UploadMediaAsync("anh-bi-sua.png", Png());
        await BackupAsync(site);
        var altered = await AlterMediaEntryAsync();

        var restore = await SiteProcess.RunAsync(_folder, ["restore", "--from", BackupFile, .. Settings(RestoredDataPath, _restoredDatabase)]);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains($"{altered} không khớp mã kiểm tra", restore.Output);
        Assert.False(File.Exists(Path.Combine(RestoredDataPath, "childprotection.db")));
        Assert.False(Directory.Exists(Path.Combine(RestoredDataPath, "media")));
    }

    /// <summary>Writes the backup again with one byte of its media file changed, as a bad disk or copy would; the archive itself stays well-formed.</summary>
    private async Task<string> AlterMediaEntryAsync()
    {
        var original = BackupFile + ".goc";
        File.Move(BackupFile, original);
        string? altered = null;
        await using (var input = new GZipStream(File.OpenRead(original), CompressionMode.Decompress))
        await using (var reader = new TarReader(input))
        await using (var output = new GZipStream(File.Create(BackupFile), CompressionLevel.Fastest))
        await using (var writer = new TarWriter(output, TarEntryFormat.Pax))
        {
            while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            {
                if (altered is null && entry.Name.StartsWith("data/media/", StringComparison.Ordinal) && entry.DataStream is { } data)
                {
                    var bytes = new MemoryStream();
                    await data.CopyToAsync(bytes);
                    var content = bytes.ToArray();
                    content[content.Length / 2] ^= 0x5A;
                    entry.DataStream = new MemoryStream(content);
                    altered = entry.Name;
                }

                await writer.WriteEntryAsync(entry);
            }
        }

        return altered ?? throw new InvalidOperationException("The backup holds no media file.");
    }

    private SiteFactory NewSite() => OnPostgreSql ? new SiteFactory().OnOwnPostgreSql() : new SiteFactory();

    /// <summary>A site on <see cref="RestoredDataPath"/> (and the restored database on PostgreSQL), which it does not remove.</summary>
    private SiteFactory OnSiteOfTheTest()
    {
        var site = new SiteFactory().With("Cms:DataPath", RestoredDataPath);
        return OnPostgreSql ? site.With("ConnectionStrings:Default", $"{TestPostgres.Server};Database={_restoredDatabase}") : site;
    }

    private Task BackupAsync(SiteFactory site) => BackupAsync(Settings(site.DataPath, site.OwnDatabase));

    private async Task BackupAsync(string[] settings)
    {
        var backup = await SiteProcess.RunAsync(_folder, ["backup", "--to", BackupFile, .. settings]);
        Assert.True(backup.ExitCode == 0, backup.Output);
    }

    private static async Task AssertSignsInAsync(SiteFactory site, string email)
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/backoffice")).StatusCode);
    }

    private string[] Settings(string dataPath, string? database) => OnPostgreSql
        ? [$"--Cms:DataPath={dataPath}", $"--ConnectionStrings:Default={TestPostgres.Server};Database={database}"]
        : [$"--Cms:DataPath={dataPath}"];

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(30, 20);
        bitmap.Erase(SKColors.Teal);
        return bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    public async Task DisposeAsync()
    {
        if (OnPostgreSql)
        {
            await TestPostgres.DropAsync(_restoredDatabase);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }
}

public sealed class SqliteSiteBackupTests : SiteBackupTests
{
    protected override bool OnPostgreSql => false;
}

public sealed class PostgresSiteBackupTests : SiteBackupTests
{
    protected override bool OnPostgreSql => true;
}

/// <summary>pg_dump and pg_restore reach the server as the site does, TLS included.</summary>
public sealed class PostgresToolEnvironmentTests
{
    [Fact]
    public void ToolEnvironment_TlsSettingsOfTheConnectionString_GoToLibpqsVariables()
    {
        var environment = SiteBackup.ToolEnvironment(new Npgsql.NpgsqlConnectionStringBuilder(
            "Host=db.internal;Username=site;Password=bi-mat;SSL Mode=VerifyFull;Root Certificate=/etc/ssl/ca.pem;SSL Certificate=/etc/ssl/site.pem;SSL Key=/etc/ssl/site.key"));

        Assert.Equal("bi-mat", environment["PGPASSWORD"]);
        Assert.Equal("verify-full", environment["PGSSLMODE"]);
        Assert.Equal("/etc/ssl/ca.pem", environment["PGSSLROOTCERT"]);
        Assert.Equal("/etc/ssl/site.pem", environment["PGSSLCERT"]);
        Assert.Equal("/etc/ssl/site.key", environment["PGSSLKEY"]);
    }

    [Fact]
    public void ToolEnvironment_NoTlsSettings_NpgsqlsDefaultModeAndNoCertificates()
    {
        var environment = SiteBackup.ToolEnvironment(new Npgsql.NpgsqlConnectionStringBuilder("Host=127.0.0.1;Username=postgres"));

        Assert.Equal("prefer", environment["PGSSLMODE"]);
        Assert.Equal("", environment["PGPASSWORD"]);
        Assert.False(environment.ContainsKey("PGSSLROOTCERT"));
    }
}
