using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ChildProtection.Cms.Media;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Learning;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.QuestionBanks;

/// <summary>The questions linked to their stored pictures, and the media items made for them; <see cref="Failed"/> names a picture the library refused.</summary>
public sealed record StoredPictures(IReadOnlyList<Question> Questions, IReadOnlyList<Guid> MediaKeys, string? Failed = null);

/// <summary>
/// The pictures of question banks, between the import formats and the media library (the training module knows
/// nothing of the library). Nothing is stored before the trainer confirms an import: the preview shows each picture
/// from the file itself, as a data: URL of the checked picture, and the confirmation reads the same file again, stores
/// its pictures in the media library (checked by their content, EXIF and GPS removed, as any upload) and links the
/// questions to them. Storing first and cleaning up after a refusal would leave files behind whenever a trainer
/// simply walks away from a preview. If the bank then fails to save, the pictures just stored are deleted again.
/// </summary>
public sealed partial class QuestionPictures(MediaService media, IOptions<MediaOptions> options, IStringLocalizer<LearningText> text)
{
    private readonly Dictionary<byte[], InspectedFile?> _inspected = new(ReferenceEqualityComparer.Instance);

    public QuestionImport Parse(BankFormat format, string source) =>
        format == BankFormat.MoodleXml ? MoodleXmlFormat.Parse(source, isPicture: IsPicture) : GiftFormat.Parse(source);

    public QuestionImport ParseWord(Stream docx) => WordFormat.Parse(docx, isPicture: IsPicture);

    private bool IsPicture(byte[] content) => Inspect(content) is not null;

    /// <summary>The questions as the preview shows them: each picture inline, from the file.</summary>
    public IReadOnlyList<Question> Preview(QuestionImport import) =>
        Link(import, file => Inspect(file.Content) is { } picture ? $"data:{picture.ContentType};base64,{Convert.ToBase64String(picture.Content)}" : "");

    /// <summary>
    /// Stores the import's pictures in the folder "Ngân hàng câu hỏi/{bank}" of the media library (a picture that comes
    /// several times is stored once) and links the questions to them. A refused picture removes those already stored.
    /// </summary>
    public async Task<StoredPictures> StoreAsync(string bankName, QuestionImport import, string userName, CancellationToken ct)
    {
        if (import.Files.Count == 0)
        {
            return new StoredPictures(import.Questions, []);
        }

        var stored = new Dictionary<string, MediaItem>(StringComparer.Ordinal);
        var addresses = new Dictionary<EmbeddedFile, string>();
        try
        {
            var folder = await FolderAsync(bankName, userName, ct);
            foreach (var file in import.Files)
            {
                var hash = Convert.ToHexString(SHA256.HashData(file.Content));
                if (!stored.TryGetValue(hash, out var item))
                {
                    using var content = new MemoryStream(file.Content);
                    var result = await media.UploadAsync(folder, Path.GetFileName(file.Name), content, userName, ct);
                    if (!result.Success)
                    {
                        await RemoveAsync(stored.Values.Select(i => i.Key).ToList());
                        return new StoredPictures([], [], file.Name);
                    }

                    stored[hash] = item = result.Result!;
                }

                addresses[file] = item.Url!;
            }
        }
        catch
        {
            await RemoveAsync(stored.Values.Select(i => i.Key).ToList());
            throw;
        }

        return new StoredPictures(Link(import, file => addresses[file]), stored.Values.Select(i => i.Key).ToList());
    }

    /// <summary>Deletes pictures stored for an import that was not saved after all.</summary>
    public async Task RemoveAsync(IReadOnlyList<Guid> mediaKeys)
    {
        foreach (var key in mediaKeys)
        {
            await media.DeleteAsync(key, CancellationToken.None);
        }
    }

    /// <summary>
    /// Questions for an export: the site's own pictures (/media/…) by their absolute address, so that Moodle or
    /// another site shows them from here; they are not embedded in the file again.
    /// </summary>
    public static IReadOnlyList<Question> ForExport(IEnumerable<Question> questions, string siteAddress) =>
        questions.Select(q => q.Format == TextFormat.Plain ? q : q.MapWording(wording => OwnPicture().Replace(wording, m => m.Groups[1].Value + siteAddress + "/media/"))).ToList();

    private static IReadOnlyList<Question> Link(QuestionImport import, Func<EmbeddedFile, string> address) =>
        import.Questions.Select((question, index) =>
        {
            var files = import.Files.Where(f => f.Question == index).ToDictionary(f => f.Name, StringComparer.Ordinal);
            return files.Count == 0 ? question : MoodleXmlFormat.LinkFiles(question, name => address(files[name]));
        }).ToList();

    /// <summary>
    /// What the media library would make of the file: a picture, EXIF removed; null for anything else (a PDF too). Kept
    /// for the request, by the file's bytes: the preview checks each picture while parsing and shows it right after, and
    /// checking decodes the whole picture.
    /// </summary>
    private InspectedFile? Inspect(byte[] content)
    {
        if (!_inspected.TryGetValue(content, out var picture))
        {
            _inspected[content] = picture = MediaFileInspector.Inspect(content, options.Value).File is { Format: not "pdf" } file ? file : null;
        }

        return picture;
    }

    private async Task<Guid> FolderAsync(string bankName, string userName, CancellationToken ct)
    {
        var banks = await ChildFolderAsync(null, text["BankMediaFolder"], userName, ct);
        return await ChildFolderAsync(banks, bankName, userName, ct);
    }

    private async Task<Guid> ChildFolderAsync(Guid? parent, string name, string userName, CancellationToken ct)
    {
        if ((await media.GetChildrenAsync(parent, ct)).FirstOrDefault(m => m.IsFolder && m.Name == name) is { } existing)
        {
            return existing.Key;
        }

        var created = await media.CreateFolderAsync(parent, name, userName, ct);
        return created.Result?.Key ?? throw new InvalidOperationException($"Media folder '{name}' could not be created: {created.Status}.");
    }

    /// <summary>A picture of the site's own library in HTML (src="/media/…") or Markdown (](/media/…)).</summary>
    [GeneratedRegex(@"(src\s*=\s*[""']|\]\()/media/")]
    private static partial Regex OwnPicture();
}
