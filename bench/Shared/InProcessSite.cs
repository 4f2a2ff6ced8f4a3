// Shared by the benches that run the site in their own process (ASP.NET Core's test host, no network).
using System.Diagnostics;
using System.Text.RegularExpressions;
using ChildProtection.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Bench;

internal static class InProcessSite
{
    /// <summary>The site on a fresh data folder: SQLite there, or the PostgreSQL database the connection string names.</summary>
    public static WebApplicationFactory<Program> Start(string dataPath, string? postgres) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(Path.Combine(RepositoryRoot, "src", "Web"));
            builder.UseEnvironment("Production");
            builder.UseSetting("Cms:DataPath", dataPath);
            builder.UseSetting("ConnectionStrings:Default", postgres ?? "");
            builder.UseSetting("Admin:Email", "quantri@example.vn");
            builder.UseSetting("Admin:Password", "Mat-khau-do-hieu-nang-1");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Smtp:Host", "127.0.0.1");
        });

    /// <summary>The repository this bench was built in.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var repository = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(repository.FullName, "ChildProtection.sln")))
            {
                repository = repository.Parent ?? throw new InvalidOperationException("Run this from inside the repository.");
            }

            return repository.FullName;
        }
    }

    /// <summary>A new staff user in one role signs in through the form, as a person would.</summary>
    public static async Task SignInAsync(IServiceProvider services, HttpClient client, string role, string displayName)
    {
        var email = $"{role.ToLowerInvariant()}@example.vn";
        const string password = "Mat-khau-do-hieu-nang-2";
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
            await users.CreateAsync(user, password);
            await users.AddToRoleAsync(user, role);
        }

        var signInPage = await client.GetStringAsync("/backoffice/dang-nhap");
        var token = Regex.Match(signInPage, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await client.PostAsync("/backoffice/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (signIn.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {signIn.StatusCode}");
        }
    }

    /// <summary>Median and p95 milliseconds of <paramref name="requests"/> GETs after a few to warm up; the last body's size.</summary>
    public static async Task<(double Median, double P95, int Bytes)> MeasureAsync(HttpClient client, string url, int requests, int warmUp)
    {
        var bytes = 0;
        for (var i = 0; i < warmUp; i++)
        {
            using var warm = await client.GetAsync(url);
            bytes = (await warm.Content.ReadAsByteArrayAsync()).Length;
            if (!warm.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url}: {warm.StatusCode}");
            }
        }

        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url}: {response.StatusCode}");
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], bytes);
    }
}
