using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Concerns.DependencyInjection;

/// <summary>The "Concerns" configuration section: the report-a-concern channel.</summary>
public sealed class ConcernOptions
{
    public const string Section = "Concerns";

    /// <summary>
    /// The master key that seals every report's data key, 32 bytes in base64. Empty: it is read from (or, on the first
    /// start, written to) <see cref="MasterKeyFile"/>. Keep it out of the database's backups: a backup alone must reveal no report.
    /// </summary>
    public string MasterKey { get; set; } = "";

    /// <summary>Where the master key is kept when <see cref="MasterKey"/> is empty; relative paths are under the data folder.</summary>
    public string MasterKeyFile { get; set; } = "keys/concerns.key";

    /// <summary>Hours an officer has to acknowledge an emergency before it moves to the unit above.</summary>
    [Range(0.05, 720)]
    public double EmergencyAcknowledgeHours { get; set; } = 1;

    [Range(0.05, 720)]
    public double HighAcknowledgeHours { get; set; } = 12;

    [Range(0.05, 720)]
    public double NormalAcknowledgeHours { get; set; } = 72;

    /// <summary>Months a closed report is kept before its key is destroyed.</summary>
    [Range(1, 240)]
    public int RetentionMonths { get; set; } = 24;

    /// <summary>Characters of a report's story or of one message.</summary>
    [Range(100, 100_000)]
    public int MaxTextLength { get; set; } = 5_000;

    [Range(0, 10)]
    public int MaxAttachments { get; set; } = 3;

    /// <summary>Reports one client (one address: a school's whole network may share it) may send in an hour.</summary>
    [Range(1, 10_000)]
    public int ReportsPerClientPerHour { get; set; } = 30;

    /// <summary>Receipt codes one client may try in an hour, right or wrong: guessing a code stays hopeless.</summary>
    [Range(1, 10_000)]
    public int ReceiptTriesPerClientPerHour { get; set; } = 30;

    /// <summary>Where "Exit this page" goes: a neutral page that says nothing of what was open.</summary>
    [Url]
    public string ExitUrl { get; set; } = "https://www.google.com/";

    public TimeSpan AcknowledgeWithin(Reports.ConcernUrgency urgency) => TimeSpan.FromHours(urgency switch
    {
        Reports.ConcernUrgency.Emergency => EmergencyAcknowledgeHours,
        Reports.ConcernUrgency.High => HighAcknowledgeHours,
        _ => NormalAcknowledgeHours,
    });
}
