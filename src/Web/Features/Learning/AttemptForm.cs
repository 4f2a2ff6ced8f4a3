using System.Globalization;
using System.Text.Json.Serialization;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Learning;

/// <summary>An autosave's answer to the attempt page's script: saved, or refused for good with the reason.</summary>
public sealed record AutosaveAnswer(bool Saved, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

/// <summary>The form fields of one question in an attempt, and the response they make (in the positions shown).</summary>
public static class AttemptForm
{
    private const string RevisionField = "phien-ban";

    /// <summary>The view-data key of the attempt's questions' address ("/hoc-tap/bai-lam/{key}/cau/"), under which an essay's file is sent.</summary>
    public const string QuestionsAddress = "AttemptQuestionsAddress";

    public static string Field(long questionId) => $"cau-{questionId}";

    public static string MatchField(long questionId, int prompt) => $"cau-{questionId}-{prompt}";

    public static bool Answered(AttemptQuestionView question, IFormCollection form) =>
        question.Type == QuestionType.Cloze ? ClozeForm.Answered(question, form)
        : question.Type == QuestionType.Matching
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
            QuestionType.Essay => EssayForm.Read(question.Essay!, values.LastOrDefault()),
            QuestionType.Cloze => ClozeForm.Read(question, form),
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
    /// Autosave of one answer; the browser's revision counter makes a replay or a late older save harmless. No such
    /// attempt, or a question that is not one of the attempt's, answers with the feature's <paramref name="missing"/> page.
    /// </summary>
    public static async Task<Results<Ok<AutosaveAnswer>, Conflict<AutosaveAnswer>, ViewPageResult>> AutosaveAsync(
        QuizService quizzes, Guid attemptKey, long questionId, IFormCollection form, IStringLocalizer text, ViewPageResult missing, CancellationToken ct)
    {
        var result = await quizzes.SaveAnswerAsync(attemptKey, questionId, shown => Read(shown, form), Revision(form), ct);
        return result.Status switch
        {
            AttemptStatus.Success or AttemptStatus.StaleRevision => TypedResults.Ok(new AutosaveAnswer(true)),
            AttemptStatus.AttemptNotFound or AttemptStatus.QuestionNotInAttempt => missing,
            _ => TypedResults.Conflict(new AutosaveAnswer(false, text[$"Quiz{result.Status}"].Value)),
        };
    }

    /// <summary>The script's revision counter; missing or unreadable it is 0, as the controllers' model binding made it.</summary>
    private static int Revision(IFormCollection form) =>
        int.TryParse(form[RevisionField].FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var revision) ? revision : 0;
}
