// Report a concern under load: a report sent with a 2 MB picture (checked, stripped, sealed with its own key, its
// receipt code hashed with Argon2id, its notice queued in the same transaction), timed end to end over HTTP; then 100
// reports from one address in a row, accepted up to the per-client limit and refused after it with the message, and
// what the database holds afterwards. On SQLite and on PostgreSQL in one run; the site runs in this process.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Bench;
using ChildProtection.Concerns.Persistence;
using ChildProtection.Training.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ChildProtection.ConcernBench;

internal sealed record Figures(string Database, double Median, double P95, double P99, int PictureBytes, int Accepted, int Refused, int RefusedWithMessage, int Stored);

internal static partial class Benchmark
{
    private const int LimitReports = 100;

    public static async Task Main()
    {
        var reports = int.TryParse(Environment.GetEnvironmentVariable("BENCH_REPORTS"), out var r) ? r : 200;
        var postgres = Environment.GetEnvironmentVariable("BENCH_POSTGRES") is { Length: > 0 } configured ? configured : null;
        var picture = Picture(2 * 1024 * 1024);
        var results = new List<Figures> { await RunAsync(null, reports, picture) };
        if (postgres is not null)
        {
            results.Add(await RunAsync($"{postgres};Database=cp_bench_concerns_{Guid.NewGuid():N}", reports, picture));
        }

        string Ms(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
        Console.WriteLine($"report a concern: {reports} reports one after another, each with a {picture.Length / 1024.0 / 1024:N2} MB JPEG, end to end in-process, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"database",-12} {"median ms",10} {"p95 ms",8} {"p99 ms",8}   {LimitReports} from one address: {"accepted",8} {"refused",8} {"with msg",8} {"stored",7}");
        foreach (var f in results)
        {
            Console.WriteLine($"{f.Database,-12} {Ms(f.Median),10} {Ms(f.P95),8} {Ms(f.P99),8}   {"",20} {f.Accepted,8} {f.Refused,8} {f.RefusedWithMessage,8} {f.Stored,7}");
        }

        Console.WriteLine("goal: p99 < 200 ms; accepted = the limit (Concerns:ReportsPerClientPerHour, 30), every refusal with its message, stored = accepted");
        if (postgres is null)
        {
            Console.WriteLine("PostgreSQL skipped: set BENCH_POSTGRES to a server's connection string (report-concern.sh does)");
        }
    }

    private static async Task<Figures> RunAsync(string? postgres, int reports, byte[] picture)
    {
        var database = postgres is null ? "SQLite" : "PostgreSQL";
        var dataPath = Path.Combine(Path.GetTempPath(), $"cp-bench-concerns-{Guid.NewGuid():N}");
        var times = new List<double>(reports);
        // The timed reports must not meet the per-client limit (they all come from the test host's one client); the
        // flood from one address then runs on the same database with the limit as configured by default.
        using (var unlimited = InProcessSite.Start(dataPath, postgres))
        using (var site = unlimited.WithWebHostBuilder(builder => builder.UseSetting("Concerns:ReportsPerClientPerHour", "10000")))
        {
            var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            for (var i = 0; i < 5; i++)
            {
                await SendAsync(client, picture, i);
            }

            for (var i = 0; i < reports; i++)
            {
                var (code, _, milliseconds) = await SendAsync(client, picture, i);
                times.Add(milliseconds);
                if (code != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"A report was refused: {code}");
                }
            }
        }

        times.Sort();
        double At(double share) => times[(int)Math.Ceiling(times.Count * share) - 1];

        using var started = InProcessSite.Start(dataPath, postgres);
        // An hour later: the timed reports' requests no longer count against the address.
        await using (var scope = started.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ClientRequests.ExecuteDeleteAsync();
        }

        var school = started.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = await StoredAsync(started);
        int accepted = 0, refused = 0, withMessage = 0;
        for (var i = 0; i < LimitReports; i++)
        {
            var (code, page, _) = await SendAsync(school, null, i);
            accepted += code == HttpStatusCode.OK ? 1 : 0;
            refused += code == HttpStatusCode.TooManyRequests ? 1 : 0;
            withMessage += code == HttpStatusCode.TooManyRequests && page.Contains("quá nhiều báo tin", StringComparison.Ordinal) ? 1 : 0;
        }

        var stored = await StoredAsync(started) - before;
        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
        }

        return new Figures(database, At(0.5), At(0.95), At(0.99), picture.Length, accepted, refused, withMessage, stored);
    }

    private static async Task<int> StoredAsync(WebApplicationFactory<Program> site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConcernsDbContext>().Reports.CountAsync();
    }

    /// <summary>Gets the form, then sends it; the time is the sending's alone (the POST, from the first byte to the answer read).</summary>
    private static async Task<(HttpStatusCode Code, string Page, double Milliseconds)> SendAsync(HttpClient client, byte[]? picture, int i)
    {
        var form = await client.GetStringAsync("/bao-tin");
        var content = new MultipartFormDataContent
        {
            { new StringContent(Token().Match(form).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("Child"), "Reporter" },
            { new StringContent("SchoolBullying"), "Category" },
            { new StringContent($"Báo tin đo hiệu năng số {i}: em bị các bạn lớp trên bắt nạt ở cổng trường."), "What" },
        };
        if (picture is not null)
        {
            content.Add(new ByteArrayContent(picture), "pictures", "anh.jpg");
        }

        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync("/bao-tin", content);
        var page = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, page, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>A JPEG of random pixels of at least <paramref name="bytes"/>: a phone photo's size, which no compression shrinks.</summary>
    private static byte[] Picture(int bytes)
    {
        var random = new Random(18);
        for (var side = 800; ; side += 100)
        {
            using var bitmap = new SKBitmap(side, side);
            var pixels = new byte[side * side * 4];
            random.NextBytes(pixels);
            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
            var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
            if (jpeg.Length >= bytes)
            {
                return jpeg;
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
