// The content engine at scale (issue 19's figures): bulk create-and-publish of N pages (news under one list, text
// pages three levels deep) through ContentService's import, then publishing one page end to end (save, snapshot
// refresh, notifications) many times, each timed also until a second node on the same database serves it (PostgreSQL
// only: the change feed's NOTIFY), then a cold start of the site on that database to its first page and the
// process's memory after it. The site runs in this process (ASP.NET Core's test host, no network), on a fresh SQLite
// file or, with BENCH_POSTGRES set to a connection string, on PostgreSQL; the cold start is the site's own process.
using System.Diagnostics;
using System.Globalization;
using ChildProtection.Bench;
using ChildProtection.Cms.Content;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Search;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChildProtection.ContentBench;

internal static class Benchmark
{
    private const int Batch = 2_000;

    public static async Task Main()
    {
        var pages = int.TryParse(Environment.GetEnvironmentVariable("BENCH_PAGES"), out var p) ? p : 10_000;
        var publishes = int.TryParse(Environment.GetEnvironmentVariable("BENCH_PUBLISHES"), out var n) ? n : 100;
        var postgres = Environment.GetEnvironmentVariable("BENCH_POSTGRES") is { Length: > 0 } configured ? configured : null;
        var results = new List<Figures> { await RunAsync(null, pages, publishes) };
        if (postgres is not null)
        {
            results.Add(await RunAsync($"{postgres};Database=cp_bench_content_{Guid.NewGuid():N}", pages, publishes));
        }

        string N1(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
        Console.WriteLine($"content at scale: {pages:N0} pages created and published, {publishes} single publishes, {Environment.ProcessorCount} cores, in-process");
        Console.WriteLine($"{"database",-11} {"published",9} {"bulk pages/s",13} {"publish p50 ms",15} {"p95 ms",7} {"other node p50 ms",18} {"p99 ms",7} {"cold start s",13} {"RSS MB",7} {"private MB",11}");
        foreach (var f in results)
        {
            var other = f.OtherNode is { } o ? (N1(o.Median), N1(o.P99)) : ("—", "—");
            Console.WriteLine($"{f.Database,-11} {f.Published,9:N0} {N1(f.BulkRate),13} {N1(f.PublishMedian),15} {N1(f.PublishP95),7} {other.Item1,18} {other.Item2,7} {N1(f.ColdStart),13} {N1(f.Rss),7} {N1(f.Private),11}");
        }

        Console.WriteLine("cold start: the site's own process restarted on the same data folder and database, to its first 200 on /; the median of three restarts, as RSS and private");
        Console.WriteLine("other node: from the publish's return on one node to the other node's snapshot holding it (one SQLite database has one node)");
        Console.WriteLine("goals at 100,000 pages: bulk >= 500 pages/s, publish one p95 < 50 ms, other node p99 < 1 s, cold start < 3 s, RSS < 300 MB (the restarted site's process, 10 s after its first page; private: its anonymous memory, without mapped files)");
        if (postgres is null)
        {
            Console.WriteLine("PostgreSQL skipped: set BENCH_POSTGRES to a server's connection string (content-scale.sh does)");
        }
    }

    private sealed record Figures(
        string Database, int Published, double BulkRate, double PublishMedian, double PublishP95, (double Median, double P99)? OtherNode, double ColdStart, double Rss, double Private);

    private static async Task<Figures> RunAsync(string? postgres, int pages, int publishes)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), $"cp-bench-content-{Guid.NewGuid():N}");
        double bulkRate;
        (double Median, double P95) publish;
        (double Median, double P99)? otherNode = null;
        int published;
        var otherDataPath = Path.Combine(Path.GetTempPath(), $"cp-bench-content-{Guid.NewGuid():N}");
        await using (var site = InProcessSite.Start(dataPath, postgres))
        {
            _ = site.Server;
            var snapshot = site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;
            var items = Tree(snapshot.Roots[0].Key, snapshot.All.First(c => c.ContentTypeAlias == "newsList").Key, pages);

            Console.Error.WriteLine($"{(postgres is null ? "SQLite" : "PostgreSQL")}: creating and publishing {items.Count:N0} pages…");
            var bulk = Stopwatch.StartNew();
            var snapshots = site.Services.GetRequiredService<PublishedSnapshotService>();
            foreach (var chunk in items.Chunk(Batch))
            {
                await using var scope = site.Services.CreateAsyncScope();
                var results = await snapshots.DeferRebuildsAsync(() => scope.ServiceProvider.GetRequiredService<ContentService>().ImportAsync(chunk, "bench"));
                if (results.FirstOrDefault(r => !r.Success) is { } refused)
                {
                    throw new InvalidOperationException($"An import was refused: {refused.Status}");
                }
            }

            bulkRate = items.Count / bulk.Elapsed.TotalSeconds;
            published = site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current.All.Count();

            // A second node on the same PostgreSQL database (its own memory and data folder), started after the import.
            await using var other = postgres is null ? null : InProcessSite.Start(otherDataPath, postgres);
            var otherSnapshots = other?.Services.GetRequiredService<IPublishedSnapshotAccessor>();

            // Measured in the steady state: a node new to the site builds its search indexes first, and on two cores that
            // build would be measured with the publishes.
            foreach (var node in new[] { site, other }.OfType<WebApplicationFactory<Program>>())
            {
                await node.Services.GetRequiredService<SearchIndexes>().WhenReady;
            }

            var visible = new List<double>(publishes);

            var random = new Random(19);
            var times = new List<double>(publishes);
            for (var i = 0; i < publishes + 5; i++)
            {
                var item = items[random.Next(items.Count)];
                await using var scope = site.Services.CreateAsyncScope();
                var edit = item.Edit with { Values = [.. item.Edit.Values.Where(v => v.Alias != "body"), new("body", "vi", Body($"Nội dung sửa lần {i}", i))] };
                var started = Stopwatch.GetTimestamp();
                var saved = await scope.ServiceProvider.GetRequiredService<ContentService>().SaveAndPublishAsync(item.Key, edit, "bench");
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var returned = Stopwatch.GetTimestamp();
                if (!saved.Success)
                {
                    throw new InvalidOperationException($"A publish was refused: {saved.Status}");
                }

                var seen = otherSnapshots is null ? 0 : await VisibleAsync(otherSnapshots, item.Key, saved.Result!.Content!.PublishedVersionId!.Value, returned);
                if (i >= 5)
                {
                    times.Add(elapsed);
                    visible.Add(seen);
                }
            }

            times.Sort();
            publish = (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
            if (otherSnapshots is not null)
            {
                visible.Sort();
                otherNode = (visible[visible.Count / 2], visible[(int)Math.Ceiling(visible.Count * 0.99) - 1]);
            }
        }

        // Cold start: the site restarted as an operator runs it (its own process on the same data folder and
        // database), timed to its first page; its memory once it has settled.
        // Three restarts, the median of each figure: one start is one sample of a spread (2.2–3.9 s over a dozen at
        // 100,000 pages in session 15), and the first follows this process's own heavy work by a moment.
        var starts = new List<(double Seconds, double Rss, double Private)>();
        for (var i = 0; i < 3; i++)
        {
            starts.Add(await SiteProcess.ColdStartAsync(dataPath, postgres));
        }

        Console.Error.WriteLine($"cold starts: {string.Join(", ", starts.Select(s => $"{s.Seconds:F2} s / {s.Rss:F0} MB"))}");
        double Median(Func<(double Seconds, double Rss, double Private), double> figure) => starts.Select(figure).Order().ElementAt(1);
        var (coldStart, rss, privateMemory) = (Median(s => s.Seconds), Median(s => s.Rss), Median(s => s.Private));
        if (postgres is not null)
        {
            await DropDatabaseAsync(postgres);
        }

        // BENCH_KEEP_DATA=1 keeps the SQLite run's data folder, to time further starts of the site on it alone.
        if (postgres is null && Environment.GetEnvironmentVariable("BENCH_KEEP_DATA") == "1")
        {
            Console.Error.WriteLine($"SQLite data folder kept: {dataPath}");
            dataPath = "";
        }

        foreach (var folder in new[] { dataPath, otherDataPath }.Where(Directory.Exists))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file the host still holds; the temp folder is cleaned by the system.
            }
        }

        return new Figures(postgres is null ? "SQLite" : "PostgreSQL", published, bulkRate, publish.Median, publish.P95, otherNode, coldStart, rss, privateMemory);
    }

    /// <summary>The run's database (a few hundred megabytes at 100,000 pages) goes when the run ends.</summary>
    private static async Task DropDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        builder.Database = "postgres";
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Milliseconds from <paramref name="since"/> (the publish's return) until the other node's snapshot has the published version.</summary>
    private static async Task<double> VisibleAsync(IPublishedSnapshotAccessor other, Guid key, int versionId, long since)
    {
        while (other.Current.Get(key)?.VersionId != versionId)
        {
            if (Stopwatch.GetElapsedTime(since) > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException("The other node did not show a publish within 30 s.");
            }

            await Task.Delay(1);
        }

        return Stopwatch.GetElapsedTime(since).TotalMilliseconds;
    }

    private static readonly string[] Sentences =
    [
        "Trẻ em có quyền được bảo vệ để không bị xâm hại dưới bất kỳ hình thức nào.",
        "Khi phát hiện trẻ bị xâm hại hoặc có nguy cơ bị xâm hại, hãy gọi ngay Tổng đài quốc gia bảo vệ trẻ em 111.",
        "Nhà trường phối hợp với gia đình và chính quyền địa phương xây dựng môi trường an toàn, lành mạnh cho trẻ.",
        "Cha mẹ cần dành thời gian trò chuyện, lắng nghe con và hướng dẫn con kỹ năng tự bảo vệ.",
        "Đoàn Thanh niên, Đội Thiếu niên tổ chức các hoạt động vui chơi, giải trí bổ ích trong dịp hè.",
        "Khi sử dụng mạng xã hội, trẻ không chia sẻ thông tin cá nhân, hình ảnh riêng tư với người lạ.",
        "Các xã, phường rà soát, hỗ trợ kịp thời trẻ em có hoàn cảnh đặc biệt và trẻ em bị bỏ rơi.",
        "Phòng, chống tai nạn thương tích và đuối nước cho trẻ em là nhiệm vụ của cả cộng đồng.",
        "Giáo viên được tập huấn về kỷ luật tích cực, không dùng bạo lực với học sinh.",
        "Mọi thông tin về trẻ em bị xâm hại được giữ bí mật theo quy định của pháp luật.",
        "Tháng hành động vì trẻ em năm nay tập trung vào phòng, chống xâm hại trẻ em trên môi trường mạng.",
        "Người dân có thể báo tin qua Tổng đài 111 hoặc Công an xã, phường nơi gần nhất.",
    ];

    /// <summary>A body of about 2,000 characters in a few paragraphs, as a province's news article or guidance page is.</summary>
    private static string Body(string name, int seed)
    {
        var body = new System.Text.StringBuilder($"**{name}.** ");
        for (var i = 0; body.Length < 2_000; i++)
        {
            body.Append(Sentences[(seed + (i * 7)) % Sentences.Length]).Append(i % 4 == 3 ? "\n\n" : " ");
        }

        return body.ToString();
    }

    /// <summary>A tenth of the pages as news under the news list, the rest as text pages three levels deep under the home page.</summary>
    private static List<ContentImportItem> Tree(Guid home, Guid newsList, int pages)
    {
        var items = new List<ContentImportItem>(pages);
        ContentImportItem Page(Guid? parent, string type, string name) => new(Guid.NewGuid(), parent, type, new ContentEdit(
            new Dictionary<string, string> { ["vi"] = name },
            type == "newsArticle"
                ? [new("summary", "vi", $"Tóm tắt {name}."), new("publishDate", null, "2026-06-01T01:00:00Z"), new("body", "vi", Body(name, items.Count))]
                : [new("body", "vi", Body(name, items.Count))]), Publish: true);

        for (var i = 1; i <= pages / 10; i++)
        {
            items.Add(Page(newsList, "newsArticle", $"Bản tin số {i}"));
        }

        // Sections of 20 pages of 20 pages each (441 a section), until the count is reached.
        for (var a = 1; items.Count < pages; a++)
        {
            var section = Page(home, "textPage", $"Chuyên mục {a}");
            items.Add(section);
            for (var b = 1; b <= 20 && items.Count < pages; b++)
            {
                var page = Page(section.Key, "textPage", $"Trang {a}.{b}");
                items.Add(page);
                for (var c = 1; c <= 20 && items.Count < pages; c++)
                {
                    items.Add(Page(page.Key, "textPage", $"Trang {a}.{b}.{c}"));
                }
            }
        }

        return items;
    }
}
