using ChildProtection.Cms.Media;
using ChildProtection.Training.Quizzes;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Learning;

/// <summary>
/// The file an essay's writer attaches, from the attempt page of the learner area or of a contest: a photo of a
/// handwritten page, a drawing or a PDF, judged by its content as the media library judges uploads (a picture loses its
/// GPS and camera details, a PDF with scripts is refused), and kept for the markers.
/// </summary>
public static class EssayAttachment
{
    /// <summary>A phone's photo of a page is 2–5 MB; a school's slow line should not carry more for one answer.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>Room for the rest of an attempt form sent with an essay's file: its answers, essays included.</summary>
    public const int FormAllowance = 512 * 1024;

    /// <summary>The form's file field of one essay.</summary>
    public static string Field(long questionId) => $"tep-{questionId}";

    /// <summary>Where the page shows what became of the file: kept for the next view of the attempt (the upload redirects back to it).</summary>
    public static string NoteKey(long questionId) => $"tep-{questionId}";

    /// <summary>Saves the attempt's answers the form carries, then the file; returns what to tell the writer beside the essay.</summary>
    public static async Task<string> SaveAsync(QuizService quizzes, AttemptState state, long questionId, HttpRequest request, IStringLocalizer<LearningText> text, CancellationToken ct)
    {
        await AttemptForm.SaveAllAsync(quizzes, state, request.Form, ct);
        if (request.Form.Files.GetFile(Field(questionId)) is not { Length: > 0 } file)
        {
            return text["EssayFileMissing"];
        }

        if (file.Length > MaxBytes)
        {
            return text["EssayFileTooLarge", MaxBytes / (1024 * 1024)];
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var (inspected, _) = MediaFileInspector.Inspect(buffer.ToArray(), new MediaOptions { MaxFileBytes = MaxBytes });
        if (inspected is null || inspected.Format == "svg")
        {
            return text["EssayFileNotTaken", file.FileName];
        }

        var name = Path.ChangeExtension(Path.GetFileName(file.FileName.Replace('\\', '/')), inspected.Extension);
        var saved = await quizzes.SaveAttachmentAsync(state.Attempt.Key, questionId, name, inspected.ContentType, inspected.Content, ct);
        return saved.Success ? text["EssayFileSaved", name] : text[$"Quiz{saved.Status}"];
    }
}
