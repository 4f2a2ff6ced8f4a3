namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>Why a question of an imported file was left out; the page says it in the trainer's language.</summary>
public enum ImportProblemKind
{
    /// <summary>No "{…}" answer block: a description, not a question.</summary>
    NoAnswers,
    UnclosedAnswers,

    /// <summary>"{}": an essay, which needs a person to mark it.</summary>
    UnsupportedType,
    EmptyText,
    NoCorrectAnswer,

    /// <summary>Moodle asks for at least three pairs in a matching question.</summary>
    TooFewPairs,
    BadNumber,
    BadXml,
}

/// <param name="Number">The question's position in the file, from 1.</param>
/// <param name="Line">The line the question starts on.</param>
/// <param name="Detail">The piece of the file at fault (a question type, a number), when there is one.</param>
public sealed record ImportProblem(int Number, int Line, string? Name, ImportProblemKind Kind, string? Detail = null);

/// <summary>What a file would add to a bank: shown as a preview, saved only when the trainer confirms.</summary>
public sealed record QuestionImport(IReadOnlyList<Question> Questions, IReadOnlyList<ImportProblem> Problems);
