using ChildProtection.Training.Quizzes;

namespace ChildProtection.Training.Contests;

public enum ContestStatus
{
    Success,
    NotFound,
    QuestionBankMissing,
    SlugTaken,
    InvalidSchedule,
    RoundNotOpenYet,
    RoundClosed,
    AlreadyEntered,
    TooManyRequests,
    WrongCode,
    CodeExpired,
    TooManyTries,
    RoundNotClosed,

    /// <summary>A category of the bank holds fewer questions than the draw asks of it.</summary>
    CategoryTooSmall,

    /// <summary>Numbers per category were given and they add up to no question at all.</summary>
    NothingDrawn,

    /// <summary>A class code that already opened an entry.</summary>
    CodeUsed,

    /// <summary>A class registered with no seat, or more than a class may have.</summary>
    InvalidSeats,

    /// <summary>An essay of the round has no final mark yet: its results wait for the jury.</summary>
    MarkingUnfinished,
}

public sealed record RoundSchedule(DateTime OpensUtc, DateTime ClosesUtc);

/// <param name="QuestionsPerRound">Spread over the bank's categories in proportion to their size, unless <paramref name="Draws"/> says how many each gives.</param>
/// <param name="Draws">How many questions each category of the bank gives (a category left out gives none); null for the proportional spread.</param>
public sealed record ContestDraft(
    string Title,
    string Slug,
    string Description,
    string BankName,
    int QuestionsPerRound,
    int TimeLimitMinutes,
    IReadOnlyList<RankingCriterion> RankingOrder,
    IReadOnlyList<RoundSchedule> Rounds,
    bool ShowAnswersAfterLastRound = false,
    IReadOnlyList<CategoryDraw>? Draws = null);

public sealed record EntryDetails(string FullName, string BirthDateOrClass, string School, string Email);

/// <summary>Where an entry form leads: the code page of the entry, and the code to e-mail.</summary>
/// <param name="EntryKey">For <see cref="ContestStatus.AlreadyEntered"/>, a decoy: the key of a code page no code opens.</param>
/// <param name="Code">The one-time code in clear, for the caller to e-mail (it is stored only as a hash); none for a decoy.</param>
public sealed record EntryCode(Guid EntryKey, string? Code);

/// <summary>An entry with its submitted attempt, ranked.</summary>
public sealed record Standing(int Rank, ContestEntry Entry, int Correct, TimeSpan Duration, DateTime SubmittedUtc, decimal Marks = 0);

public sealed record LeaderboardRow(int Rank, string PublicName, string School, int Correct, TimeSpan Duration, decimal Marks = 0);

public sealed record RoundCounts(ContestRound Round, int Registered, int Started, int Submitted);


/// <summary>An entry of a round as the organisers' export lists it; the attempt's figures are null until it is submitted.</summary>
/// <param name="Class">The registered class whose code opened the entry; null for an entry by e-mail.</param>
public sealed record EntryExportRow(ContestEntry Entry, int? Rank, int? Correct, TimeSpan? Duration, DateTime? StartedUtc, DateTime? SubmittedUtc, ExportedClass? Class, decimal? Marks = null);

public sealed record ExportedClass(string Name, string Organiser);

/// <summary>A contest entry found by its attempt, with what the attempt page needs around it.</summary>
public sealed record EntryContext(ContestEntry Entry, ContestRound Round, Contest Contest);
