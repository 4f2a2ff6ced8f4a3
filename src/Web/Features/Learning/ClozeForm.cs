using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Training;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Learning;

/// <summary>
/// A Cloze question on the attempt page: its wording, cleaned as any question's, with a field where each placeholder
/// stands (a drop-down, radio buttons or check boxes, a box to type in), and the gaps read back from the form.
/// </summary>
public static class ClozeForm
{
    public static string Field(long questionId, int gap) => AttemptForm.MatchField(questionId, gap);

    public static IHtmlContent Render(QuestionTextRenderer renderer, AttemptQuestionView question, ClozeResponse? answer, IStringLocalizer<LearningText> text)
    {
        using var cleaned = new StringWriter();
        renderer.Render(question.Text, question.Format).WriteTo(cleaned, HtmlEncoder.Default);
        var blanks = (question.Blanks ?? []).ToDictionary(b => b.Number);
        var html = new StringBuilder();
        foreach (var (wording, gap) in ClozeText.Pieces(cleaned.ToString()))
        {
            html.Append(wording);
            if (gap is { } number && blanks.TryGetValue(number, out var blank))
            {
                html.Append(Control(renderer, question, blank, answer?.Gaps.GetValueOrDefault(number), text));
            }
        }

        return new HtmlString(html.ToString());
    }

    public static bool Answered(AttemptQuestionView question, IFormCollection form) =>
        (question.Blanks ?? []).Any(b => form[Field(question.QuestionId, b.Number)].Any(v => !string.IsNullOrEmpty(v)));

    public static ClozeResponse Read(AttemptQuestionView question, IFormCollection form)
    {
        var gaps = new Dictionary<int, QuestionResponse>();
        foreach (var blank in question.Blanks ?? [])
        {
            var values = form[Field(question.QuestionId, blank.Number)].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            if (values.Count == 0)
            {
                continue;
            }

            gaps[blank.Number] = blank.Kind is QuestionType.SingleChoice or QuestionType.MultipleChoice
                ? new ChoiceResponse(values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).Where(i => i >= 0 && i < blank.Options.Count).ToHashSet())
                : new TextResponse(values[^1].Length > 200 ? values[^1][..200] : values[^1]);
        }

        return new ClozeResponse(gaps);
    }

    /// <summary>What was given in one gap, as the review writes it: the choices' text or what was typed.</summary>
    public static string? Given(ClozeBlank blank, QuestionResponse? given, TextFormat format) => given switch
    {
        ChoiceResponse { Selected.Count: > 0 } chosen => string.Join(", ", chosen.Selected.Where(i => i < blank.Options.Count).Select(i => FormattedText.ToPlain(blank.Options[i], format))),
        TextResponse { Text.Length: > 0 } typed => typed.Text,
        _ => null,
    };

    private static string Control(QuestionTextRenderer renderer, AttemptQuestionView question, ClozeBlank blank, QuestionResponse? given, IStringLocalizer<LearningText> text)
    {
        var name = Field(question.QuestionId, blank.Number);
        var label = Attribute(text["ClozeGap", blank.Number]);
        switch (blank.Kind)
        {
            case QuestionType.SingleChoice when blank.Layout == ClozeLayout.DropDown:
                var selected = (given as ChoiceResponse)?.Selected ?? [];
                var select = new StringBuilder($"<select class=\"cloze-gap\" name=\"{name}\" aria-label=\"{label}\"><option value=\"\">{HtmlEncoder.Default.Encode(text["ChooseOne"])}</option>");
                for (var i = 0; i < blank.Options.Count; i++)
                {
                    select.Append(CultureInfo.InvariantCulture, $"<option value=\"{i}\"{(selected.Contains(i) ? " selected" : "")}>{HtmlEncoder.Default.Encode(FormattedText.ToPlain(blank.Options[i], question.Format))}</option>");
                }

                return select.Append("</select>").ToString();
            case QuestionType.SingleChoice or QuestionType.MultipleChoice:
                var chosen = (given as ChoiceResponse)?.Selected ?? [];
                var kind = blank.Kind == QuestionType.MultipleChoice ? "checkbox" : "radio";
                var choices = new StringBuilder($"<span class=\"cloze-choices {(blank.Layout == ClozeLayout.Horizontal ? "horizontal" : "vertical")}\" role=\"group\" aria-label=\"{label}\">");
                for (var i = 0; i < blank.Options.Count; i++)
                {
                    using var option = new StringWriter();
                    renderer.Render(blank.Options[i], question.Format).WriteTo(option, HtmlEncoder.Default);
                    choices.Append(CultureInfo.InvariantCulture, $"<label class=\"choice\"><input type=\"{kind}\" name=\"{name}\" value=\"{i}\"{(chosen.Contains(i) ? " checked" : "")}> <span class=\"rich\">{option}</span></label>");
                }

                return choices.Append("</span>").ToString();
            default:
                var typed = Attribute((given as TextResponse)?.Text ?? "");
                var mode = blank.Kind == QuestionType.Numerical ? "decimal" : "text";
                return $"<input class=\"cloze-gap\" name=\"{name}\" value=\"{typed}\" inputmode=\"{mode}\" autocomplete=\"off\" size=\"10\" aria-label=\"{label}\">";
        }
    }

    private static string Attribute(string value) => HtmlEncoder.Default.Encode(value);
}
