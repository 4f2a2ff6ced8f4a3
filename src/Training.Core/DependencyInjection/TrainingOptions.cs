namespace ChildProtection.Training.DependencyInjection;

/// <summary>The "Training" configuration section.</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Folder of GIFT files imported once each as question banks (named after the file); empty for none.</summary>
    public string QuestionBankSeedPath { get; set; } = "";

    /// <summary>A unit spreadsheet (CSV or Excel) imported when the site has no units yet; empty for none.</summary>
    public string UnitSeedPath { get; set; } = "";
}
