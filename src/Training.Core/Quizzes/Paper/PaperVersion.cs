using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Training.Quizzes.Paper;

/// <summary>
/// A printed version of a quiz (mã đề) for schools and communes without enough devices: its code and the plan it was
/// printed from (which questions, in which order, with the choices in which order), kept so that its key stays what was
/// printed whatever the bank becomes.
/// </summary>
public sealed class PaperVersion
{
    public long Id { get; set; }
    public int QuizId { get; set; }

    /// <summary>101, 102…: as Vietnamese exam papers number their versions.</summary>
    public int Code { get; set; }

    /// <summary>The <see cref="PlannedQuestion"/>s as JSON.</summary>
    public required string PlanJson { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>One question as a version prints it.</summary>
/// <param name="QuestionId">The question's id in its bank.</param>
/// <param name="Order">Printed position → index in the question's stored choices (or matching answers).</param>
/// <param name="Right">The printed positions of the right choices (A = 0); empty for a question answered in writing.</param>
/// <param name="Intro">Its category's description items, printed before it when it is the category's first question on the paper.</param>
public sealed record PrintedQuestion(int Number, long QuestionId, Question Question, IReadOnlyList<int> Order, IReadOnlyList<int> Right, IReadOnlyList<Question>? Intro = null);

public sealed record PrintedVersion(int Code, DateTime CreatedUtc, IReadOnlyList<PrintedQuestion> Questions);

/// <summary>The quiz a set of versions is printed from, with the rules its papers are marked by.</summary>
/// <param name="Key">The quiz's key: a contest round's quiz key, or the course's for its final quiz.</param>
public sealed record PaperQuiz(int QuizId, Guid Key, string Title, QuizDefinition Definition, IReadOnlyList<PrintedVersion> Versions)
{
    public TimeSpan? TimeLimit => Definition.TimeLimit;
}

public static class PaperKey
{
    /// <summary>
    /// The printed positions of the right choices: every choice that adds marks in multiple response, the best in single
    /// choice, "Đúng" (A) or "Sai" (B) for true/false; none for an answer to write.
    /// </summary>
    public static IReadOnlyList<int> Right(Question question, IReadOnlyList<int> order) => question.Body switch
    {
        ChoiceBody { Multiple: true } choice => order.Select((index, shown) => (index, shown)).Where(x => choice.Choices[x.index].Fraction > 0).Select(x => x.shown).ToList(),
        ChoiceBody choice => order.Select((index, shown) => (index, shown)).Where(x => choice.Choices[x.index].Fraction == choice.Choices.Max(c => c.Fraction)).Select(x => x.shown).ToList(),
        TrueFalseBody truth => [truth.Correct ? 0 : 1],
        _ => [],
    };

    /// <summary>The printed order of a Cloze gap's choices: as stored (a version shuffles its questions' choices, not a gap's).</summary>
    public static IReadOnlyList<int> GapOrder(QuestionBody gap) => Enumerable.Range(0, gap is ChoiceBody choice ? choice.Choices.Count : 0).ToList();

    /// <summary>"A", "B", "AC": the letters of printed positions.</summary>
    public static string Letters(IEnumerable<int> positions) => string.Concat(positions.Order().Select(p => (char)('A' + p)));
}

internal sealed class PaperVersionConfiguration : IEntityTypeConfiguration<PaperVersion>
{
    public void Configure(EntityTypeBuilder<PaperVersion> entity)
    {
        entity.ToTable("paperVersion");
        entity.HasIndex(v => new { v.QuizId, v.Code }).IsUnique();
    }
}
