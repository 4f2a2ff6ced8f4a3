using System.Net;
using ChildProtection.Training.Forum;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Persistence;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Email;

/// <summary>
/// A change and the e-mail it sends commit in one transaction (issue 17): forwarding a forum group with its e-mail
/// to the body, a learner's registration (account, learner) with its confirmation. The database itself refuses one
/// of the rows (a trigger the test puts on a table, for one address only), and nothing else may be left behind.
/// On a site of the test's own, SQLite then PostgreSQL.
/// </summary>
public abstract class OutboxTransactionTests : IAsyncLifetime
{
    private const string Groups = "/backoffice/dien-dan/{0}/nhom";

    private SiteFactory _site = null!;

    protected abstract bool OnPostgreSql { get; }

    public Task InitializeAsync()
    {
        _site = OnPostgreSql ? new SiteFactory().OnOwnPostgreSql() : new SiteFactory();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Forward_EmailRefusedByTheDatabase_NeitherForwardingNorEmailSaved_AndAVietnameseMessage()
    {
        using var organiser = await OrganiserAsync();
        var (key, group) = await GroupAsync();
        var body = $"khong-nhan-{Guid.NewGuid():n}"[..20] + "@example.vn";
        await RefuseAsync("emailOutbox", "To", body);

        var refused = await ForwardAsync(organiser, key, group, body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Chưa chuyển được nhóm ý kiến", await refused.Content.ReadAsStringAsync());
        Assert.Equal((0, 0), await SavedAsync(group, body));
    }

    [Fact]
    public async Task Forward_ForwardingRefusedByTheDatabase_NoEmailQueued()
    {
        using var organiser = await OrganiserAsync();
        var (key, group) = await GroupAsync();
        var body = $"khong-luu-{Guid.NewGuid():n}"[..20] + "@example.vn";
        await RefuseAsync("forumForwarding", "BodyEmail", body);

        var refused = await ForwardAsync(organiser, key, group, body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Chưa chuyển được nhóm ý kiến", await refused.Content.ReadAsStringAsync());
        Assert.Equal((0, 0), await SavedAsync(group, body));
    }

    [Fact]
    public async Task Forward_NothingRefused_ForwardingAndEmailSavedTogether()
    {
        using var organiser = await OrganiserAsync();
        var (key, group) = await GroupAsync();
        var body = $"nhan-{Guid.NewGuid():n}"[..20] + "@example.vn";
        await RefuseAsync("emailOutbox", "To", $"nguoi-khac-{body}");

        Assert.Equal(HttpStatusCode.Redirect, (await ForwardAsync(organiser, key, group, body)).StatusCode);

        Assert.Equal((1, 1), await SavedAsync(group, body));
    }

    [Fact]
    public async Task Register_ConfirmationRefusedByTheDatabase_NoAccountNoLearner_AndAVietnameseMessage()
    {
        var email = $"dk-{Guid.NewGuid():n}"[..16] + "@example.vn";
        await RefuseAsync("emailOutbox", "To", email);

        var refused = await RegisterAsync(email);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Chưa đăng ký được", await refused.Content.ReadAsStringAsync());
        Assert.Equal((0, 0, 0), await RegisteredAsync(email));
    }

    [Fact]
    public async Task Register_LearnerRefusedByTheDatabase_NoAccountNoEmail()
    {
        var email = $"dk-{Guid.NewGuid():n}"[..16] + "@example.vn";
        await RefuseAsync("learner", "Email", email);

        var refused = await RegisterAsync(email);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal((0, 0, 0), await RegisteredAsync(email));
    }

    [Fact]
    public async Task Register_NothingRefused_AccountLearnerAndConfirmationSavedTogether()
    {
        var email = $"dk-{Guid.NewGuid():n}"[..16] + "@example.vn";
        await RefuseAsync("emailOutbox", "To", $"khac-{email}");

        Assert.Equal(HttpStatusCode.OK, (await RegisterAsync(email)).StatusCode);

        Assert.Equal((1, 1, 1), await RegisteredAsync(email));
    }

    private async Task<HttpResponseMessage> RegisterAsync(string email)
    {
        var province = new TestProvince(_site);
        await province.AddUnitAsync("truong", null);
        using var visitor = new StaffClient(_site);
        return await visitor.PostFormAsync("/hoc-tap/dang-ky", "/hoc-tap/dang-ky", new()
        {
            ["FullName"] = "Trần Thị Mai",
            ["Email"] = email,
            ["Password"] = LearnerSignIn.Password,
            ["Role"] = "Teacher",
            ["UnitId"] = province.Units["truong"].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <returns>How many accounts, learners and e-mails of <paramref name="email"/> are stored.</returns>
    private async Task<(int Accounts, int Learners, int Emails)> RegisteredAsync(string email)
    {
        await using var scope = _site.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<LearnerUser>>();
        return (await accounts.Users.CountAsync(u => u.NormalizedEmail == accounts.NormalizeEmail(email)),
            await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Learners.CountAsync(l => l.Email == email),
            await scope.ServiceProvider.GetRequiredService<SiteDbContext>().Outbox.CountAsync(m => m.To == email));
    }

    private async Task<StaffClient> OrganiserAsync()
    {
        var organiser = new StaffClient(_site);
        await organiser.SignInAsync(await StaffClient.CreateUserAsync(_site, StaffRoles.ContestOrganiser));
        return organiser;
    }

    /// <summary>An open event with one group holding one approved opinion.</summary>
    private async Task<(Guid Event, int Group)> GroupAsync()
    {
        await using var scope = _site.Services.CreateAsyncScope();
        var forum = scope.ServiceProvider.GetRequiredService<ForumService>();
        var now = DateTime.UtcNow;
        var (_, forumEvent) = await forum.CreateEventAsync(new ForumEventDraft($"Chuyển {Guid.NewGuid():n}", $"chuyen-{Guid.NewGuid():n}", "Em muốn gì?", "", now.AddHours(-1), now.AddDays(1), null));
        Assert.Equal(ForumStatus.Success, await forum.SubmitAsync(forumEvent!.Id, new OpinionDraft("Em muốn có thêm cây xanh.", null, "Trường TH Kim Bài", "Lớp 4", false), $"10.0.0.{Random.Shared.Next(1, 250)}"));
        var opinion = (await forum.OpinionsAsync(forumEvent.Id, OpinionStatus.Pending)).Single();
        Assert.Equal(ForumStatus.Success, await forum.ApproveAsync(forumEvent.Id, [opinion.Id], "kiemthu"));
        var (_, group) = await forum.CreateGroupAsync(forumEvent.Id, "Cây xanh", [opinion.Id]);
        return (forumEvent.Key, group!.Id);
    }

    private static async Task<HttpResponseMessage> ForwardAsync(StaffClient organiser, Guid key, int group, string body)
    {
        var groups = string.Format(System.Globalization.CultureInfo.InvariantCulture, Groups, key);
        return await organiser.PostFormAsync(groups, $"{groups}/{group}/chuyen", new() { ["BodyName"] = "Phòng Giáo dục huyện", ["BodyEmail"] = body });
    }

    /// <summary>The site is the test's own: the refusal can stay.</summary>
    private Task RefuseAsync(string table, string column, string value) => RefusingTrigger.AddAsync(_site, table, $"NEW.\"{column}\" = '{value}'");

    /// <returns>How many forwardings of the group to <paramref name="body"/>, and e-mails to it, are stored.</returns>
    private async Task<(int Forwardings, int Emails)> SavedAsync(int group, string body)
    {
        await using var scope = _site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().ForumForwardings.CountAsync(f => f.GroupId == group && f.BodyEmail == body),
            await scope.ServiceProvider.GetRequiredService<SiteDbContext>().Outbox.CountAsync(m => m.To == body));
    }
}

public sealed class OutboxTransactionOnSqliteTests : OutboxTransactionTests
{
    protected override bool OnPostgreSql => false;
}

public sealed class OutboxTransactionOnPostgreSqlTests : OutboxTransactionTests
{
    protected override bool OnPostgreSql => true;
}
