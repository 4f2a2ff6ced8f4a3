using System.Text.Encodings.Web;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ChildProtection.Web.Features.Training;

/// <summary>
/// <c>&lt;question-text text="…" format="…" /&gt;</c>: a piece of a question's wording through
/// <see cref="QuestionTextRenderer"/>, in a <c>&lt;span class="rich"&gt;</c> (it sits in legends, labels and list items).
/// </summary>
[HtmlTargetElement("question-text", TagStructure = TagStructure.WithoutEndTag)]
public sealed class QuestionTextTagHelper(QuestionTextRenderer renderer) : TagHelper
{
    public string? Text { get; set; }

    public TextFormat Format { get; set; }

    /// <summary>Show pictures given as data: URLs: only for the import preview, whose pictures are not stored yet.</summary>
    public bool InlinePictures { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("rich", HtmlEncoder.Default);
        output.Content.SetHtmlContent(renderer.Render(Text, Format, InlinePictures));
    }
}
