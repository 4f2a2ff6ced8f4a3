using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Persistence;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Tests.Email;

[Collection(SiteCollection.Name)]
public sealed class EmailOutboxTests(SiteFactory site)
{
    [Fact]
    public async Task Enqueue_MessageArrivesAtTheSmtpServerInVietnamese()
    {
        var to = $"hv-{Guid.NewGuid():n}@example.vn";

        await InScopeAsync<IEmailOutbox>(outbox => outbox.EnqueueAsync(to, "Nhắc hạn hoàn thành khóa học", "Thầy cô còn 7 ngày để hoàn thành khóa “Kỷ luật tích cực”."));

        var message = Assert.Single(await SmtpSink.WaitForAsync(to));
        Assert.Equal("Nhắc hạn hoàn thành khóa học", message.Subject);
        Assert.Contains("Kỷ luật tích cực", message.TextBody);
        Assert.Equal("no-reply@baovetreem.example.vn", message.From.Mailboxes.Single().Address);
        var row = await InScopeAsync<SiteDbContext, OutboxMessage>(db => db.Outbox.SingleAsync(m => m.To == to));
        Assert.NotNull(row.SentUtc);
    }

    [Fact]
    public async Task SmtpDown_MessageKeptWithTheErrorAndSentOnceTheServerIsBack()
    {
        var to = $"hv-{Guid.NewGuid():n}@example.vn";
        var smtp = site.Services.GetRequiredService<IOptionsMonitor<SmtpOptions>>().CurrentValue;
        var workingPort = smtp.Port;
        long id;
        try
        {
            // Nothing listens on port 9 (discard) here: the server is "down".
            smtp.Port = 9;
            await InScopeAsync<SiteDbContext, int>(async db =>
            {
                db.Outbox.Add(new OutboxMessage { To = to, Subject = "Thư thử", TextBody = "Nội dung.", CreatedUtc = DateTime.UtcNow, NextAttemptUtc = DateTime.UtcNow });
                return await db.SaveChangesAsync();
            });
            await InScopeAsync<EmailOutboxDrainer, int>(drainer => drainer.DrainAsync(CancellationToken.None));
            var failed = await InScopeAsync<SiteDbContext, OutboxMessage>(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == to));
            id = failed.Id;
            Assert.Null(failed.SentUtc);
            Assert.Equal(1, failed.Attempts);
            Assert.NotNull(failed.LastError);
            Assert.True(failed.NextAttemptUtc > DateTime.UtcNow);
        }
        finally
        {
            smtp.Port = workingPort;
        }

        // The retry is due later; bring it forward instead of waiting a minute.
        await InScopeAsync<SiteDbContext, int>(db => db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptUtc, DateTime.UtcNow.AddSeconds(-1))));
        await InScopeAsync<EmailOutboxDrainer, int>(drainer => drainer.DrainAsync(CancellationToken.None));
        await InScopeAsync<EmailOutboxDrainer, int>(drainer => drainer.DrainAsync(CancellationToken.None));

        Assert.Single(await SmtpSink.WaitForAsync(to));
        await Task.Delay(500);
        Assert.Single(SmtpSink.Received(to));
    }

    [Fact]
    public async Task Drain_AnAwaitedMessageQueuedLast_IsTakenInTheFirstBatch()
    {
        var tag = Guid.NewGuid().ToString("n");
        var smtp = site.Services.GetRequiredService<IOptionsMonitor<SmtpOptions>>().CurrentValue;
        var workingPort = smtp.Port;
        try
        {
            // The server is "down" (nothing listens on port 9), so the one run stops after its first batch and each
            // message's tries say whether that batch took it.
            smtp.Port = 9;
            await InScopeAsync<SiteDbContext, int>(db =>
            {
                var now = DateTime.UtcNow;
                db.Outbox.AddRange(Enumerable.Range(0, EmailOutboxDrainer.BatchSize).Select(i => new OutboxMessage { To = $"nhac-{i}-{tag}@example.vn", Subject = "Nhắc học", TextBody = "Nhắc.", CreatedUtc = now, NextAttemptUtc = now }));
                // Stored as the outbox stores an awaited message, without waking the site's own sender.
                db.Outbox.Add(new OutboxMessage { To = $"ma-{tag}@example.vn", Subject = "Mã xác nhận dự thi", TextBody = "Mã của bạn.", CreatedUtc = now, NextAttemptUtc = now, Awaited = true });
                return db.SaveChangesAsync();
            });
            await InScopeAsync<EmailOutboxDrainer, int>(drainer => drainer.DrainAsync(CancellationToken.None));

            var tries = await InScopeAsync<SiteDbContext, List<OutboxMessage>>(db => db.Outbox.AsNoTracking().Where(m => m.To.EndsWith($"-{tag}@example.vn")).ToListAsync());
            Assert.Equal(1, tries.Single(m => m.Awaited).Attempts);
            Assert.Contains(tries, m => !m.Awaited && m.Attempts == 0);
        }
        finally
        {
            smtp.Port = workingPort;
            await InScopeAsync<SiteDbContext, int>(db => db.Outbox.Where(m => m.To.EndsWith($"-{tag}@example.vn")).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task Drain_MoreThanOneBatchDue_SendsThemAllInOneRun()
    {
        var addresses = Enumerable.Range(0, EmailOutboxDrainer.BatchSize + 5).Select(i => $"ts-{i}-{Guid.NewGuid():n}@example.vn").ToList();
        await InScopeAsync<SiteDbContext, int>(db =>
        {
            db.Outbox.AddRange(addresses.Select(to => new OutboxMessage { To = to, Subject = "Mã xác nhận dự thi", TextBody = "Mã của bạn.", CreatedUtc = DateTime.UtcNow, NextAttemptUtc = DateTime.UtcNow }));
            return db.SaveChangesAsync();
        });

        await InScopeAsync<EmailOutboxDrainer, int>(drainer => drainer.DrainAsync(CancellationToken.None));

        // None is left waiting for the next run (a message another drain took meanwhile is claimed, not due).
        var now = DateTime.UtcNow;
        Assert.Equal(0, await InScopeAsync<SiteDbContext, int>(db => db.Outbox.CountAsync(m => addresses.Contains(m.To) && m.SentUtc == null && m.NextAttemptUtc <= now)));
        Assert.Single(await SmtpSink.WaitForAsync(addresses[^1]));
    }

    private async Task InScopeAsync<T>(Func<T, Task> action)
        where T : notnull
    {
        await using var scope = site.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<T>());
    }

    private async Task<TResult> InScopeAsync<T, TResult>(Func<T, Task<TResult>> action)
        where T : notnull
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<T>());
    }
}
