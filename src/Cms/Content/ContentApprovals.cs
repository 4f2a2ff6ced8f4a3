using ChildProtection.Cms.Persistence;
using ChildProtection.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Cms.Content;

public enum ApprovalState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A writer's "send for approval" (Umbraco's "send to publish") of a node, and the editor's answer. Only the newest
/// request of a node can be pending: sending again replaces the waiting one.
/// </summary>
public sealed class ApprovalRequest
{
    public int Id { get; set; }
    public Guid NodeKey { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedUtc { get; set; }

    /// <summary>What the writer wants the editor to know.</summary>
    public string? Note { get; set; }

    public ApprovalState State { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedUtc { get; set; }

    /// <summary>Why the editor sent it back (required when rejecting).</summary>
    public string? DecisionComment { get; set; }
}

internal sealed class ApprovalRequestEntityTypeConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.ToTable("cmsApprovalRequest");
        builder.HasIndex(a => new { a.NodeKey, a.State });
        builder.HasIndex(a => a.RequestedBy);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.RequestedBy).HasMaxLength(256);
        builder.Property(a => a.DecidedBy).HasMaxLength(256);
        builder.Property(a => a.Note).HasMaxLength(1000);
        builder.Property(a => a.DecisionComment).HasMaxLength(1000);
    }
}

public enum ApprovalStatus
{
    Success,
    NotFound,
    InRecycleBin,
    NoPendingRequest,
    CommentRequired,
}

/// <summary>The writer → editor review: request, approve (after a publish) and reject with a comment.</summary>
public sealed class ContentApprovals(CmsDbContext db, TimeProvider clock)
{
    public const int MaxCommentLength = 1000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Attempt<ApprovalRequest, ApprovalStatus>> RequestAsync(Guid key, string userName, string? note, CancellationToken ct = default)
    {
        var node = await db.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        if (node is null)
        {
            return Attempt.Fail(ApprovalStatus.NotFound);
        }

        if (node.Trashed)
        {
            return Attempt.Fail(ApprovalStatus.InRecycleBin);
        }

        await db.ApprovalRequests.Where(a => a.NodeKey == key && a.State == ApprovalState.Pending).ExecuteDeleteAsync(ct);
        var request = new ApprovalRequest
        {
            NodeKey = key,
            RequestedBy = userName,
            RequestedUtc = Now,
            Note = Trim(note),
            State = ApprovalState.Pending,
        };
        db.ApprovalRequests.Add(request);
        db.Audit.Add(new AuditEntry { DateUtc = Now, UserName = userName, NodeKey = key, Action = "SendToPublish", Comment = request.Note });
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(ApprovalStatus.Success, request);
    }

    /// <summary>Closes the node's waiting request as approved, for the caller's save: the publish commits both together.</summary>
    internal async Task<ApprovalRequest?> DecideApprovedAsync(Guid key, string userName, CancellationToken ct)
    {
        var request = await PendingFor(key).SingleOrDefaultAsync(ct);
        if (request is not null)
        {
            Decide(request, ApprovalState.Approved, userName, null);
        }

        return request;
    }

    public async Task<Attempt<ApprovalRequest, ApprovalStatus>> RejectAsync(Guid key, string userName, string? comment, CancellationToken ct = default)
    {
        if (Trim(comment) is not { } reason)
        {
            return Attempt.Fail(ApprovalStatus.CommentRequired);
        }

        var request = await PendingFor(key).SingleOrDefaultAsync(ct);
        if (request is null)
        {
            return Attempt.Fail(ApprovalStatus.NoPendingRequest);
        }

        Decide(request, ApprovalState.Rejected, userName, reason);
        db.Audit.Add(new AuditEntry { DateUtc = Now, UserName = userName, NodeKey = key, Action = "Reject", Comment = reason });
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(ApprovalStatus.Success, request);
    }

    /// <summary>The newest request of a node, answered or not.</summary>
    public Task<ApprovalRequest?> LatestAsync(Guid key, CancellationToken ct = default) =>
        db.ApprovalRequests.AsNoTracking().Where(a => a.NodeKey == key).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);

    /// <summary>What waits for an editor, oldest first.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> PendingAsync(CancellationToken ct = default) =>
        await db.ApprovalRequests.AsNoTracking().Where(a => a.State == ApprovalState.Pending).OrderBy(a => a.Id).Take(200).ToListAsync(ct);

    /// <summary>A writer's own requests, newest first, with the editors' answers.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> RequestedByAsync(string userName, CancellationToken ct = default) =>
        await db.ApprovalRequests.AsNoTracking().Where(a => a.RequestedBy == userName).OrderByDescending(a => a.Id).Take(50).ToListAsync(ct);

    private IQueryable<ApprovalRequest> PendingFor(Guid key) =>
        db.ApprovalRequests.Where(a => a.NodeKey == key && a.State == ApprovalState.Pending);

    private void Decide(ApprovalRequest request, ApprovalState state, string userName, string? comment)
    {
        request.State = state;
        request.DecidedBy = userName;
        request.DecidedUtc = Now;
        request.DecisionComment = comment;
    }

    private static string? Trim(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > MaxCommentLength ? trimmed[..MaxCommentLength] : trimmed;
    }
}
