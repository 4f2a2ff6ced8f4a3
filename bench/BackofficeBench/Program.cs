// Backoffice with 10,000 content nodes (500 under one parent): the server time of loading one node's children in
// the content tree and of opening an editor. The site runs in this process (ASP.NET Core's test host, no network),
// on a fresh SQLite file or, with BENCH_POSTGRES set to a connection string, on PostgreSQL.
using System.Diagnostics;
using System.Globalization;
using ChildProtection.Bench;
using ChildProtection.Cms.Content;
using ChildProtection.Cms.Publishing;
using ChildProtection.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.BackofficeBench;

internal static class Benchmark
{
    public static async Task Main()
    {
        var requests = int.TryParse(Environment.GetEnvironmentVariable("BENCH_REQUESTS"), out var r) ? r : 300;
        var dataPath = Path.Combine(Path.GetTempPath(), $"cp-bench-backoffice-{Guid.NewGuid():N}");
        var postgres = Environment.GetEnvironmentVariable("BENCH_POSTGRES");
        await using var site = InProcessSite.Start(dataPath, postgres);
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var snapshot = site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;
        var home = snapshot.Roots[0].Key;
        var newsList = snapshot.All.First(c => c.ContentTypeAlias == "newsList").Key;

        Console.Error.WriteLine("Creating 10,000 content nodes…");
        var created = Stopwatch.StartNew();
        Guid article = default;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var snapshots = scope.ServiceProvider.GetRequiredService<PublishedSnapshotService>();
            await snapshots.DeferRebuildsAsync(async () =>
            {
                var count = 0;
                async Task<Guid> CreateAsync(Guid parent, string type, string name)
                {
                    await using var inner = site.Services.CreateAsyncScope();
                    var content = inner.ServiceProvider.GetRequiredService<ContentService>();
                    IReadOnlyList<PropertyValueEdit> values = type == "newsArticle"
                        ? [new("summary", "vi", $"Tóm tắt {name}."), new("publishDate", null, "2026-06-01T01:00:00Z"), new("body", "vi", $"Nội dung của {name}. Gọi **111** khi trẻ cần giúp.")]
                        : [new("body", "vi", $"Nội dung của {name}.")];
                    var result = await content.CreateAsync(parent, type, new ContentEdit(new Dictionary<string, string> { ["vi"] = name }, values), "bench");
                    count++;
                    return result.Content?.Key ?? throw new InvalidOperationException($"{type} under {parent}: {result.Status}");
                }

                for (var i = 1; i <= 500; i++)
                {
                    var key = await CreateAsync(newsList, "newsArticle", $"Bản tin số {i}");
                    article = i == 250 ? key : article;
                }

                for (var a = 1; a <= 19; a++)
                {
                    var section = await CreateAsync(home, "textPage", $"Chuyên mục {a}");
                    for (var b = 1; b <= 25; b++)
                    {
                        var page = await CreateAsync(section, "textPage", $"Trang {a}.{b}");
                        for (var c = 1; c <= 19; c++)
                        {
                            await CreateAsync(page, "textPage", $"Trang {a}.{b}.{c}");
                        }
                    }
                }

                Console.Error.WriteLine($"{count} nodes created in {created.Elapsed.TotalSeconds:N0} s");
                return count;
            });
        }

        await InProcessSite.SignInAsync(site.Services, client, StaffRoles.Editor, "Biên tập viên");
        var children = await InProcessSite.MeasureAsync(client, $"/backoffice/noi-dung/cay?ngon-ngu=vi&cha={newsList}", requests, warmUp: 20);
        var editor = await InProcessSite.MeasureAsync(client, $"/backoffice/noi-dung/{article}?ngon-ngu=vi", requests, warmUp: 20);
        var total = await site.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<ChildProtection.Cms.Persistence.CmsDbContext>().Nodes.CountAsync();

        string Ms(double value) => value.ToString("N2", CultureInfo.InvariantCulture);
        Console.WriteLine($"backoffice with {total:N0} content nodes ({(postgres is null ? "SQLite" : "PostgreSQL")}), {requests} requests each, server time in-process, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"request",-34} {"median ms",10} {"p95 ms",10} {"bytes",8}");
        Console.WriteLine($"{"children of a node (500 items)",-34} {Ms(children.Median),10} {Ms(children.P95),10} {children.Bytes,8}");
        Console.WriteLine($"{"open an editor (news article)",-34} {Ms(editor.Median),10} {Ms(editor.P95),10} {editor.Bytes,8}");
        Console.WriteLine("goal: < 50 ms each");

        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file the host still holds; the temp folder is cleaned by the system.
        }
    }
}
