using System.Globalization;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Learning;

/// <summary>The form fields of one question in an attempt, and the response they make (in the positions shown).</summary>
public static class AttemptForm
{
    public static string Field(long questionId) => $"cau-{questionId}";

    public static string MatchField(long questionId, int prompt) => $"cau-{questionId}-{prompt}";

    public static bool Answered(AttemptQuestionView question, IFormCollection form) =>
        question.Type == QuestionType.Matching
            ? question.Prompts.Select((_, i) => form[MatchField(question.QuestionId, i)]).Any(v => !string.IsNullOrEmpty(v))
            : form[Field(question.QuestionId)].Any(v => !string.IsNullOrEmpty(v));

    public static QuestionResponse Read(AttemptQuestionView question, IFormCollection form)
    {
        var values = form[Field(question.QuestionId)].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        return question.Type switch
        {
            QuestionType.MultipleChoice or QuestionType.SingleChoice =>
                new ChoiceResponse(values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).Where(i => i >= 0).ToHashSet()),
            QuestionType.TrueFalse => new TrueFalseResponse(values.LastOrDefault() == "true"),
            QuestionType.Matching => new MatchingResponse(question.Prompts.Select((_, i) => (i, Value: form[MatchField(question.QuestionId, i)].ToString()))
                .Where(m => int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                .ToDictionary(m => m.i, m => int.Parse(m.Value, CultureInfo.InvariantCulture))),
            _ => new TextResponse(values.LastOrDefault() ?? ""),
        };
    }

    /// <summary>Saves whatever a submitted attempt form carries (the page works without script) before it is scored.</summary>
    public static async Task SaveAllAsync(QuizService quizzes, AttemptState state, IFormCollection form, CancellationToken ct)
    {
        if (state.IsOpen)
        {
            await quizzes.SaveAnswersAsync(state.Attempt.Key, state.View.Questions.Where(q => Answered(q, form)).ToDictionary(q => q.QuestionId, q => Read(q, form)), ct);
        }
    }

    /// <summary>
    /// Autosave of one answer; the browser's revision counter makes a replay or a late older save harmless.
    /// Null when there is no such attempt or the question is not one of the attempt's.
    /// </summary>
    public static async Task<IActionResult?> AutosaveAsync(QuizService quizzes, Guid attemptKey, long questionId, IFormCollection form, int revision, IStringLocalizer text, CancellationToken ct)
    {
        var result = await quizzes.SaveAnswerAsync(attemptKey, questionId, shown => Read(shown, form), revision, ct);
        return result.Status switch
        {
            AttemptStatus.Success or AttemptStatus.StaleRevision => new JsonResult(new { saved = true }),
            AttemptStatus.AttemptNotFound or AttemptStatus.QuestionNotInAttempt => null,
            _ => new ObjectResult(new { saved = false, message = text[$"Quiz{result.Status}"].Value }) { StatusCode = StatusCodes.Status409Conflict },
        };
    }
}
