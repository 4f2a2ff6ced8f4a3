using System.Net;
using System.Text.RegularExpressions;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>
/// How a question's wording is written: its text, choices, matching prompts and every feedback share one format.
/// Wording is kept as the trainer wrote it rather than turned into HTML on import: an export gives back what came in
/// ([markdown] stays markdown), questions stored before formats existed stay plain as they were, and what a page shows
/// is made safe when it is shown, by one renderer of the web layer, so a stricter rule there covers every stored
/// question at once. Accepted short answers and matching answers are always plain: they are compared as typed, and a
/// matching answer is an entry of a drop-down list.
/// </summary>
public enum TextFormat
{
    Plain,
    Html,
    Markdown,
}

/// <summary>Turning wording from one format into another, as imports need it.</summary>
public static partial class FormattedText
{
    /// <summary>What a reader would see, without markup: for names made from a question's text.</summary>
    public static string ToPlain(string text, TextFormat format) => format == TextFormat.Plain
        ? text
        : string.Join(' ', WebUtility.HtmlDecode(Tag().Replace(text, " ")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A question's default name: the start of what its text reads.</summary>
    public static string ShortName(string text, TextFormat format, int length = 60)
    {
        var plain = ToPlain(text, format).Trim();
        return plain.Length > length ? plain[..length] : plain;
    }

    /// <summary>Plain text as HTML that reads the same: markup characters escaped, line breaks kept.</summary>
    public static string PlainToHtml(string text) => LineBreaksToHtml(text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;"));

    /// <summary>Line breaks as &lt;br&gt; (Moodle's "auto format": HTML written where a new line means a new line).</summary>
    public static string LineBreaksToHtml(string html) => NewLine().Replace(html, "<br>\n");

    /// <summary>Plain text as Markdown that reads the same: every ASCII punctuation escaped (CommonMark allows it), line breaks kept.</summary>
    public static string PlainToMarkdown(string text) => NewLine().Replace(Punctuation().Replace(text, @"\$0"), "\\\n");

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\r?\n")]
    private static partial Regex NewLine();

    [GeneratedRegex(@"[!-/:-@\[-`{-~]")]
    private static partial Regex Punctuation();
}
