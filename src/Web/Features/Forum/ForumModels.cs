using ChildProtection.Training.Contests;
using ChildProtection.Training.Forum;

namespace ChildProtection.Web.Features.Forum;

public sealed record ForumListViewModel(IReadOnlyList<ForumEvent> Events, DateTime NowUtc);

/// <param name="Website">A field people do not see: only robots fill it in.</param>
public sealed record OpinionForm(string? Text, string? FirstName, string? School, string? GradeOrAge, bool SentByTeacher, string? Website);

/// <param name="QuizUrl">The attached contest's open round, or the contest's page while no round is open; null without a contest.</param>
public sealed record ForumPageViewModel(
    ForumEvent Event,
    ForumState State,
    Contest? Contest,
    string? QuizUrl,
    IReadOnlyList<PublishedAnswer> Answers,
    OpinionForm Form,
    IReadOnlyList<string> Errors);

public sealed record ForumThankYouViewModel(ForumEvent Event);
