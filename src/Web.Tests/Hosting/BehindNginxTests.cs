using System.Collections.Concurrent;
using System.Net;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>
/// Two nodes of the built site behind nginx on one PostgreSQL database, as a province runs them in the contest weeks:
/// whatever one node started (a sign-in, a contest attempt, a preview link) the other carries on, and a node killed in
/// the middle of a contest loses no answer a contestant was told was saved.
/// </summary>
public sealed class BehindNginxTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task StaffWithTwoFactor_SignInThroughA_WorkThroughB()
    {
        var browser = new CookieContainer();
        using var throughA = new StaffClient(nodes.Nginx.ToA, browser, nodes.Setup);
        using var throughB = new StaffClient(nodes.Nginx.ToB, browser, nodes.Setup);
        var email = await throughA.SignInAsAdministratorAsync();
        Assert.Equal(HttpStatusCode.OK, (await throughB.Http.GetAsync("/backoffice/tim-kiem")).StatusCode);

        // Signing in again: the password through A, the code through B.
        var another = new CookieContainer();
        using var againThroughA = new StaffClient(nodes.Nginx.ToA, another);
        using var againThroughB = new StaffClient(nodes.Nginx.ToB, another);
        Assert.StartsWith("/backoffice/xac-thuc", (await againThroughA.SignInAsync(email)).Headers.Location!.OriginalString);
        var code = new Dictionary<string, string> { ["Code"] = Totp.UnusedCode(throughA.AuthenticatorKey!) };
        Assert.Equal(HttpStatusCode.Redirect, (await againThroughB.PostFormAsync("/backoffice/xac-thuc", "/backoffice/xac-thuc", code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await againThroughA.Http.GetAsync("/backoffice/jobs/recurring")).StatusCode);
    }

    [Fact]
    public async Task Learner_SignsInThroughA_LearnsThroughB()
    {
        var browser = new CookieContainer();
        using var throughA = new StaffClient(nodes.Nginx.ToA, browser);
        using var throughB = new StaffClient(nodes.Nginx.ToB, browser);

        await LearnerSignIn.NewLearnerAsync(nodes.Setup, await LearnerSignIn.AnyUnitAsync(nodes.Setup), "Lê Thị Hai Nút", throughA);

        var (response, page) = await throughB.Http.GetPageAsync("/hoc-tap");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Lê Thị Hai Nút", page.Body!.TextContent);
    }

    [Fact]
    public async Task ContestAttempt_StartedThroughA_SavedAndHandedInThroughB()
    {
        var browser = new CookieContainer();
        using var throughA = new StaffClient(nodes.Nginx.ToA, browser);
        using var throughB = new StaffClient(nodes.Nginx.ToB, browser);
        var contestant = new HttpContestant(throughA, $"hai-nut-{Guid.NewGuid():N}"[..20] + "@example.vn");
        await contestant.EnterAndConfirmAsync();

        contestant.Browser = throughB;
        var questions = await contestant.OpenAttemptAsync();
        foreach (var question in questions)
        {
            Assert.True(await contestant.SaveAsync(question, 1, TimeSpan.Zero), $"Question {question} was not saved through B.");
        }

        // Without the cookie the code's confirmation gave through A, B saves nothing for that attempt.
        using var stranger = new StaffClient(nodes.Nginx.ToB, new CookieContainer());
        var refused = await stranger.Http.PostAsync($"{contestant.AttemptPath}/cau/{questions[0]}", new FormUrlEncodedContent([new("phien-ban", "2")]));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        Assert.True(await contestant.HandInAsync());
        await using var scope = nodes.Setup.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var attempt = await db.QuizAttempts.Include(a => a.Answers).SingleAsync(a => a.Key == contestant.AttemptKey);
        Assert.NotNull(attempt.SubmittedUtc);
        Assert.Equal(questions.Order(), attempt.Answers.Select(a => a.QuestionId).Order());
        Assert.Equal(42L, (await db.ContestEntries.SingleAsync(e => e.Email == contestant.Email)).Guess);
    }

    [Fact]
    public async Task PreviewLink_MadeThroughA_OpensThroughB()
    {
        var writerEmail = await StaffClient.CreateUserAsync(nodes.Setup, StaffRoles.Writer);
        var key = await nodes.Setup.CreateLeafletAsync("Tờ gấp xem trên nút khác", "Đoạn nháp xem qua nút B.", writerEmail);
        using var writer = new StaffClient(nodes.Nginx.ToA, new CookieContainer());
        await writer.SignInAsync(writerEmail);

        var link = await writer.Http.GetAsync($"/backoffice/noi-dung/{key}/xem-truoc?ngon-ngu=vi");
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);

        using var reviewer = new HttpClient { BaseAddress = nodes.Nginx.ToB };
        var (response, page) = await reviewer.GetPageAsync(link.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Đoạn nháp xem qua nút B.", page.QuerySelector("main")!.TextContent);
    }

    /// <summary>
    /// 200 contestants through nginx to both nodes; node A is killed (<c>kill -9</c>) once a third of the answers are in,
    /// and a backup is taken from node B's side once half are. B serves the rest, each answer the site confirmed is in
    /// the database, the backup restored where nothing was holds the same pages and every answer confirmed before it
    /// began, and A started again serves as before.
    /// </summary>
    [Fact]
    public async Task NodeKilledInABurst_TheOtherServesOn_NoConfirmedAnswerIsLost_ABackupTakenMeanwhileRestores_AndTheNodeRejoins()
    {
        const int Contestants = 200;
        var contestants = Enumerable.Range(0, Contestants)
            .Select(i => new HttpContestant(new StaffClient(nodes.Nginx.Both, new CookieContainer()), $"loat-{i}-{Guid.NewGuid():N}"[..22] + "@example.vn"))
            .ToList();
        var questions = new ConcurrentDictionary<HttpContestant, IReadOnlyList<long>>();
        await Parallel.ForEachAsync(contestants, new ParallelOptions { MaxDegreeOfParallelism = 40 }, async (contestant, _) =>
        {
            await contestant.EnterAndConfirmAsync();
            questions[contestant] = await contestant.OpenAttemptAsync();
        });
        var total = questions.Values.Sum(q => q.Count);

        var confirmed = 0;
        var unconfirmed = 0;
        var killed = new TaskCompletionSource();
        var halfway = new TaskCompletionSource();
        var answering = Parallel.ForEachAsync(contestants, new ParallelOptions { MaxDegreeOfParallelism = Contestants }, async (contestant, _) =>
        {
            foreach (var question in questions[contestant])
            {
                await Task.Delay(Random.Shared.Next(50, 400));
                if (!await contestant.SaveAsync(question, 1, TimeSpan.FromSeconds(60)))
                {
                    Interlocked.Increment(ref unconfirmed);
                    continue;
                }

                var count = Interlocked.Increment(ref confirmed);
                if (count == total / 3)
                {
                    killed.TrySetResult();
                }
                else if (count == total / 2)
                {
                    halfway.TrySetResult();
                }
            }
        });

        await killed.Task.WaitAsync(TimeSpan.FromMinutes(5));
        await nodes.KillNodeAAsync();
        await halfway.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var confirmedBeforeBackup = contestants.ToDictionary(c => c, c => c.Confirmed.ToDictionary());
        var backupFile = Path.Combine(Path.GetTempPath(), "cp-two-nodes", $"{Guid.NewGuid():n}.zip");
        var backup = await SiteProcess.RunAsync(Path.GetTempPath(), ["backup", "--to", backupFile, .. nodes.Settings("b")]);
        Assert.True(backup.ExitCode == 0, backup.Output);
        await answering;
        var handedIn = await Task.WhenAll(contestants.Select(c => c.HandInAsync()));

        Assert.Equal(0, unconfirmed);
        Assert.All(handedIn, h => Assert.True(h));
        await AssertStoredAsync(nodes.Setup, contestants.ToDictionary(c => c.AttemptKey, c => c.Confirmed));

        // The backup, restored where nothing was, is the site as it stood: the same pages, every answer confirmed before it.
        var restoredDatabase = $"cp_web_{Guid.NewGuid():n}";
        var restoredData = Path.Combine(Path.GetTempPath(), "cp-two-nodes", Guid.NewGuid().ToString("n"));
        try
        {
            var restore = await SiteProcess.RunAsync(Path.GetTempPath(),
                ["restore", "--from", backupFile, $"--Cms:DataPath={restoredData}", $"--ConnectionStrings:Default={TestPostgres.Server};Database={restoredDatabase}"]);
            Assert.True(restore.ExitCode == 0, restore.Output);
            await using var restored = new SiteFactory().With("Cms:DataPath", restoredData).With("ConnectionStrings:Default", $"{TestPostgres.Server};Database={restoredDatabase}");
            using var restoredClient = restored.CreateServerClient();
            using var live = new HttpClient { BaseAddress = nodes.Nginx.Both };
            Assert.Equal(Paths(await live.GetStringAsync("/sitemap.xml")), Paths(await restoredClient.GetStringAsync("/sitemap.xml")));
            await AssertStoredAsync(restored, confirmedBeforeBackup.ToDictionary(p => p.Key.AttemptKey, p => p.Value));
        }
        finally
        {
            await TestPostgres.DropAsync(restoredDatabase);
            File.Delete(backupFile);
        }

        // A starts again on its data folder and serves an attempt begun while it was gone.
        await nodes.RestartNodeAAsync();
        var someone = contestants[0];
        someone.Browser = new StaffClient(nodes.Nginx.ToA, someone.Browser.Cookies);
        Assert.Equal(HttpStatusCode.OK, (await someone.Browser.Http.GetAsync(someone.AttemptPath)).StatusCode);
        foreach (var contestant in contestants)
        {
            contestant.Browser.Dispose();
        }
    }

    /// <summary>The sitemap with its addresses' origin taken off (each site names the address it was asked at).</summary>
    private static string Paths(string sitemap) => System.Text.RegularExpressions.Regex.Replace(sitemap, @"https?://[^/<]+", "");

    /// <summary>Every confirmed answer (attempt, question, revision) is in <paramref name="site"/>'s database, at that revision or a later one.</summary>
    private static async Task AssertStoredAsync(SiteFactory site, Dictionary<Guid, Dictionary<long, int>> confirmed)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var keys = confirmed.Keys.ToList();
        var stored = (await db.QuizAttempts.Where(a => keys.Contains(a.Key)).Select(a => new { a.Key, Answers = a.Answers.Select(x => new { x.QuestionId, x.Revision }).ToList() }).ToListAsync())
            .ToDictionary(a => a.Key, a => a.Answers.ToDictionary(x => x.QuestionId, x => x.Revision));
        var lost = confirmed.SelectMany(a => a.Value.Where(q => !(stored.TryGetValue(a.Key, out var answers) && answers.TryGetValue(q.Key, out var revision) && revision >= q.Value))).Count();
        Assert.Equal(0, lost);
        Assert.True(confirmed.Values.Sum(a => a.Count) > 0, "No answer was confirmed at all.");
    }
}
