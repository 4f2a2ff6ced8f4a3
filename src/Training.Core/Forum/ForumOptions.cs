using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Training.Forum;

/// <summary>The "Forum" configuration section.</summary>
public sealed class ForumOptions
{
    public const string Section = "Forum";

    /// <summary>
    /// Opinions accepted from one IP address in an hour. Generous, because a class sends from one school router and a
    /// teacher may type a whole class discussion on the children's behalf.
    /// </summary>
    [Display(Name = $"{Section}:{nameof(OpinionsPerClientPerHour)}"), Range(1, int.MaxValue)]
    public int OpinionsPerClientPerHour { get; set; } = 30;
}
