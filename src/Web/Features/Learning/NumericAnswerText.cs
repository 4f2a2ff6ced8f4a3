using System.Globalization;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Learning;

/// <summary>A numerical answer as a review or a bank's preview writes it: "3", "3 (± 0,5)" or "any other number".</summary>
public static class NumericAnswerText
{
    public static string Describe(NumericAnswer answer, IStringLocalizer<LearningText> text) => answer.Value switch
    {
        null => text["AnyOtherNumber"],
        { } value when answer.Tolerance > 0 => text["ReviewNumber", Number(value), Number(answer.Tolerance)],
        { } value => Number(value),
    };

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.CurrentCulture);
}
