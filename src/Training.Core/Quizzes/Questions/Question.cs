using System.Text.Json.Serialization;

namespace ChildProtection.Training.Quizzes.Questions;

public enum QuestionType
{
    SingleChoice,
    MultipleChoice,
    TrueFalse,
    Matching,
    ShortAnswer,
    Numerical,
}

/// <summary>A question of a bank, in Moodle's model: text, a body that decides the type, general feedback.</summary>
/// <param name="Category">Slash-separated category path ("Luật Trẻ em/Quyền của trẻ"), as Moodle's $CATEGORY.</param>
/// <param name="Format">How the wording is written; see <see cref="TextFormat"/> for which pieces it covers.</param>
public sealed record Question(string Category, string Name, string Text, QuestionBody Body, string? Feedback = null, TextFormat Format = TextFormat.Plain)
{
    public QuestionType Type => Body.Type;

    /// <summary>
    /// The question with every piece written in <see cref="Format"/> passed through <paramref name="map"/> (text, choices,
    /// matching prompts, feedback); accepted short answers and matching answers, plain in every format, are left alone.
    /// </summary>
    public Question MapWording(Func<string, string> map)
    {
        string? Optional(string? text) => text is null ? null : map(text);
        Choice Answer(Choice choice, bool wordedText) => choice with { Text = wordedText ? map(choice.Text) : choice.Text, Feedback = Optional(choice.Feedback) };
        return this with
        {
            Text = map(Text),
            Feedback = Optional(Feedback),
            Body = Body switch
            {
                ChoiceBody choice => choice with { Choices = choice.Choices.Select(c => Answer(c, wordedText: true)).ToList() },
                ShortAnswerBody text => text with { Answers = text.Answers.Select(a => Answer(a, wordedText: false)).ToList() },
                TrueFalseBody truth => truth with { FeedbackWhenWrong = Optional(truth.FeedbackWhenWrong), FeedbackWhenRight = Optional(truth.FeedbackWhenRight) },
                MatchingBody matching => matching with { Pairs = matching.Pairs.Select(p => p with { Prompt = map(p.Prompt) }).ToList() },
                NumericalBody numbers => numbers with { Answers = numbers.Answers.Select(n => n with { Feedback = Optional(n.Feedback) }).ToList() },
                _ => throw new NotSupportedException(Body.GetType().Name),
            },
        };
    }
}

/// <summary>
/// What a question asks for and how an answer is scored. Stored as JSON with a type discriminator, so a bank's
/// questions keep their shape without a table per type.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ChoiceBody), "choice")]
[JsonDerivedType(typeof(TrueFalseBody), "truefalse")]
[JsonDerivedType(typeof(MatchingBody), "matching")]
[JsonDerivedType(typeof(ShortAnswerBody), "shortanswer")]
[JsonDerivedType(typeof(NumericalBody), "numerical")]
public abstract record QuestionBody
{
    [JsonIgnore]
    public abstract QuestionType Type { get; }
}

/// <summary>An answer with its share of the mark (1 = all of it; negative takes marks away in multiple choice).</summary>
public sealed record Choice(string Text, decimal Fraction, string? Feedback = null)
{
    public bool IsCorrect => Fraction > 0;
}

/// <param name="Multiple">More than one answer may be chosen (Moodle's multichoice with single=false).</param>
public sealed record ChoiceBody(IReadOnlyList<Choice> Choices, bool Multiple) : QuestionBody
{
    public override QuestionType Type => Multiple ? QuestionType.MultipleChoice : QuestionType.SingleChoice;
}

public sealed record TrueFalseBody(bool Correct, string? FeedbackWhenWrong = null, string? FeedbackWhenRight = null) : QuestionBody
{
    public override QuestionType Type => QuestionType.TrueFalse;
}

public sealed record MatchPair(string Prompt, string Answer);

public sealed record MatchingBody(IReadOnlyList<MatchPair> Pairs) : QuestionBody
{
    public override QuestionType Type => QuestionType.Matching;
}

/// <param name="Answers">Accepted texts, each with its fraction; compared without regard to case or spacing.</param>
public sealed record ShortAnswerBody(IReadOnlyList<Choice> Answers, bool CaseSensitive = false) : QuestionBody
{
    public override QuestionType Type => QuestionType.ShortAnswer;
}

/// <summary>A number accepted within ± <see cref="Tolerance"/>.</summary>
public sealed record NumericAnswer(decimal Value, decimal Tolerance, decimal Fraction, string? Feedback = null);

public sealed record NumericalBody(IReadOnlyList<NumericAnswer> Answers) : QuestionBody
{
    public override QuestionType Type => QuestionType.Numerical;
}
