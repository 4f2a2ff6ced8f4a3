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

    /// <summary>Text (and pictures) with no answer: Moodle's description item. Kept in a bank, never drawn as a question.</summary>
    Description,

    /// <summary>A written answer (phần tự luận) that people mark: a contest's jury, or a course's training manager.</summary>
    Essay,

    /// <summary>Embedded answers (Moodle's Cloze): gaps in the text, each a drop-down, choices, a short answer or a number.</summary>
    Cloze,
}

/// <summary>A question of a bank, in Moodle's model: text, a body that decides the type, general feedback.</summary>
/// <param name="Category">Slash-separated category path ("Luật Trẻ em/Quyền của trẻ"), as Moodle's $CATEGORY.</param>
/// <param name="Format">How the wording is written; see <see cref="TextFormat"/> for which pieces it covers.</param>
/// <param name="Settings">Moodle's other settings of a question (mark, tags, hints…); the defaults when null.</param>
public sealed record Question(string Category, string Name, string Text, QuestionBody Body, string? Feedback = null, TextFormat Format = TextFormat.Plain, QuestionSettings? Settings = null)
{
    public QuestionSettings Settings { get; init; } = Settings ?? QuestionSettings.Default;

    public QuestionType Type => Body.Type;

    /// <summary>
    /// The question with every piece written in <see cref="Format"/> passed through <paramref name="map"/> (text, choices,
    /// matching prompts, feedback, hints); accepted short answers and matching answers, plain in every format, are left alone.
    /// </summary>
    public Question MapWording(Func<string, string> map)
    {
        string? Optional(string? text) => text is null ? null : map(text);
        Choice Answer(Choice choice, bool wordedText) => choice with { Text = wordedText ? map(choice.Text) : choice.Text, Feedback = Optional(choice.Feedback) };
        return this with
        {
            Text = map(Text),
            Feedback = Optional(Feedback),
            Settings = Settings with { Hints = Settings.Hints.Select(h => h with { Text = map(h.Text) }).ToList() },
            Body = Body switch
            {
                ChoiceBody choice => choice with { Choices = choice.Choices.Select(c => Answer(c, wordedText: true)).ToList() },
                ShortAnswerBody text => text with { Answers = text.Answers.Select(a => Answer(a, wordedText: false)).ToList() },
                TrueFalseBody truth => truth with { FeedbackWhenWrong = Optional(truth.FeedbackWhenWrong), FeedbackWhenRight = Optional(truth.FeedbackWhenRight) },
                MatchingBody matching => matching with { Pairs = matching.Pairs.Select(p => p with { Prompt = map(p.Prompt) }).ToList() },
                NumericalBody numbers => numbers with { Answers = numbers.Answers.Select(n => n with { Feedback = Optional(n.Feedback) }).ToList() },
                DescriptionBody description => description,
                EssayBody essay => essay with { MarkingGuide = Optional(essay.MarkingGuide) },
                // A gap's choices are wording; its accepted answers and numbers are compared as typed.
                ClozeBody cloze => cloze with
                {
                    Gaps = cloze.Gaps.Select(g => g with
                    {
                        Body = g.Body switch
                        {
                            ChoiceBody choice => choice with { Choices = choice.Choices.Select(c => Answer(c, wordedText: true)).ToList() },
                            ShortAnswerBody text => text with { Answers = text.Answers.Select(a => Answer(a, wordedText: false)).ToList() },
                            NumericalBody numbers => numbers with { Answers = numbers.Answers.Select(n => n with { Feedback = Optional(n.Feedback) }).ToList() },
                            var other => other,
                        },
                    }).ToList(),
                },
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
[JsonDerivedType(typeof(DescriptionBody), "description")]
[JsonDerivedType(typeof(EssayBody), "essay")]
[JsonDerivedType(typeof(ClozeBody), "cloze")]
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

/// <param name="ExtraAnswers">
/// Answers that match no prompt (Moodle: a pair with an empty question), offered in every drop-down to make guessing
/// harder; null when there are none (and left out of the stored JSON, which stays as questions before them had it).
/// </param>
public sealed record MatchingBody(
    IReadOnlyList<MatchPair> Pairs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ExtraAnswers = null) : QuestionBody
{
    public override QuestionType Type => QuestionType.Matching;

    /// <summary>What a drop-down offers, by stored index: the pairs' answers, then the extra ones.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Options => [.. Pairs.Select(p => p.Answer), .. ExtraAnswers ?? []];
}

/// <param name="Answers">Accepted texts, each with its fraction; compared without regard to case or spacing.</param>
public sealed record ShortAnswerBody(IReadOnlyList<Choice> Answers, bool CaseSensitive = false) : QuestionBody
{
    public override QuestionType Type => QuestionType.ShortAnswer;
}

/// <summary>A number accepted within ± <see cref="Tolerance"/>.</summary>
/// <param name="Value">Null for Moodle's "*": any other number, usually with feedback for a wrong answer.</param>
public sealed record NumericAnswer(decimal? Value, decimal Tolerance, decimal Fraction, string? Feedback = null)
{
    public bool Matches(decimal number) => Value is not { } value || Math.Abs(number - value) <= Tolerance;
}

public sealed record NumericalBody(IReadOnlyList<NumericAnswer> Answers) : QuestionBody
{
    public override QuestionType Type => QuestionType.Numerical;
}

/// <summary>No answer: the question's text is all there is (see <see cref="QuestionType.Description"/>).</summary>
public sealed record DescriptionBody : QuestionBody
{
    /// <summary>How the stored JSON of a description begins (its type discriminator comes first), for queries that leave descriptions out.</summary>
    public const string JsonStart = "{\"kind\":\"description\"";

    public override QuestionType Type => QuestionType.Description;
}

/// <summary>An essay: written in a box, marked by people against <see cref="MarkingGuide"/> (Moodle's "information for graders").</summary>
/// <param name="MinWords">Fewest words the answer should have; null for no limit (Moodle's minwordlimit).</param>
/// <param name="MaxWords">Most words the answer may have; null for no limit (Moodle's maxwordlimit).</param>
/// <param name="AllowAttachment">The writer may add one file (a photo of a handwritten page, a drawing); Moodle's several attachments come in as one.</param>
/// <param name="MarkingGuide">What earns the marks, for the markers only (đáp án và hướng dẫn chấm); in the question's format.</param>
/// <param name="ResponseTemplate">Plain text the answer box starts with (an outline to fill in).</param>
public sealed partial record EssayBody(int? MinWords = null, int? MaxWords = null, bool AllowAttachment = false, string? MarkingGuide = null, string? ResponseTemplate = null) : QuestionBody
{
    /// <summary>How the stored JSON of an essay begins, for queries that find the essays of a bank.</summary>
    public const string JsonStart = "{\"kind\":\"essay\"";

    public override QuestionType Type => QuestionType.Essay;

    /// <summary>
    /// Words as Moodle counts them for its limits: runs of letters and digits, joined by apostrophes and hyphens, and a
    /// number's point or comma ("3,5") inside one. A Vietnamese syllable is a word, as "không quá 500 chữ" counts.
    /// </summary>
    public static int CountWords(string? text) => string.IsNullOrWhiteSpace(text) ? 0 : WordPattern().Count(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}'’\-]|(?<=\p{N})[.,](?=\p{N}))*")]
    private static partial System.Text.RegularExpressions.Regex WordPattern();
}

/// <summary>Embedded answers: the question's text holds a placeholder for each gap (see <see cref="ClozeText"/>); a gap's share of the mark is its weight over all the weights.</summary>
public sealed record ClozeBody(IReadOnlyList<ClozeGap> Gaps) : QuestionBody
{
    public override QuestionType Type => QuestionType.Cloze;

    [JsonIgnore]
    public int TotalWeight => Gaps.Sum(g => g.Weight);
}

/// <summary>A hint Moodle shows between tries in its interactive mode; kept for the export.</summary>
public sealed record QuestionHint(string Text, bool ShowNumCorrect = false, bool ClearWrong = false);

/// <summary>
/// A question's settings besides its wording and answers, as Moodle keeps them. The default mark weighs the question in
/// an attempt's total and <see cref="ShuffleAnswers"/> lets its choices be shuffled; the penalty and the hints belong to
/// Moodle's modes with several tries, which quizzes here do not have, so they are kept for the export only.
/// </summary>
/// <param name="IdNumber">The bank's own reference for the question (Moodle's "ID number"); the bank's list finds a question by it, or by a tag.</param>
public sealed record QuestionSettings(
    decimal DefaultMark = 1,
    decimal Penalty = QuestionSettings.DefaultPenalty,
    bool ShuffleAnswers = true,
    string? IdNumber = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<QuestionHint>? Hints = null)
{
    /// <summary>Moodle's default: a third of the mark lost per wrong try.</summary>
    public const decimal DefaultPenalty = 0.3333333m;

    public static QuestionSettings Default { get; } = new();

    public IReadOnlyList<string> Tags { get; init; } = Tags ?? [];

    public IReadOnlyList<QuestionHint> Hints { get; init; } = Hints ?? [];

    [JsonIgnore]
    public bool IsDefault => DefaultMark == 1 && Penalty == DefaultPenalty && ShuffleAnswers && IdNumber is null && Tags.Count == 0 && Hints.Count == 0;
}
