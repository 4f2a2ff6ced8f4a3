using System.Security.Cryptography;
using System.Text;
using ChildProtection.Training.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Training.Limits;

/// <summary>A form sent from one client, kept for an hour so that a limit per client holds across web nodes and restarts.</summary>
public sealed class ClientRequest
{
    public long Id { get; set; }

    /// <summary>What was asked for, e.g. "forum-opinion": each purpose has its own limit.</summary>
    public required string Purpose { get; set; }

    /// <summary>A hash of the client's IP address: enough to count requests, without keeping the address.</summary>
    public required string ClientHash { get; set; }
    public DateTime SentUtc { get; set; }
}

internal sealed class ClientRequestConfiguration : IEntityTypeConfiguration<ClientRequest>
{
    public void Configure(EntityTypeBuilder<ClientRequest> entity)
    {
        entity.ToTable("clientRequest");
        entity.HasIndex(r => new { r.Purpose, r.ClientHash, r.SentUtc });
        entity.HasIndex(r => r.SentUtc);
        entity.Property(r => r.Purpose).HasMaxLength(50);
        entity.Property(r => r.ClientHash).HasMaxLength(64);
    }
}

/// <summary>
/// Removes the limits' records once they are more than an hour old and count no more: a recurring job's work, not
/// every form's (at a contest's start a delete in each entry form queued behind every other write of the site).
/// </summary>
public sealed class RequestLimitRecords(TrainingDbContext db, TimeProvider clock)
{
    /// <returns>How many records were removed.</returns>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var hourAgo = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        return await db.ClientRequests.Where(r => r.SentUtc < hourAgo).ExecuteDeleteAsync(ct)
            + await db.ContestCodeRequests.Where(r => r.SentUtc < hourAgo).ExecuteDeleteAsync(ct);
    }
}

/// <summary>
/// Limits how often one client may send a public form, counted in the database rather than in a node's memory: the
/// limit then holds behind a load balancer and across restarts, as the contests' code requests do.
/// </summary>
public sealed class ClientRequestLimiter(TrainingDbContext db, TimeProvider clock)
{
    public static string HashAddress(string clientAddress) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(clientAddress)));

    /// <summary>
    /// Counts this request unless the client already sent <paramref name="perHour"/> in the last hour; false when
    /// refused. The count and the write are one statement, so requests sent at once cannot all pass the same count.
    /// </summary>
    public async Task<bool> TryTakeAsync(string purpose, string clientAddress, int perHour, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        var client = HashAddress(clientAddress);
        var taken = await db.OneAtATimeAsync([$"{purpose}:{client}"], () => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "clientRequest" ("Purpose", "ClientHash", "SentUtc")
            SELECT {purpose}, {client}, {now}
            WHERE (SELECT COUNT(*) FROM "clientRequest" WHERE "Purpose" = {purpose} AND "ClientHash" = {client} AND "SentUtc" >= {hourAgo}) < {perHour}
            """, ct), ct);
        return taken == 1;
    }

    /// <summary>Whether the client already sent <paramref name="perHour"/> requests of this purpose in the last hour, counting none.</summary>
    public async Task<bool> ReachedAsync(string purpose, string clientAddress, int perHour, CancellationToken ct = default)
    {
        var hourAgo = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        var client = HashAddress(clientAddress);
        return await db.ClientRequests.CountAsync(r => r.Purpose == purpose && r.ClientHash == client && r.SentUtc >= hourAgo, ct) >= perHour;
    }
}
