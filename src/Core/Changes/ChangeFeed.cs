using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Core.Changes;

/// <summary>
/// One change that every node must apply to what it keeps in memory (the published snapshot, redirects, the site's
/// settings). It is written in the transaction of the change itself, so that no change commits unannounced and no
/// announcement outlives a rolled-back change (Umbraco's cache instructions, in the same transaction).
/// </summary>
public sealed class ChangeFeedEntry
{
    public long Id { get; set; }

    /// <summary>Which module's <see cref="IChangeFeedHandler"/> applies it.</summary>
    public string Kind { get; set; } = "";

    /// <summary>What the handler needs to know, in the handler's own short form.</summary>
    public string? Payload { get; set; }

    /// <summary>The node that made the change, and applied it as it did.</summary>
    public Guid Origin { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>Applies one kind of entry that another node wrote; each module registers one per kind it writes.</summary>
public interface IChangeFeedHandler
{
    string Kind { get; }

    /// <summary>
    /// Brings this node up to date with the database after a run of consecutive entries of this kind (their payloads,
    /// in order). It may see an entry more than once, so it reads the current state rather than replaying a delta.
    /// </summary>
    Task ApplyAsync(IReadOnlyList<string?> payloads, CancellationToken ct);
}

/// <summary>This node's side of the feed: who it is among the nodes, and how a module adds an entry to a unit of work.</summary>
public sealed class ChangeFeed(TimeProvider clock)
{
    /// <summary>The feed's table, in the database every module shares.</summary>
    public const string Table = "cpChangeFeed";

    /// <summary>The PostgreSQL channel on which a committed entry is announced (by a trigger, so on commit only).</summary>
    public const string Channel = "cp_change_feed";

    /// <summary>This process among the nodes on one database; it is new at every start, when a node reads everything afresh.</summary>
    public Guid Node { get; } = Guid.NewGuid();

    /// <summary>Adds an entry to <paramref name="db"/>'s unit of work: it commits with the change it announces.</summary>
    public void Stage(DbContext db, string kind, string? payload = null) =>
        db.Set<ChangeFeedEntry>().Add(new ChangeFeedEntry { Kind = kind, Payload = payload, Origin = Node, CreatedUtc = clock.GetUtcNow().UtcDateTime });
}

public static class ChangeFeedModel
{
    /// <summary>
    /// Maps the feed in a module's context. The content engine's migrations create the table (and, on PostgreSQL, the
    /// trigger that announces it); every other module maps it only to write to it in its own transactions.
    /// </summary>
    public static ModelBuilder MapChangeFeed(this ModelBuilder builder, bool createsTable) =>
        builder.Entity<ChangeFeedEntry>(entity =>
        {
            entity.ToTable(ChangeFeed.Table, table =>
            {
                if (!createsTable)
                {
                    table.ExcludeFromMigrations();
                }
            });
            entity.HasKey(e => e.Id);
            entity.Property(e => e.Kind).HasMaxLength(32);
            entity.HasIndex(e => e.CreatedUtc);
        });
}
