using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Forum;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Training.Tests.Forum;

/// <summary>A Children's Forum from a child's opinion to the published answer, on a real database, run against each provider by the subclasses below.</summary>
public abstract class ForumServiceTests(TrainingDatabase database) : IAsyncLifetime
{
    private const string Organiser = "bantochuc@example.vn";
    private TrainingFixture _training = null!;
    private ForumEvent _forum = null!;

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database);
        var now = _training.Clock.GetUtcNow().UtcDateTime;
        var (status, forum) = await Forum(f => f.CreateEventAsync(new ForumEventDraft(
            "Diễn đàn trẻ em huyện", "dien-dan-tre-em-huyen", "Em muốn trường học an toàn hơn thế nào?", "", now.AddHours(-1), now.AddDays(7), null)));
        Assert.Equal(ForumStatus.Success, status);
        _forum = forum!;
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task Submit_WhileOpen_WaitsForModerationWithTheLeastData()
    {
        Assert.Equal(ForumStatus.Success, await SubmitAsync("Em muốn có thêm giờ học kỹ năng an toàn trên mạng.", firstName: "  ", school: " Trường TH Kim Bài "));

        var opinion = Assert.Single(await Forum(f => f.OpinionsAsync(_forum.Id, OpinionStatus.Pending)));
        Assert.Equal(("Em muốn có thêm giờ học kỹ năng an toàn trên mạng.", null, "Trường TH Kim Bài", OpinionStatus.Pending), (opinion.Text, opinion.FirstName, opinion.School, opinion.Status));
        Assert.Empty(await Forum(f => f.OpinionsAsync(_forum.Id, OpinionStatus.Approved)));
        Assert.Equal(new OpinionCounts(1, 0, 0, 0), await Forum(f => f.CountsAsync(_forum.Id)));
    }

    [Fact]
    public async Task Submit_BeforeOpeningOrAfterClosing_IsRefused()
    {
        var now = _training.Clock.GetUtcNow().UtcDateTime;
        var (_, later) = await Forum(f => f.CreateEventAsync(new ForumEventDraft("Sau này", "sau-nay", "Hỏi gì?", "", now.AddDays(1), now.AddDays(2), null)));

        Assert.Equal(ForumStatus.NotOpenYet, await Forum(f => f.SubmitAsync(later!.Id, new OpinionDraft("Ý kiến.", null, null, null, false), "10.0.0.1")));
        _training.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(ForumStatus.Closed, await SubmitAsync("Ý kiến muộn."));
        Assert.Equal(new OpinionCounts(0, 0, 0, 0), await Forum(f => f.CountsAsync(_forum.Id)));
    }

    [Fact]
    public async Task Submit_SixtyAtOnceFromOneClient_ExactlyTheLimitPass()
    {
        var limit = new ForumOptions().OpinionsPerClientPerHour;

        // Each in a scope (and so a database context) of its own, as concurrent requests have.
        var results = await Task.WhenAll(Enumerable.Range(0, 2 * limit).Select(i => Task.Run(() => SubmitAsync($"Ý kiến cùng lúc số {i}.", client: "10.3.3.3"))));

        Assert.Equal(limit, results.Count(r => r == ForumStatus.Success));
        Assert.Equal(limit, results.Count(r => r == ForumStatus.TooManyRequests));
        Assert.Equal(limit, (await Forum(f => f.CountsAsync(_forum.Id))).Pending);
        Assert.Equal(ForumStatus.Success, await SubmitAsync("Từ máy khác.", client: "10.4.4.4"));
    }

    [Fact]
    public async Task Submit_TooManyFromOneClientInAnHour_RefusedUntilTheHourPasses()
    {
        var limit = new ForumOptions().OpinionsPerClientPerHour;
        for (var i = 0; i < limit; i++)
        {
            Assert.Equal(ForumStatus.Success, await SubmitAsync($"Ý kiến số {i}.", client: "10.1.1.1"));
        }

        Assert.Equal(ForumStatus.TooManyRequests, await SubmitAsync("Một ý kiến nữa.", client: "10.1.1.1"));
        Assert.Equal(ForumStatus.Success, await SubmitAsync("Từ máy khác.", client: "10.2.2.2"));
        _training.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(ForumStatus.Success, await SubmitAsync("Một giờ sau.", client: "10.1.1.1"));
        Assert.Equal(limit + 2, (await Forum(f => f.CountsAsync(_forum.Id))).Pending);
    }

    [Fact]
    public async Task Moderation_ApproveAndRejectWithReason_CountsFollow()
    {
        var (first, second, third) = (await OpinionAsync("Cần dạy cách chặn người lạ."), await OpinionAsync("Số điện thoại của em là 0912…"), await OpinionAsync("Em muốn có hộp thư góp ý."));

        Assert.Equal(ForumStatus.ReasonRequired, await Forum(f => f.RejectAsync(_forum.Id, [second], " ", Organiser)));
        Assert.Equal(ForumStatus.NothingSelected, await Forum(f => f.ApproveAsync(_forum.Id, [], Organiser)));
        Assert.Equal(ForumStatus.Success, await Forum(f => f.ApproveAsync(_forum.Id, [first, third], Organiser)));
        Assert.Equal(ForumStatus.Success, await Forum(f => f.RejectAsync(_forum.Id, [second], "Có thông tin cá nhân của em.", Organiser)));

        Assert.Equal(new OpinionCounts(0, 2, 1, 0), await Forum(f => f.CountsAsync(_forum.Id)));
        var rejected = Assert.Single(await Forum(f => f.OpinionsAsync(_forum.Id, OpinionStatus.Rejected)));
        Assert.Equal(("Có thông tin cá nhân của em.", Organiser), (rejected.RejectionReason, rejected.ModeratedBy));
    }

    [Fact]
    public async Task Grouping_OnlyApprovedOpinionsOfTheEvent_AndARejectedOneLeavesItsGroup()
    {
        var (approved, pending) = (await OpinionAsync("Cần dạy cách chặn người lạ."), await OpinionAsync("Em muốn mạng ở trường an toàn."));
        await Forum(f => f.ApproveAsync(_forum.Id, [approved], Organiser));

        Assert.Equal(ForumStatus.NotApproved, (await Forum(f => f.CreateGroupAsync(_forum.Id, "Học cách tự bảo vệ trên mạng", [approved, pending]))).Status);
        var (status, group) = await Forum(f => f.CreateGroupAsync(_forum.Id, "Học cách tự bảo vệ trên mạng", [approved]));
        Assert.Equal(ForumStatus.Success, status);
        Assert.Equal(ForumStatus.NotApproved, await Forum(f => f.AssignAsync(_forum.Id, [pending], group!.Id)));

        await Forum(f => f.ApproveAsync(_forum.Id, [pending], Organiser));
        Assert.Equal(ForumStatus.Success, await Forum(f => f.AssignAsync(_forum.Id, [pending], group!.Id)));
        Assert.Equal([approved, pending], (await Forum(f => f.GroupsAsync(_forum.Id))).Single().Opinions.Select(o => o.Id));

        await Forum(f => f.RejectAsync(_forum.Id, [pending], "Trùng ý kiến khác.", Organiser));
        Assert.Equal([approved], (await Forum(f => f.GroupsAsync(_forum.Id))).Single().Opinions.Select(o => o.Id));
        Assert.Equal(ForumStatus.Success, await Forum(f => f.AssignAsync(_forum.Id, [approved], null)));
        Assert.Empty((await Forum(f => f.GroupsAsync(_forum.Id))).Single().Opinions);
    }

    [Fact]
    public async Task Forward_RecordsTheBodyAndReturnsTheGroupsOpinions_EmptyOrOtherEventsGroupRefused()
    {
        var (empty, group) = await GroupOfApprovedAsync("Học cách tự bảo vệ trên mạng", "Cần dạy cách chặn người lạ.", "Em muốn biết báo cáo tài khoản xấu.");
        Assert.Equal(ForumStatus.NotFound, (await Forum(f => f.ForwardAsync(_forum.Id + 1, group, "Sở Giáo dục và Đào tạo", "sogddt@example.vn", Organiser))).Status);
        Assert.Equal(ForumStatus.GroupEmpty, (await Forum(f => f.ForwardAsync(_forum.Id, empty, "Sở Giáo dục và Đào tạo", "sogddt@example.vn", Organiser))).Status);

        var forwarded = await Forum(f => f.ForwardAsync(_forum.Id, group, " Sở Giáo dục và Đào tạo ", "sogddt@example.vn", Organiser));

        Assert.Equal(ForumStatus.Success, forwarded.Status);
        Assert.Equal(["Cần dạy cách chặn người lạ.", "Em muốn biết báo cáo tài khoản xấu."], forwarded.Result!.Opinions.Select(o => o.Text));
        Assert.Equal(_forum.Title, forwarded.Result!.Event.Title);
        var forwarding = Assert.Single((await Forum(f => f.GroupsAsync(_forum.Id))).Single(g => g.Group.Id == group).Group.Forwardings);
        Assert.Equal(("Sở Giáo dục và Đào tạo", "sogddt@example.vn", Organiser), (forwarding.BodyName, forwarding.BodyEmail, forwarding.ForwardedBy));
    }

    [Fact]
    public async Task Answer_AppearsPubliclyOnlyOncePublished_WithTheApprovedOpinionsItAnswers()
    {
        var (_, group) = await GroupOfApprovedAsync("Học cách tự bảo vệ trên mạng", "Cần dạy cách chặn người lạ.");
        Assert.Equal(ForumStatus.NoAnswer, await Forum(f => f.SetPublishedAsync(_forum.Id, group, true)));

        await Forum(f => f.AnswerAsync(_forum.Id, group, "Từ năm học tới, mỗi trường có hai tiết an toàn trên mạng.", "Sở Giáo dục và Đào tạo", Organiser));
        Assert.Empty(await Forum(f => f.PublishedAnswersAsync(_forum.Id)));

        Assert.Equal(ForumStatus.Success, await Forum(f => f.SetPublishedAsync(_forum.Id, group, true)));
        var published = Assert.Single(await Forum(f => f.PublishedAnswersAsync(_forum.Id)));
        Assert.Equal(("Học cách tự bảo vệ trên mạng", "Sở Giáo dục và Đào tạo"), (published.Group.Title, published.Answer.AnsweredBy));
        Assert.Equal(["Cần dạy cách chặn người lạ."], published.Opinions.Select(o => o.Text));

        await Forum(f => f.SetPublishedAsync(_forum.Id, group, false));
        Assert.Empty(await Forum(f => f.PublishedAnswersAsync(_forum.Id)));
    }

    [Fact]
    public async Task DeletingAnEvent_RemovesItsOpinionsGroupsAndAnswers()
    {
        var (_, group) = await GroupOfApprovedAsync("Học cách tự bảo vệ trên mạng", "Cần dạy cách chặn người lạ.");
        await Forum(f => f.AnswerAsync(_forum.Id, group, "Sẽ có tiết học.", "Sở Giáo dục và Đào tạo", Organiser));

        await _training.InScopeAsync<TrainingDbContext, int>(db => db.ForumEvents.Where(e => e.Id == _forum.Id).ExecuteDeleteAsync());

        await using var scope = _training.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        Assert.Equal((0, 0, 0), (await db.ForumOpinions.CountAsync(), await db.ForumGroups.CountAsync(), await db.ForumAnswers.CountAsync()));
    }

    /// <summary>An empty group and a group holding new opinions with <paramref name="texts"/>, all approved.</summary>
    private async Task<(int Empty, int Group)> GroupOfApprovedAsync(string title, params string[] texts)
    {
        var ids = new List<int>();
        foreach (var text in texts)
        {
            ids.Add(await OpinionAsync(text));
        }

        await Forum(f => f.ApproveAsync(_forum.Id, ids, Organiser));
        var (_, empty) = await Forum(f => f.CreateGroupAsync(_forum.Id, "Chưa có ý kiến", []));
        var (_, group) = await Forum(f => f.CreateGroupAsync(_forum.Id, title, ids));
        return (empty!.Id, group!.Id);
    }

    private async Task<int> OpinionAsync(string text)
    {
        Assert.Equal(ForumStatus.Success, await SubmitAsync(text));
        return (await Forum(f => f.OpinionsAsync(_forum.Id, OpinionStatus.Pending))).Single(o => o.Text == text).Id;
    }

    private Task<ForumStatus> SubmitAsync(string text, string? firstName = null, string? school = null, string client = "10.0.0.1") =>
        Forum(f => f.SubmitAsync(_forum.Id, new OpinionDraft(text, firstName, school, "Lớp 5", SentByTeacher: false), client));

    private Task<T> Forum<T>(Func<ForumService, Task<T>> action) => _training.InScopeAsync(action);
}

public sealed class SqliteForumServiceTests() : ForumServiceTests(TrainingDatabase.Sqlite);

public sealed class PostgresForumServiceTests() : ForumServiceTests(TrainingDatabase.PostgreSql);
