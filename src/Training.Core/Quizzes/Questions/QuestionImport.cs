namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>Why a question of an imported file was left out; the page says it in the trainer's language.</summary>
public enum ImportProblemKind
{
    UnclosedAnswers,

    /// <summary>A question type not taken (Moodle's cloze, calculated…); the detail is the type.</summary>
    UnsupportedType,
    EmptyText,
    NoCorrectAnswer,

    /// <summary>Moodle asks a matching question for at least two prompts and three answers; the detail is "prompts/answers".</summary>
    TooFewPairs,
    BadNumber,
    BadXml,

    /// <summary>A Moodle XML &lt;file&gt; whose base64 does not decode, or that has no name.</summary>
    BadFile,

    /// <summary>A file embedded in the question that the site does not take as a picture.</summary>
    NotAnImage,

    /// <summary>The wording shows "@@PLUGINFILE@@/name" and the question carries no file of that name.</summary>
    MissingFile,

    /// <summary>A grade that is not one of Moodle's fractions (33% instead of 33.33333%); the detail is the grade.</summary>
    GradeNotAllowed,

    /// <summary>No answer is worth 100%, so nobody can earn the whole mark; the detail is the best grade.</summary>
    NoFullMarks,

    /// <summary>The positive grades of a multiple-response question do not add up to 100%; the detail is their sum.</summary>
    GradesDoNotAddUp,

    /// <summary>A matching prompt without its answer; the detail is the prompt.</summary>
    PromptWithoutAnswer,

    /// <summary>A Word file that cannot be opened (not a .docx, or damaged).</summary>
    BadWordFile,

    /// <summary>An essay whose fewest words are more than its most words; the detail is "fewest/most".</summary>
    WordLimitsCrossed,

    /// <summary>A Cloze question with a gap Moodle would not read ("{1:NUMERICAL:=abc}"), or with no gap at all; the detail is the gap.</summary>
    BadCloze,

    /// <summary>A Word question whose right choice is neither marked (underlined, red, bold) nor in the answer table.</summary>
    UnmarkedAnswer,
}

/// <param name="Number">The question's position in the file, from 1.</param>
/// <param name="Line">The line the question starts on.</param>
/// <param name="Detail">The piece of the file at fault (a question type, a number), when there is one.</param>
public sealed record ImportProblem(int Number, int Line, string? Name, ImportProblemKind Kind, string? Detail = null);

/// <summary>A picture that came inside an imported question (Moodle XML's base64 &lt;file&gt;).</summary>
/// <param name="Question">The question's index in <see cref="QuestionImport.Questions"/>.</param>
/// <param name="Name">Its path in the question's files ("hinh.png", "sub/hinh.png"), as the wording refers to it after "@@PLUGINFILE@@/".</param>
public sealed record EmbeddedFile(int Question, string Name, byte[] Content);

/// <summary>
/// What a file would add to a bank: shown as a preview, saved only when the trainer confirms. The questions'
/// wording still points at their <paramref name="Files"/> as "@@PLUGINFILE@@/name" until
/// <see cref="MoodleXmlFormat.LinkFiles"/> gives each its address where it is stored.
/// </summary>
public sealed record QuestionImport(IReadOnlyList<Question> Questions, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<EmbeddedFile>? Files = null)
{
    public IReadOnlyList<EmbeddedFile> Files { get; } = Files ?? [];
}
