using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Training.Contests;

/// <summary>The "Contests" configuration section: how one-time codes are limited.</summary>
public sealed class ContestOptions
{
    public const string Section = "Contests";

    /// <summary>How long a one-time code works: long enough for the e-mail to arrive, short enough not to be passed on.</summary>
    [Display(Name = $"{Section}:{nameof(CodeLifetime)}"), Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes allowed before the entry's code stops working (a new one must be asked for).</summary>
    [Display(Name = $"{Section}:{nameof(MaxCodeTries)}"), Range(1, 100)]
    public int MaxCodeTries { get; set; } = 5;

    [Display(Name = $"{Section}:{nameof(CodesPerEmailPerHour)}"), Range(1, int.MaxValue)]
    public int CodesPerEmailPerHour { get; set; } = 3;

    /// <summary>Generous, because a whole school may enter from one address behind its router.</summary>
    [Display(Name = $"{Section}:{nameof(CodesPerClientPerHour)}"), Range(1, int.MaxValue)]
    public int CodesPerClientPerHour { get; set; } = 20;

    /// <summary>The most children one registered class may have, each a code on its sheet.</summary>
    [Display(Name = $"{Section}:{nameof(MaxSeatsPerClass)}"), Range(1, 500)]
    public int MaxSeatsPerClass { get; set; } = 60;

    /// <summary>
    /// Class codes typed that match no seat, per client and hour, before that client is refused every class code: a
    /// school's children mistype now and then from one address, a guesser needs billions of tries.
    /// </summary>
    [Display(Name = $"{Section}:{nameof(ClassCodeMissesPerClientPerHour)}"), Range(1, int.MaxValue)]
    public int ClassCodeMissesPerClientPerHour { get; set; } = 60;

    /// <summary>
    /// Entries (an entry form, a class code) the site works on at once on each node, the others waiting in line; the
    /// e-mailed codes sent back have a line of the same size of their own.
    /// </summary>
    [Display(Name = $"{Section}:{nameof(EntriesAtOnce)}"), Range(1, 1000)]
    public int EntriesAtOnce { get; set; } = 8;

    /// <summary>Entries that may wait in that line; one more is answered "busy, try again" at once.</summary>
    [Display(Name = $"{Section}:{nameof(EntriesQueued)}"), Range(0, 1_000_000)]
    public int EntriesQueued { get; set; } = 20_000;
}
