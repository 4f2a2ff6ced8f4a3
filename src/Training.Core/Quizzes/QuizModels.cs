using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Quizzes;

public enum AttemptStatus
{
    Success,
    QuizNotFound,
    AttemptNotFound,
    NotOpenYet,
    Closed,
    NoAttemptsLeft,
    DeadlinePassed,
    AlreadySubmitted,
    QuestionNotInAttempt,

    /// <summary>An older save arrived after a newer one; the newer answer stays.</summary>
    StaleRevision,
}

/// <summary>A question as the learner sees it during an attempt: choices in the attempt's order, no right answers.</summary>
/// <param name="Options">Choice texts (or matching answers) in display order; empty for typed answers.</param>
/// <param name="Prompts">The matching question's prompts; empty otherwise.</param>
/// <param name="Format">How the text, choices, prompts and feedback are written (matching answers are always plain).</param>
/// <param name="Essay">For an essay, what its answer box needs (never its marking guide); null otherwise.</param>
/// <param name="Blanks">For a Cloze question, its gaps as the taker fills them (never their answers); null otherwise.</param>
public sealed record AttemptQuestionView(
    long QuestionId, QuestionType Type, string Text, IReadOnlyList<string> Options, IReadOnlyList<string> Prompts, TextFormat Format = TextFormat.Plain, EssayBox? Essay = null,
    IReadOnlyList<ClozeBlank>? Blanks = null);

/// <summary>A Cloze gap as the taker fills it: a choice among <see cref="Options"/> (one or several), or typed text or a number.</summary>
/// <param name="Number">The gap's number in the text's placeholders, from 1.</param>
public sealed record ClozeBlank(int Number, QuestionType Kind, IReadOnlyList<string> Options, ClozeLayout Layout)
{
    public static IReadOnlyList<ClozeBlank> Of(ClozeBody cloze) => cloze.Gaps.Select((gap, i) => gap.Body switch
    {
        ChoiceBody choice => new ClozeBlank(i + 1, choice.Type, choice.Choices.Select(c => c.Text).ToList(), gap.Layout),
        var typed => new ClozeBlank(i + 1, typed.Type, [], gap.Layout),
    }).ToList();
}

/// <summary>An essay's answer box as the writer sees it: its word limits, whether a file may be attached, the text it starts with.</summary>
public sealed record EssayBox(int? MinWords, int? MaxWords, bool AllowAttachment, string? Template)
{
    public static EssayBox Of(EssayBody essay) => new(essay.MinWords, essay.MaxWords, essay.AllowAttachment, essay.ResponseTemplate);
}

public sealed record AttemptView(Guid Key, DateTime StartedUtc, DateTime? DeadlineUtc, IReadOnlyList<AttemptQuestionView> Questions);

/// <summary>
/// Where an attempt stands, to draw it again (after a closed tab, on another device): its questions, the answers
/// saved so far in the positions the learner saw, and once closed its score.
/// </summary>
/// <param name="Revisions">The last saved revision per question, so the browser's counters carry on from there.</param>
/// <param name="Review">Right answers and feedback, question by question, once the attempt is closed and the quiz's review option allows.</param>
public sealed record AttemptState(
    QuizAttempt Attempt,
    string QuizTitle,
    QuizDefinition Definition,
    AttemptView View,
    IReadOnlyDictionary<long, QuestionResponse> Answers,
    IReadOnlyDictionary<long, int> Revisions,
    AttemptScore? Score,
    IReadOnlyList<ReviewedQuestion>? Review = null,
    IReadOnlyDictionary<long, string>? Attachments = null,
    IReadOnlyDictionary<long, IReadOnlyList<Question>>? Descriptions = null)
{
    /// <summary>Description items to show before a question, by that question's id: its category's, before the first question it gives.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<Question>> Descriptions { get; init; } = Descriptions ?? new Dictionary<long, IReadOnlyList<Question>>();

    /// <summary>The names of the files attached to essays, by question.</summary>
    public IReadOnlyDictionary<long, string> Attachments { get; init; } = Attachments ?? new Dictionary<long, string>();

    public bool IsOpen => Attempt.SubmittedUtc is null;
}
