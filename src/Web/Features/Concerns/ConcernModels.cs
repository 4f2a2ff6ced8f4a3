using ChildProtection.Concerns.Reports;
using ChildProtection.Training.Contests;

namespace ChildProtection.Web.Features.Concerns;

/// <summary>The report form as sent; <see cref="Website"/> is the hidden field only robots fill in.</summary>
public sealed record ConcernForm(
    bool Adult,
    ReporterRole? Reporter,
    ConcernCategory? Category,
    string? Place,
    string? When,
    string? What,
    string? Contact,
    string? Website)
{
    /// <summary>The prefixes of the form's two wordings in the resource file ("ChildWho", "AdultWho").</summary>
    public const string ChildWording = "Child", AdultWording = "Adult";

    public static ConcernForm Empty(bool adult) => new(adult, adult ? null : ReporterRole.Child, null, null, null, null, null, null);
}

/// <param name="Adult">The adults' wording rather than the children's.</param>
public sealed record ConcernPageViewModel(ConcernForm Form, IReadOnlyList<UnitChoice> Places, IReadOnlyList<string> Errors, int MaxAttachments, long MaxPictureBytes);

public sealed record ReceivedViewModel(string GroupedCode, bool Adult);

/// <summary>The follow-up page: the code typed (kept only in the page's form), and the report it opened, if any.</summary>
public sealed record FollowViewModel(string? Code, ReporterView? Report, IReadOnlyList<string> Errors, string? Message, string? Draft);
