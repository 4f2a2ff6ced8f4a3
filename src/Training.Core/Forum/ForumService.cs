using ChildProtection.Core;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Limits;
using ChildProtection.Training.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Training.Forum;

public enum ForumStatus
{
    Success,
    NotFound,
    SlugTaken,
    InvalidSchedule,
    ContestNotFound,
    NotOpenYet,
    Closed,
    TooManyRequests,
    NothingSelected,
    ReasonRequired,
    NotApproved,
    GroupEmpty,
    NoAnswer,
}

public sealed record ForumEventDraft(string Title, string Slug, string Question, string Description, DateTime OpensUtc, DateTime ClosesUtc, int? ContestId);

public sealed record OpinionDraft(string Text, string? FirstName, string? School, string? GradeOrAge, bool SentByTeacher);

public sealed record OpinionCounts(int Pending, int Approved, int Rejected, int Grouped);

/// <summary>A group with its approved opinions, everything it was forwarded to and its answer, as the organisers see it.</summary>
public sealed record GroupView(ForumGroup Group, IReadOnlyList<ForumOpinion> Opinions);

/// <summary>A published answer with the approved opinions it answers, as children see it.</summary>
public sealed record PublishedAnswer(ForumGroup Group, ForumAnswer Answer, IReadOnlyList<ForumOpinion> Opinions);

/// <summary>What a forwarding e-mail lists: the event, the group and its approved opinions.</summary>
public sealed record ForwardedGroup(ForumEvent Event, ForumGroup Group, IReadOnlyList<ForumOpinion> Opinions);

/// <summary>An opinion with the title of its group, as the organisers' export lists it.</summary>
public sealed record OpinionExportRow(ForumOpinion Opinion, string? GroupTitle);

/// <summary>
/// The Children's Forum: opinions sent while an event is open, moderated before anyone else sees them, gathered in
/// groups, forwarded to the bodies responsible, and answered; an answer reaches the public page only once published.
/// </summary>
public sealed class ForumService(TrainingDbContext db, ClientRequestLimiter limiter, TimeProvider clock, IOptions<ForumOptions> options)
{
    public const string SubmissionPurpose = "forum-opinion";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<ForumEvent>> EventsAsync(CancellationToken ct = default) =>
        await db.ForumEvents.AsNoTracking().OrderByDescending(e => e.OpensUtc).ToListAsync(ct);

