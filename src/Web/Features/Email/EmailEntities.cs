using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Web.Features.Email;

/// <summary>
/// An e-mail waiting to be sent, or sent. Every message goes through this table first, so a failing SMTP server
/// delays it but never loses it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>Someone waits at a screen for it (a contest's code, a password link): sent before whatever is due without.</summary>
    public bool Awaited { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentUtc { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A setting an administrator changed in the backoffice; it overrides the configured value.</summary>
public sealed class SiteSetting
{
    public required string Key { get; set; }
    public string? Value { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> entity)
    {
        entity.ToTable("emailOutbox");
        // The drain job looks for unsent messages that are due.
        entity.HasIndex(m => new { m.SentUtc, m.NextAttemptUtc });
        entity.Property(m => m.To).HasMaxLength(320);
        entity.Property(m => m.Subject).HasMaxLength(300);
        entity.Property(m => m.LastError).HasMaxLength(1000);
    }
}
