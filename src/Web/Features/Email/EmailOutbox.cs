using ChildProtection.Web.Persistence;
using Hangfire;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChildProtection.Web.Features.Email;

/// <summary>Where every part of the site hands an e-mail over: stored first, sent by a background job.</summary>
public interface IEmailOutbox
{
    /// <param name="awaited">Someone waits at a screen for this message (a one-time code, a password link): it goes before those due without.</param>
    Task EnqueueAsync(string to, string subject, string textBody, string? htmlBody = null, bool awaited = false, CancellationToken ct = default);
}

internal sealed class EmailOutbox(SiteDbContext db, TimeProvider clock, EmailDispatcher dispatcher) : IEmailOutbox
{
    public async Task EnqueueAsync(string to, string subject, string textBody, string? htmlBody = null, bool awaited = false, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage { To = to, Subject = subject, TextBody = textBody, HtmlBody = htmlBody, CreatedUtc = now, Awaited = awaited, NextAttemptUtc = now });
        await db.SaveChangesAsync(ct);
        dispatcher.Wake();
    }
}

/// <summary>
/// Sends new messages within seconds of being stored, in this process, over <see cref="SmtpOptions.Connections"/>
/// drains at once (their claims keep them off each other's messages). It is only a shortcut: the recurring Hangfire
/// job drains the same table every minute, so a message this misses (a restart, a crash) still goes.
/// </summary>
public sealed class EmailDispatcher(IServiceScopeFactory scopes, IOptionsMonitor<SmtpOptions> options, ILogger<EmailDispatcher> logger) : BackgroundService
{
    private readonly System.Threading.Channels.Channel<bool> _wake = System.Threading.Channels.Channel.CreateBounded<bool>(
        new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in _wake.Reader.ReadAllAsync(stoppingToken))
        {
            await Task.WhenAll(Enumerable.Range(0, options.CurrentValue.Connections).Select(_ => DrainAsync(stoppingToken)));
        }
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EmailOutboxDrainer>().DrainAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Sending from the e-mail outbox failed; the recurring job will try again.");
        }
    }
}

/// <summary>
/// Sends what is due through MailKit, over one connection kept open for the whole run. A message that fails is tried
/// again later, with growing pauses; the error is kept on the row for the administrator.
/// </summary>
public sealed class EmailOutboxDrainer(SiteDbContext db, TimeProvider clock, IOptionsMonitor<SmtpOptions> options, ILogger<EmailOutboxDrainer> logger)
{
    public const int BatchSize = 50;

    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(6),
    ];

    /// <summary>How long a drain owns the messages it took; another drain (a thread or another node) leaves them alone.</summary>
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(5);

    /// <summary>Sends every message that is due, a batch at a time: a burst (a contest's codes) can be many batches.</summary>
    /// <returns>How many messages were sent.</returns>
    [AutomaticRetry(Attempts = 0)] // the outbox keeps its own retries, per message
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        var sent = 0;
        using var client = new SmtpClient { Timeout = options.CurrentValue.TimeoutSeconds * 1000 };
        try
        {
            while (true)
            {
                var (taken, claimed, batchSent) = await SendBatchAsync(client, ct);
                sent += batchSent;
                db.ChangeTracker.Clear();
                // A short batch was the last one; a batch that claimed messages and sent none means the server is down (they
                // wait for their retries). A full batch that another drain claimed first is no reason to stop: more may wait
                // behind it, and the wake that started this drain may have been the only one for them.
                if (taken < BatchSize || claimed > 0 && batchSent == 0)
                {
                    return sent;
                }
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception e) when (e is IOException or SmtpCommandException or SmtpProtocolException or System.Net.Sockets.SocketException)
                {
                    // Every message's outcome is already stored; a goodbye the server did not take changes none of them.
                }
            }
        }
    }

    /// <returns>How many messages the batch took, how many of them it claimed (another drain may have claimed the others first), and how many it sent.</returns>
    private async Task<(int Taken, int Claimed, int Sent)> SendBatchAsync(SmtpClient client, CancellationToken ct)
    {
        var smtp = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Outbox.Where(m => m.SentUtc == null && m.NextAttemptUtc <= now)
            .OrderByDescending(m => m.Awaited).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        if (candidates.Count > 0 && string.IsNullOrWhiteSpace(smtp.Host))
        {
            logger.LogWarning("{Count} e-mails wait in the outbox: no SMTP server is configured (Smtp:Host).", candidates.Count);
            return (0, 0, 0);
        }

        // The batch is claimed by one atomic update that stamps the rows it takes with an instant of its own (a random
        // fraction of a second past the claim period), so two drains never send the same message twice, and a burst
        // of codes costs one write per batch rather than one per message. Whole microseconds: PostgreSQL keeps no finer.
        var claimUntil = now + Claim + TimeSpan.FromMicroseconds(System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 1_000_000));
        var stamp = new DateTime(claimUntil.Ticks - (claimUntil.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
        await db.Outbox.Where(m => candidates.Contains(m.Id) && m.SentUtc == null && m.NextAttemptUtc <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptUtc, stamp), ct);
        var due = await db.Outbox.Where(m => candidates.Contains(m.Id) && m.NextAttemptUtc == stamp).OrderByDescending(m => m.Awaited).ThenBy(m => m.Id).ToListAsync(ct);
        if (due.Count == 0)
        {
            return (candidates.Count, 0, 0);
        }

        var sent = 0;
        try
        {
            foreach (var message in due)
            {
                try
                {
                    // Connected on the first message, and again after a server that closes a connection once it has
                    // carried so many messages.
                    if (!client.IsConnected)
                    {
                        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, ct);
                        if (smtp.UserName.Length > 0)
                        {
                            await client.AuthenticateAsync(smtp.UserName, smtp.Password, ct);
                        }
                    }

                    await client.SendAsync(Mime(message, smtp), ct);
                    message.SentUtc = clock.GetUtcNow().UtcDateTime;
                    message.Attempts++;
                    sent++;
                }
                catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
                {
                    Failed(message, e);
                }
            }
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or SmtpCommandException or SmtpProtocolException or MailKit.Security.AuthenticationException or TimeoutException)
        {
            logger.LogWarning(e, "The SMTP server {Host}:{Port} could not be reached; {Count} e-mails will be tried again.", smtp.Host, smtp.Port, due.Count(m => m.SentUtc is null));
            foreach (var message in due.Where(m => m.SentUtc is null))
            {
                Failed(message, e);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return (candidates.Count, due.Count, sent);
    }

    private void Failed(OutboxMessage message, Exception error)
    {
        message.Attempts++;
        var text = $"{error.GetType().Name}: {error.Message}";
        message.LastError = text.Length > 1000 ? text[..1000] : text;
        message.NextAttemptUtc = clock.GetUtcNow().UtcDateTime + Backoff[Math.Min(message.Attempts, Backoff.Length) - 1];
    }

    private static MimeMessage Mime(OutboxMessage message, SmtpOptions smtp)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = $"outbox-{message.Id}@{smtp.FromAddress.Split('@')[^1]}";
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
