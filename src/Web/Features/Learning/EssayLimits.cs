using ChildProtection.Training.Quizzes.Questions;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Learning;

/// <summary>An essay's word limits as a page writes them: "từ 100 đến 500 chữ", "không quá 300 chữ"; null when it has none.</summary>
public static class EssayLimits
{
    public static string? Describe(EssayBody essay, IStringLocalizer<LearningText> text) => Describe(essay.MinWords, essay.MaxWords, text);

    public static string? Describe(int? fewestWords, int? mostWords, IStringLocalizer<LearningText> text) => (fewestWords, mostWords) switch
    {
        ({ } fewest, { } most) => text["WordsBetween", fewest, most].Value,
        (null, { } most) => text["WordsAtMost", most].Value,
        ({ } fewest, null) => text["WordsAtLeast", fewest].Value,
        _ => null,
    };
}
