using MimeKit;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>The real SMTP server of the test script and the Maildir it writes each received message to.</summary>
public static class SmtpSink
{
    public static string Host => Environment.GetEnvironmentVariable("CP_TEST_SMTP_HOST") is { Length: > 0 } host ? host : "127.0.0.1";

    public static int Port => int.TryParse(Environment.GetEnvironmentVariable("CP_TEST_SMTP_PORT"), out var port) ? port : 2525;

    public static string Maildir => Environment.GetEnvironmentVariable("CP_TEST_MAILDIR") is { Length: > 0 } folder
        ? folder
        : throw new InvalidOperationException("CP_TEST_MAILDIR is not set: run the tests through ./scripts/test.sh, which starts the SMTP sink.");

    /// <summary>Waits until messages to <paramref name="to"/> have arrived and returns them.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string to, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var messages = Received(to);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Each message file parsed once: the sink writes a file whole and never changes it, and a run holds thousands.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MimeMessage> Parsed = new();

    public static IReadOnlyList<MimeMessage> Received(string to)
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder)
            .Select(file => Parsed.GetOrAdd(file, static path => MimeMessage.Load(path)))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }
}
