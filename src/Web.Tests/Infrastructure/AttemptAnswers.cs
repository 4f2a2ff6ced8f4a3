using System.Text.Json;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>Answers an attempt in the browser as a person who knows the answers would (learner quizzes and contests alike).</summary>
public static class AttemptAnswers
{
    /// <summary>The right answer to each question of an attempt, in the positions the learner sees (read from the bank, never from the page).</summary>
    public static async Task<Dictionary<long, (QuestionType Type, IReadOnlyList<string> Values)>> RightAnswersAsync(SiteFactory site, Guid attemptKey)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var state = (await scope.ServiceProvider.GetRequiredService<QuizService>().GetStateAsync(attemptKey))!;
        var ids = state.View.Questions.Select(q => q.QuestionId).ToList();
        var bodies = await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().BankQuestions.Where(q => ids.Contains(q.Id))
            .ToDictionaryAsync(q => q.Id, q => JsonSerializer.Deserialize<QuestionBody>(q.BodyJson, new JsonSerializerOptions(JsonSerializerDefaults.Web))!);
        return state.View.Questions.ToDictionary(q => q.QuestionId, q => (q.Type, bodies[q.QuestionId] switch
        {
            ChoiceBody choice => (IReadOnlyList<string>)choice.Choices.Where(c => c.Fraction > 0).Select(c => q.Options.ToList().IndexOf(c.Text).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            TrueFalseBody trueFalse => [trueFalse.Correct ? "true" : "false"],
            ShortAnswerBody shortAnswer => [shortAnswer.Answers.First(a => a.Fraction == 1).Text],
            NumericalBody numerical => [numerical.Answers.First(a => a.Fraction == 1).Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            MatchingBody matching => matching.Pairs.Select(p => q.Options.ToList().IndexOf(p.Answer).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            var other => throw new InvalidOperationException($"No answer key for {other.GetType().Name} in this test."),
        }));
    }

    public static async Task AnswerAsync(IPage page, long questionId, (QuestionType Type, IReadOnlyList<string> Values) answer)
    {
        var question = $"fieldset[data-question='{questionId}']";
        switch (answer.Type)
        {
            case QuestionType.ShortAnswer or QuestionType.Numerical:
                await page.FillAsync($"{question} input", answer.Values[0]);
                await page.PressAsync($"{question} input", "Tab");
                break;
            case QuestionType.Matching:
                for (var prompt = 0; prompt < answer.Values.Count; prompt++)
                {
                    await page.SelectOptionAsync($"{question} select[name='cau-{questionId}-{prompt}']", answer.Values[prompt]);
                }

                break;
            default:
                foreach (var value in answer.Values)
                {
                    await page.CheckAsync($"{question} input[value='{value}']");
                }

                break;
        }

        // Saved means the newest revision came back from the server, not just the first of several clicks.
        await page.WaitForFunctionAsync("q => { const f = document.querySelector(q); return f.dataset.savedRevision === f.dataset.revision; }", question);
    }
}