    public async Task<ForumEvent?> FindAsync(string slug, CancellationToken ct = default) =>
        await db.ForumEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug, ct);

    public async Task<ForumEvent?> FindAsync(Guid key, CancellationToken ct = default) =>
        await db.ForumEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key, ct);

    public async Task<Attempt<ForumEvent, ForumStatus>> CreateEventAsync(ForumEventDraft draft, CancellationToken ct = default)
    {
        if (await CheckAsync(draft, ct) is var status and not ForumStatus.Success)
        {
            return Attempt.Fail(status);
        }

        if (await db.ForumEvents.AnyAsync(e => e.Slug == draft.Slug, ct))
        {
            return Attempt.Fail(ForumStatus.SlugTaken);
        }

        var forum = new ForumEvent { Key = Guid.NewGuid(), Slug = draft.Slug, Title = "", Question = "", CreatedUtc = Now };
        Apply(forum, draft);
        db.ForumEvents.Add(forum);
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(ForumStatus.Success, forum);
    }

    /// <summary>Changes everything but the address, which links already shared keep pointing to.</summary>
    public async Task<ForumStatus> UpdateEventAsync(Guid key, ForumEventDraft draft, CancellationToken ct = default)
    {
        if (await db.ForumEvents.FirstOrDefaultAsync(e => e.Key == key, ct) is not { } forum)
        {
            return ForumStatus.NotFound;
        }

        if (await CheckAsync(draft, ct) is var status and not ForumStatus.Success)
        {
            return status;
        }

        Apply(forum, draft);
        await db.SaveChangesAsync(ct);
        return ForumStatus.Success;
    }

    /// <summary>The contest attached to the event, if any, for the link to its quiz.</summary>
    public async Task<Contest?> ContestOfAsync(ForumEvent forum, CancellationToken ct = default) =>
        forum.ContestId is { } id
            ? await db.Contests.AsNoTracking().Include(c => c.Rounds.OrderBy(r => r.Number)).FirstOrDefaultAsync(c => c.Id == id, ct)
            : null;

    /// <summary>
    /// Takes a child's opinion while the event is open. It waits for moderation: nothing sent is public before an
    /// organiser approves it. The limit per client is counted only for opinions that could be taken.
    /// </summary>
    public async Task<ForumStatus> SubmitAsync(int eventId, OpinionDraft draft, string clientAddress, CancellationToken ct = default)
    {
        if (await db.ForumEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct) is not { } forum)
        {
            return ForumStatus.NotFound;
        }

        var now = Now;
        switch (forum.StateAt(now))
        {
            case ForumState.Upcoming:
                return ForumStatus.NotOpenYet;
            case ForumState.Closed:
                return ForumStatus.Closed;
        }

        if (!await limiter.TryTakeAsync(SubmissionPurpose, clientAddress, options.Value.OpinionsPerClientPerHour, ct))
        {
            return ForumStatus.TooManyRequests;
        }

        db.ForumOpinions.Add(new ForumOpinion
        {
            EventId = eventId,
            Text = draft.Text.Trim(),
            FirstName = OrNull(draft.FirstName),
            School = OrNull(draft.School),
            GradeOrAge = OrNull(draft.GradeOrAge),
            SentByTeacher = draft.SentByTeacher,
            SubmittedUtc = now,
            Status = OpinionStatus.Pending,
        });
        await db.SaveChangesAsync(ct);
        return ForumStatus.Success;
    }

    public async Task<OpinionCounts> CountsAsync(int eventId, CancellationToken ct = default)
    {
        var counts = await db.ForumOpinions.Where(o => o.EventId == eventId).GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, ct);
        var grouped = await db.ForumOpinions.CountAsync(o => o.EventId == eventId && o.GroupId != null, ct);
        return new OpinionCounts(counts.GetValueOrDefault(OpinionStatus.Pending), counts.GetValueOrDefault(OpinionStatus.Approved), counts.GetValueOrDefault(OpinionStatus.Rejected), grouped);
    }

    /// <summary>The event's opinions of one status, oldest first (the moderation queue is worked through in order).</summary>
    public async Task<IReadOnlyList<ForumOpinion>> OpinionsAsync(int eventId, OpinionStatus status, CancellationToken ct = default) =>
        await db.ForumOpinions.AsNoTracking().Where(o => o.EventId == eventId && o.Status == status).OrderBy(o => o.Id).ToListAsync(ct);

    public async Task<ForumStatus> ApproveAsync(int eventId, IReadOnlyCollection<int> opinionIds, string moderator, CancellationToken ct = default) =>
        await ModerateAsync(eventId, opinionIds, OpinionStatus.Approved, null, moderator, ct);

    /// <summary>Rejects with a reason the organisers keep (personal details in the text, off the topic, unkind words).</summary>
    public async Task<ForumStatus> RejectAsync(int eventId, IReadOnlyCollection<int> opinionIds, string reason, string moderator, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? ForumStatus.ReasonRequired
            : await ModerateAsync(eventId, opinionIds, OpinionStatus.Rejected, reason.Trim(), moderator, ct);

    /// <summary>A new group, with the selected approved opinions in it (possibly none yet).</summary>
    public async Task<Attempt<ForumGroup, ForumStatus>> CreateGroupAsync(int eventId, string title, IReadOnlyCollection<int> opinionIds, CancellationToken ct = default)
    {
        if (!await db.ForumEvents.AnyAsync(e => e.Id == eventId, ct))
        {
            return Attempt.Fail(ForumStatus.NotFound);
        }

        if (await ApprovedAsync(eventId, opinionIds, ct) is not { } opinions)
        {
            return Attempt.Fail(ForumStatus.NotApproved);
        }

        var group = new ForumGroup { EventId = eventId, Title = title.Trim(), CreatedUtc = Now };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ForumGroups.Add(group);
        await db.SaveChangesAsync(ct);
        opinions.ForEach(o => o.GroupId = group.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Attempt.SucceedWithStatus(ForumStatus.Success, group);
    }

    /// <summary>Puts the selected approved opinions in a group of the same event, or out of any group when <paramref name="groupId"/> is null.</summary>
    public async Task<ForumStatus> AssignAsync(int eventId, IReadOnlyCollection<int> opinionIds, int? groupId, CancellationToken ct = default)
    {
        if (opinionIds.Count == 0)
        {
            return ForumStatus.NothingSelected;
        }

        if (groupId is { } id && !await db.ForumGroups.AnyAsync(g => g.Id == id && g.EventId == eventId, ct))
        {
            return ForumStatus.NotFound;
        }

        if (await ApprovedAsync(eventId, opinionIds, ct) is not { } opinions)
        {
            return ForumStatus.NotApproved;
        }

        opinions.ForEach(o => o.GroupId = groupId);
        await db.SaveChangesAsync(ct);
        return ForumStatus.Success;
    }

    public async Task<IReadOnlyList<GroupView>> GroupsAsync(int eventId, CancellationToken ct = default)
    {
        var groups = await db.ForumGroups.AsNoTracking().Include(g => g.Forwardings.OrderBy(f => f.ForwardedUtc)).Include(g => g.Answer)
            .Where(g => g.EventId == eventId).OrderBy(g => g.Id).ToListAsync(ct);
        var opinions = (await db.ForumOpinions.AsNoTracking().Where(o => o.EventId == eventId && o.GroupId != null).OrderBy(o => o.Id).ToListAsync(ct))
            .ToLookup(o => o.GroupId!.Value);
        return groups.Select(g => new GroupView(g, opinions[g.Id].ToList())).ToList();
    }

    /// <summary>
    /// Records that a group goes to a responsible body and returns what the e-mail must list. The caller hands the
    /// e-mail to the outbox; a group may be forwarded again, to another body or as a reminder.
    /// </summary>
    public async Task<Attempt<ForwardedGroup, ForumStatus>> ForwardAsync(int eventId, int groupId, string bodyName, string bodyEmail, string forwardedBy, CancellationToken ct = default)
    {
        if (await db.ForumGroups.FirstOrDefaultAsync(g => g.Id == groupId && g.EventId == eventId, ct) is not { } group)
        {
            return Attempt.Fail(ForumStatus.NotFound);
        }

        var opinions = await db.ForumOpinions.AsNoTracking().Where(o => o.GroupId == groupId).OrderBy(o => o.Id).ToListAsync(ct);
        if (opinions.Count == 0)
        {
            return Attempt.Fail(ForumStatus.GroupEmpty);
        }

        db.ForumForwardings.Add(new ForumForwarding { GroupId = groupId, BodyName = bodyName.Trim(), BodyEmail = bodyEmail.Trim(), ForwardedUtc = Now, ForwardedBy = forwardedBy });
        await db.SaveChangesAsync(ct);
        var forum = await db.ForumEvents.AsNoTracking().FirstAsync(e => e.Id == group.EventId, ct);
        return Attempt.SucceedWithStatus(ForumStatus.Success, new ForwardedGroup(forum, group, opinions));
    }

    /// <summary>Records (or corrects) the body's answer; a corrected answer stays published if it was.</summary>
    public async Task<ForumStatus> AnswerAsync(int eventId, int groupId, string text, string answeredBy, string recordedBy, CancellationToken ct = default)
    {
        if (await db.ForumGroups.Include(g => g.Answer).FirstOrDefaultAsync(g => g.Id == groupId && g.EventId == eventId, ct) is not { } group)
        {
            return ForumStatus.NotFound;
        }

        group.Answer ??= new ForumAnswer { GroupId = groupId, Text = "", AnsweredBy = "", RecordedBy = "" };
        (group.Answer.Text, group.Answer.AnsweredBy, group.Answer.RecordedBy, group.Answer.AnsweredUtc) = (text.Trim(), answeredBy.Trim(), recordedBy, Now);
        await db.SaveChangesAsync(ct);
        return ForumStatus.Success;
    }

    public async Task<ForumStatus> SetPublishedAsync(int eventId, int groupId, bool published, CancellationToken ct = default)
    {
        if (!await db.ForumGroups.AnyAsync(g => g.Id == groupId && g.EventId == eventId, ct))
        {
            return ForumStatus.NotFound;
        }

        if (await db.ForumAnswers.FirstOrDefaultAsync(a => a.GroupId == groupId, ct) is not { } answer)
        {
            return ForumStatus.NoAnswer;
        }

        answer.PublishedUtc = published ? answer.PublishedUtc ?? Now : null;
        await db.SaveChangesAsync(ct);
        return ForumStatus.Success;
    }

    /// <summary>What the public page shows: published answers, each with the approved opinions of its group.</summary>
    public async Task<IReadOnlyList<PublishedAnswer>> PublishedAnswersAsync(int eventId, CancellationToken ct = default)
    {
        var groups = await db.ForumGroups.AsNoTracking().Include(g => g.Answer)
            .Where(g => g.EventId == eventId && g.Answer != null && g.Answer.PublishedUtc != null).OrderBy(g => g.Id).ToListAsync(ct);
        var ids = groups.Select(g => (int?)g.Id).ToList();
        var opinions = (await db.ForumOpinions.AsNoTracking().Where(o => ids.Contains(o.GroupId) && o.Status == OpinionStatus.Approved).OrderBy(o => o.Id).ToListAsync(ct))
            .ToLookup(o => o.GroupId!.Value);
        return groups.Select(g => new PublishedAnswer(g, g.Answer!, opinions[g.Id].ToList())).ToList();
    }

    /// <summary>Every opinion of the event, in the order they came, for the organisers' reports.</summary>
    public async Task<IReadOnlyList<OpinionExportRow>> ExportAsync(int eventId, CancellationToken ct = default) =>
        await (from opinion in db.ForumOpinions.AsNoTracking()
               where opinion.EventId == eventId
               join g in db.ForumGroups on opinion.GroupId equals (int?)g.Id into groups
               from g in groups.DefaultIfEmpty()
               orderby opinion.Id
               select new OpinionExportRow(opinion, g == null ? null : g.Title)).ToListAsync(ct);

    private async Task<ForumStatus> CheckAsync(ForumEventDraft draft, CancellationToken ct)
    {
        if (draft.OpensUtc >= draft.ClosesUtc)
        {
            return ForumStatus.InvalidSchedule;
        }

        return draft.ContestId is { } id && !await db.Contests.AnyAsync(c => c.Id == id, ct) ? ForumStatus.ContestNotFound : ForumStatus.Success;
    }

    private static void Apply(ForumEvent forum, ForumEventDraft draft)
    {
        (forum.Title, forum.Question, forum.Description) = (draft.Title.Trim(), draft.Question.Trim(), draft.Description.Trim());
        (forum.OpensUtc, forum.ClosesUtc, forum.ContestId) = (draft.OpensUtc, draft.ClosesUtc, draft.ContestId);
    }

    private async Task<ForumStatus> ModerateAsync(int eventId, IReadOnlyCollection<int> opinionIds, OpinionStatus status, string? reason, string moderator, CancellationToken ct)
    {
        if (opinionIds.Count == 0)
        {
            return ForumStatus.NothingSelected;
        }

        var opinions = await db.ForumOpinions.Where(o => o.EventId == eventId && opinionIds.Contains(o.Id)).ToListAsync(ct);
        if (opinions.Count == 0)
        {
            return ForumStatus.NotFound;
        }

        var now = Now;
        foreach (var opinion in opinions)
        {
            (opinion.Status, opinion.RejectionReason, opinion.ModeratedUtc, opinion.ModeratedBy) = (status, reason, now, moderator);
            // A rejected opinion leaves its group, so that it is never shown beside a published answer nor forwarded.
            opinion.GroupId = status == OpinionStatus.Rejected ? null : opinion.GroupId;
        }

        await db.SaveChangesAsync(ct);
        return ForumStatus.Success;
    }

    /// <summary>The selected opinions, tracked, when every one of them is approved and of this event; otherwise null.</summary>
    private async Task<List<ForumOpinion>?> ApprovedAsync(int eventId, IReadOnlyCollection<int> opinionIds, CancellationToken ct)
    {
        var opinions = await db.ForumOpinions.Where(o => o.EventId == eventId && opinionIds.Contains(o.Id)).ToListAsync(ct);
        return opinions.Count == opinionIds.Distinct().Count() && opinions.All(o => o.Status == OpinionStatus.Approved) ? opinions : null;
    }

    private static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
