namespace ChildProtection.Training.Quizzes;

/// <summary>A named set of questions (Moodle's question bank), shared by the quizzes drawn from it.</summary>
public sealed class QuestionBank
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<BankQuestion> Questions { get; set; } = [];
}

/// <summary>A stored question: its body (type, answers, fractions) as JSON, see <see cref="Questions.QuestionBody"/>.</summary>
public sealed class BankQuestion
{
    public long Id { get; set; }
    public int BankId { get; set; }
    public required string Category { get; set; }
    public required string Name { get; set; }
    public required string Text { get; set; }
    public required string BodyJson { get; set; }
    public string? Feedback { get; set; }

    /// <summary>How the wording (text, choices, prompts, feedback) is written; rows stored before formats existed are plain.</summary>
    public Questions.TextFormat TextFormat { get; set; }

    /// <summary>The <see cref="Questions.QuestionSettings"/> as JSON; null for Moodle's defaults (and rows stored before settings were kept).</summary>
    public string? SettingsJson { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>
    /// When the question left the bank: deleted, or replaced by an edited copy. It stays stored so that attempts that
    /// asked it keep showing and scoring what they asked; new attempts no longer draw it.
    /// </summary>
    public DateTime? RetiredUtc { get; set; }
}

public sealed class Quiz
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public required string Title { get; set; }
    public int BankId { get; set; }

    /// <summary>The <see cref="QuizDefinition"/> as JSON.</summary>
    public required string DefinitionJson { get; set; }
    public DateTime? OpensUtc { get; set; }
    public DateTime? ClosesUtc { get; set; }
}

/// <summary>
/// One go at a quiz. Its questions and their order are drawn from <see cref="Seed"/> when it starts (see
/// <see cref="Attempts.AttemptPlanner"/>) and kept in <see cref="PlanJson"/>, so starting an attempt writes one row (the
/// busiest moment of a contest is everyone starting at once) and later edits of the bank never change what it asks.
/// </summary>
public sealed class QuizAttempt
{
    public long Id { get; set; }
    public Guid Key { get; set; }
    public int QuizId { get; set; }

    /// <summary>Who is answering: a learner's id or a contest entry's key.</summary>
    public required string Participant { get; set; }
    public int Seed { get; set; }

    /// <summary>
    /// The <see cref="Attempts.PlannedQuestion"/>s as JSON; null only for an attempt started before plans were kept, whose
    /// plan is drawn from the seed once and then stored.
    /// </summary>
    public string? PlanJson { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime? DeadlineUtc { get; set; }
    public DateTime? SubmittedUtc { get; set; }

    /// <summary>When it counts as finished: the submission, or the deadline when the server closed it.</summary>
    public DateTime? FinishedUtc { get; set; }
    public bool SubmittedByServer { get; set; }
    public decimal? Marks { get; set; }
    public int? CorrectCount { get; set; }
    public bool? Passed { get; set; }

    /// <summary>An essay of the closed attempt is written and not finally marked yet: its marks and pass are not final.</summary>
    public bool AwaitingMarks { get; set; }

    /// <summary>The version's code (mã đề) of a paper typed in from its answer sheet; null for an attempt made online.</summary>
    public int? PaperCode { get; set; }
    public List<AttemptAnswer> Answers { get; set; } = [];
}

/// <summary>The latest saved answer to one question of an attempt (autosave overwrites it).</summary>
public sealed class AttemptAnswer
{
    public long AttemptId { get; set; }
    public long QuestionId { get; set; }

    /// <summary>The response in stored terms (indexes into the stored choices), as JSON.</summary>
    public required string ResponseJson { get; set; }

    /// <summary>The browser's counter for this question: an older save arriving late never overwrites a newer one.</summary>
    public int Revision { get; set; }
    public DateTime SavedUtc { get; set; }

    /// <summary>An essay's share of its mark (0 to 1) once its markers have decided it (see <see cref="Marking.EssayMarking"/>); null for other answers and essays not marked yet.</summary>
    public decimal? MarkedFraction { get; set; }
}

/// <summary>
/// The one file an essay's writer attached (a photo of a handwritten page, a drawing), kept with the attempt for its
/// markers; sending another replaces it. Pictures come in with what could identify a child (GPS, camera) removed.
/// </summary>
public sealed class AttemptFile
{
    public long AttemptId { get; set; }
    public long QuestionId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public DateTime SavedUtc { get; set; }
}
