namespace ChildProtection.Training.Contests;

/// <summary>The "Contests" configuration section: how one-time codes are limited.</summary>
public sealed class ContestOptions
{
    public const string Section = "Contests";

    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes allowed before the entry's code stops working (a new one must be asked for).</summary>
    public int MaxCodeTries { get; set; } = 5;

    public int CodesPerEmailPerHour { get; set; } = 3;

    /// <summary>Generous, because a whole school may enter from one address behind its router.</summary>
    public int CodesPerClientPerHour { get; set; } = 20;
}
