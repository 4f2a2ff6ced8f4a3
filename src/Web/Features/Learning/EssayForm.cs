using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Web.Features.Learning;

/// <summary>An essay's answer box read from a form.</summary>
public static class EssayForm
{
    /// <summary>Longer than any essay a contest asks for (a 2,000-word limit is about 12,000 characters); stops a pasted book, not a writer.</summary>
    public const int MaxCharacters = 30_000;

    /// <summary>
    /// The text as written, cut at <see cref="MaxCharacters"/>; the box's starting text left as it was is no answer (as
    /// Moodle takes an unchanged response template). Over a word limit it is kept all the same, for the markers to judge
    /// by the contest's rules, rather than lost.
    /// </summary>
    public static TextResponse Read(EssayBox box, string? value)
    {
        var text = (value ?? "").Replace("\r\n", "\n");
        text = text.Length > MaxCharacters ? text[..MaxCharacters] : text;
        return new TextResponse(box.Template is { } template && text.Trim() == template.Replace("\r\n", "\n").Trim() ? "" : text);
    }
}
