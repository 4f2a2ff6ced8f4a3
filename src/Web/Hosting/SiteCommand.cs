namespace ChildProtection.Web.Hosting;

/// <summary>
/// A command given as the program's first argument (<c>backup --to FILE</c>, <c>restore --from FILE [--force]</c>):
/// the program runs it on the configured site and exits instead of serving. The other arguments are settings, as
/// for a start (<c>--Cms:DataPath=…</c>).
/// </summary>
internal sealed record SiteCommand(string Name, string File, bool Force, string[] Settings)
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    /// <summary>The command of <paramref name="args"/>, or null when they are settings for a start.</summary>
    public static SiteCommand? Parse(string[] args)
    {
        if (args is not [Backup or Restore, ..])
        {
            return null;
        }

        var fileOption = args[0] == Backup ? "--to" : "--from";
        string? file = null;
        var force = false;
        var settings = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == fileOption && i + 1 < args.Length)
            {
                file = args[++i];
            }
            else if (args[i] == "--force" && args[0] == Restore)
            {
                force = true;
            }
            else
            {
                settings.Add(args[i]);
            }
        }

        return new SiteCommand(args[0], file ?? "", force, [.. settings]);
    }

    /// <summary>Runs the command; its outcome is one line (standard output, or standard error and exit code 1).</summary>
    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct = default)
    {
        if (File.Length == 0)
        {
            await Console.Error.WriteLineAsync(Bilingual.Format("CommandUsage"));
            return SiteStart.FailureExitCode;
        }

        await using var scope = services.CreateAsyncScope();
        var backup = ActivatorUtilities.CreateInstance<SiteBackup>(scope.ServiceProvider);
        try
        {
            var done = Name == Backup ? await backup.BackupAsync(File, ct) : await backup.RestoreAsync(File, Force, ct);
            Console.WriteLine(done);
            return 0;
        }
        catch (SiteBackup.Refused refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return SiteStart.FailureExitCode;
        }
    }
}
