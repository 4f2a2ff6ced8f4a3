using System.Globalization;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>What a learner answered to one question.</summary>
[System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ChoiceResponse), "choice")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(TrueFalseResponse), "truefalse")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(MatchingResponse), "matching")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(TextResponse), "text")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ClozeResponse), "cloze")]
public abstract record QuestionResponse;

/// <param name="Selected">Indexes into the question's choices, in the order the question stores them (a set: repeats count once).</param>
public sealed record ChoiceResponse(IReadOnlyCollection<int> Selected) : QuestionResponse;

public sealed record TrueFalseResponse(bool Value) : QuestionResponse;

/// <param name="Matches">Pair index → index of the answer chosen for its prompt.</param>
public sealed record MatchingResponse(IReadOnlyDictionary<int, int> Matches) : QuestionResponse;

public sealed record TextResponse(string Text) : QuestionResponse;

/// <param name="Gaps">Gap number (from 1) → what was given in it: a choice (indexes into the gap's own choices) or text.</param>
public sealed record ClozeResponse(IReadOnlyDictionary<int, QuestionResponse> Gaps) : QuestionResponse;

/// <summary>The share of the mark earned (0 to 1) and the feedback to show once review allows it.</summary>
/// <param name="AwaitingMarks">An essay written and not marked yet: its share is 0 until people have marked it.</param>
public sealed record QuestionGrade(decimal Fraction, IReadOnlyList<string> Feedback, bool AwaitingMarks = false)
{
    public static QuestionGrade Zero { get; } = new(0, []);

    // Moodle writes thirds as 33.33333%: three of them make a whole answer.
    public bool IsCorrect => Fraction >= 0.99999m;
}

/// <summary>Scores a response as Moodle scores its question types.</summary>
public static class QuestionGrader
{
    /// <param name="marked">An essay's share as its markers decided it; null while it is not marked.</param>
    public static QuestionGrade Grade(QuestionBody body, QuestionResponse? response, decimal? marked = null) => (body, response) switch
    {
        (EssayBody, TextResponse written) when written.Text.Trim().Length > 0 => marked is { } share ? new QuestionGrade(Clamp(share), []) : new QuestionGrade(0, [], AwaitingMarks: true),
        (ChoiceBody { Multiple: false } choice, ChoiceResponse chosen) when chosen.Selected.Distinct().Count() == 1 => Single(choice, chosen.Selected.First()),
        (ChoiceBody { Multiple: true } choice, ChoiceResponse chosen) => Multiple(choice, chosen),
        (TrueFalseBody truth, TrueFalseResponse answer) => answer.Value == truth.Correct
            ? new QuestionGrade(1, Present(truth.FeedbackWhenRight))
            : new QuestionGrade(0, Present(truth.FeedbackWhenWrong)),
        (MatchingBody matching, MatchingResponse matches) => Matching(matching, matches),
        (ClozeBody cloze, ClozeResponse given) => Cloze(cloze, given),
        (ShortAnswerBody text, TextResponse answer) when answer.Text.Trim().Length > 0
            && FirstMatch(text.Answers, a => ShortAnswerPattern.Matches(a.Text, answer.Text, text.CaseSensitive)) is { } hit
            => new QuestionGrade(Clamp(hit.Fraction), Present(hit.Feedback)),
        (NumericalBody number, TextResponse answer) when TryParseNumber(answer.Text, out var value)
            && FirstMatch(number.Answers, a => a.Matches(value)) is { } hit
            => new QuestionGrade(Clamp(hit.Fraction), Present(hit.Feedback)),
        _ => QuestionGrade.Zero,
    };

    /// <summary>Reads "3,5" (Vietnamese) and "3.5" alike; thousands separators are not accepted, so "1.000" is one.</summary>
    public static bool TryParseNumber(string text, out decimal value) =>
        decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    private static QuestionGrade Single(ChoiceBody question, int index) =>
        index >= 0 && index < question.Choices.Count
            ? new QuestionGrade(Clamp(question.Choices[index].Fraction), Present(question.Choices[index].Feedback))
            : QuestionGrade.Zero;

    private static QuestionGrade Multiple(ChoiceBody question, ChoiceResponse response)
    {
        var chosen = response.Selected.Distinct().Where(i => i >= 0 && i < question.Choices.Count).Select(i => question.Choices[i]).ToList();
        return new QuestionGrade(Clamp(chosen.Sum(c => c.Fraction)), chosen.Select(c => c.Feedback).OfType<string>().ToList());
    }

    /// <summary>Each prompt's share: right when the answer chosen reads as its own (two prompts may share an answer text).</summary>
    private static QuestionGrade Matching(MatchingBody matching, MatchingResponse response)
    {
        var options = matching.Options;
        var right = matching.Pairs.Where((pair, i) => response.Matches.TryGetValue(i, out var chosen) && chosen >= 0 && chosen < options.Count && options[chosen] == pair.Answer).Count();
        return new QuestionGrade(matching.Pairs.Count == 0 ? 0 : (decimal)right / matching.Pairs.Count, []);
    }

    /// <summary>Each gap graded as its own question, weighed by its weight; the feedback of every gap that has some.</summary>
    private static QuestionGrade Cloze(ClozeBody cloze, ClozeResponse response)
    {
        var grades = cloze.Gaps.Select((gap, i) => (gap.Weight, Grade: Grade(gap.Body, response.Gaps.GetValueOrDefault(i + 1)))).ToList();
        var total = cloze.TotalWeight;
        return new QuestionGrade(total == 0 ? 0 : Clamp(grades.Sum(g => g.Weight * g.Grade.Fraction) / total), grades.SelectMany(g => g.Grade.Feedback).ToList());
    }

    private static T? FirstMatch<T>(IEnumerable<T> answers, Func<T, bool> matches)
        where T : class => answers.FirstOrDefault(matches);

    private static decimal Clamp(decimal fraction) => Math.Clamp(fraction, 0, 1);

    private static IReadOnlyList<string> Present(string? feedback) => string.IsNullOrWhiteSpace(feedback) ? [] : [feedback];
}
