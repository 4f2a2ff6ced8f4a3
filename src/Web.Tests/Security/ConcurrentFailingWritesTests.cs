using System.Net;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Security;

/// <summary>
/// Issue 16, finding 1: two failed sign-ins at the same moment left SQLite's write gate held, and every later write
/// of the site hung until a restart. Each kind of write that can fail under concurrency is fired several times at
/// once, on a site of the test's own (SQLite, then PostgreSQL); afterwards writes must still go through, and none of
/// the concurrent requests may have answered with a server error.
/// </summary>
public abstract class ConcurrentFailingWritesTests : IAsyncLifetime
{
    /// <summary>Long enough for a busy 2-core machine; a frozen write gate never answers at all.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected SiteFactory Site { get; private set; } = null!;

    protected abstract SiteFactory CreateSite();

    public virtual Task InitializeAsync()
    {
        Site = CreateSite();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Site.DisposeAsync();

    [Fact]
    public async Task StaffSignIn_WrongPasswordsAtOnce_LaterWritesStillSucceed()
    {
        var email = await StaffClient.CreateUserAsync(Site, StaffRoles.Writer);

        await AtOnceAsync(8, _ => new StaffClient(Site).SignInAsync(email, "sai-mat-khau"));

        // Every wrong password counted, however many came at once: the account is locked (five at most).
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            Assert.True(await accounts.IsLockedOutAsync((await accounts.FindByEmailAsync(email))!));
        }

        await StillWritesAsync();
    }

    [Fact]
    public async Task LearnerSignIn_WrongPasswordsAtOnce_LaterWritesStillSucceed()
    {
        var province = new TestProvince(Site);
        await province.AddUnitAsync("truong", null);
        var (_, learner) = await LearnerSignIn.NewLearnerAsync(Site, province.Units["truong"].Id);

        await AtOnceAsync(8, _ => new StaffClient(Site).PostFormAsync("/hoc-tap/dang-nhap", "/hoc-tap/dang-nhap", new() { ["Email"] = learner.Email, ["Password"] = "sai-mat-khau" }));

        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<LearnerUser>>();
            Assert.True(await accounts.IsLockedOutAsync((await accounts.FindByEmailAsync(learner.Email))!));
        }

        await StillWritesAsync();
    }

    [Fact]
    public async Task LearnerRegistration_SameAddressAtOnce_OneAccountAndLaterWritesStillSucceed()
    {
        var province = new TestProvince(Site);
        await province.AddUnitAsync("truong", null);
        var email = $"trung-{Guid.NewGuid():n}"[..16] + "@example.vn";

        var answers = await AtOnceAsync(6, _ => new StaffClient(Site).PostFormAsync("/hoc-tap/dang-ky", "/hoc-tap/dang-ky", new()
        {
            ["FullName"] = "Trần Thị Mai",
            ["Email"] = email,
            ["Password"] = LearnerSignIn.Password,
            ["Role"] = "Teacher",
            ["UnitId"] = province.Units["truong"].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

        // Every form is answered alike (whether an address is registered is never told), and one account is made.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<LearnerUser>>();
            Assert.Equal(1, accounts.Users.Count(u => u.NormalizedEmail == accounts.NormalizeEmail(email)));
        }

        await StillWritesAsync();
    }

    [Fact]
    public async Task ClassCode_SameCodeAtOnce_OneEntryTheOthersToldItWasUsed_LaterWritesStillSucceed()
    {
        var (_, contestRound) = await TestContests.OpenAsync(Site);
        var (_, sheet) = await TestContests.RegisteredClassAsync(Site, contestRound, seats: 3);

        // Each round of requests types the next seat's code, from as many browsers at once.
        for (var seat = 0; seat < 3; seat++)
        {
            var code = sheet.Codes[seat].Code;
            var requests = await AtOnceAsync(6, i => new StaffClient(Site).PostFormAsync("/cuoc-thi/vao-thi", "/cuoc-thi/vao-thi", new() { ["Code"] = code, ["FirstName"] = $"Em {i}", ["ClassName"] = "5A" }), rounds: 1);
            Assert.Single(requests, a => a.StatusCode == HttpStatusCode.Redirect);
            foreach (var refused in requests.Where(a => a.StatusCode != HttpStatusCode.Redirect))
            {
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Contains("đã có bạn dùng để vào thi rồi", await refused.Content.ReadAsStringAsync());
            }
        }

        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildProtection.Training.Persistence.TrainingDbContext>();
            Assert.Equal(3, await db.ContestEntries.CountAsync(e => e.ClassId == sheet.Summary.Class.Id));
            Assert.Equal(3, await db.ContestClassCodes.CountAsync(c => c.ClassId == sheet.Summary.Class.Id && c.EntryId != null));
        }

        await StillWritesAsync();
    }

    /// <summary>Fires <paramref name="count"/> requests <paramref name="rounds"/> times over, each round at once; none may end in a server error.</summary>
    private static async Task<List<HttpResponseMessage>> AtOnceAsync(int count, Func<int, Task<HttpResponseMessage>> request, int rounds = 3)
    {
        var answers = new List<HttpResponseMessage>();
        for (var round = 0; round < rounds; round++)
        {
            using var start = new SemaphoreSlim(0);
            var requests = Enumerable.Range(0, count).Select(async i =>
            {
                await start.WaitAsync();
                return await request(i);
            }).ToList();
            start.Release(count);
            answers.AddRange(await Task.WhenAll(requests).WaitAsync(Patience));
        }

        Assert.All(answers, a => Assert.True((int)a.StatusCode < 500, $"A concurrent request answered {(int)a.StatusCode}."));
        return answers;
    }

    /// <summary>A staff user is created and signs in (both write), then a learner registers: each within <see cref="Patience"/>.</summary>
    private async Task StillWritesAsync()
    {
        var email = await StaffClient.CreateUserAsync(Site, StaffRoles.Writer).WaitAsync(Patience);
        using var staff = new StaffClient(Site);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SignInAsync(email).WaitAsync(Patience)).StatusCode);

        var province = new TestProvince(Site);
        await province.AddUnitAsync("truong-sau", null).WaitAsync(Patience);
        await LearnerSignIn.NewLearnerAsync(Site, province.Units["truong-sau"].Id).WaitAsync(Patience);
    }
}

public sealed class ConcurrentFailingWritesOnSqliteTests : ConcurrentFailingWritesTests
{
    protected override SiteFactory CreateSite() => new();
}

public sealed class ConcurrentFailingWritesOnPostgreSqlTests : ConcurrentFailingWritesTests
{
    private readonly string _database = $"cp_web_{Guid.NewGuid():n}";

    protected override SiteFactory CreateSite() => new SiteFactory().With("ConnectionStrings:Default", $"{TestPostgres.Server};Database={_database}");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestPostgres.DropAsync(_database);
    }
}
