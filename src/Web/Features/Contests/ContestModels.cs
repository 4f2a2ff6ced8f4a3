using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;

namespace ChildProtection.Web.Features.Contests;

public sealed record ContestListViewModel(IReadOnlyList<Contest> Contests, DateTime NowUtc);

public sealed record ContestPageViewModel(Contest Contest, DateTime NowUtc);

public sealed record EntryForm(string? FullName, string? BirthDateOrClass, string? School, string? Email);

/// <param name="Leaderboard">Null until the organiser approves the round's results.</param>
/// <param name="Units">The unit tree's schools and units the form suggests; empty unless the round is open.</param>
public sealed record RoundPageViewModel(
    Contest Contest, ContestRound Round, RoundState State, EntryForm Form, IReadOnlyList<string> Errors, IReadOnlyList<LeaderboardRow>? Leaderboard, IReadOnlyList<UnitChoice> Units);

public sealed record CodeViewModel(Guid EntryKey, string? Error = null);

public sealed record ContestAttemptViewModel(EntryContext Entry, AttemptState State);

public sealed record ClassEntryForm(string? Code, string? FirstName, string? ClassName);

public sealed record ClassEntryViewModel(ClassEntryForm Form, IReadOnlyList<string> Errors);
