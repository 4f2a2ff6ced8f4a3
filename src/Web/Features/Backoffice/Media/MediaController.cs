using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Media;
using ChildProtection.Web.Features.Backoffice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Media;

/// <summary>One uploaded file's outcome, for the page and for the upload script.</summary>
public sealed record UploadOutcome(string FileName, bool Stored, string Message, Guid? Key);

public sealed record MediaFolderViewModel(MediaItem? Folder, IReadOnlyList<MediaItem> Ancestors, IReadOnlyList<MediaItem> Items, IReadOnlyList<UploadOutcome> Uploads, string? Message = null, string? Error = null);

public sealed record MediaItemViewModel(MediaItem Item, IReadOnlyList<MediaItem> Ancestors, IReadOnlyList<string> Cultures, bool CanDelete, string? PreviewUrl, IReadOnlyList<CropPreview> Crops, string? Message = null, string? Error = null);

/// <summary>A named crop of the picture as pages will show it, drawn small.</summary>
public sealed record CropPreview(ImageCrop Crop, string Url, int Width, int Height);

public sealed record MediaPickerViewModel(MediaItem? Folder, IReadOnlyList<MediaItem> Items, string? Query);

/// <summary>The media section: folders, uploads (several at once), alternative text per culture, replacing a file, the picker.</summary>
[Route("backoffice/media"), Authorize(Policy = BackofficePolicies.Write)]
public sealed class MediaController(
    MediaService media,
    ImageUrlSigner signer,
    ImageCrops crops,
    IOptions<CmsOptions> cms,
    IOptions<MediaOptions> options,
    IAuthorizationService authorization,
    IStringLocalizer<BackofficeText> text) : Controller
{
    // Form limits sit above the per-file limit so that MediaService, not Kestrel, refuses (with a clear message).
    private const long RequestLimit = 256L * 1024 * 1024;

    private const int PreviewWidth = 960;
    private const int CropPreviewWidth = 320;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "thu-muc")] Guid? folder, CancellationToken ct) =>
        await FolderPageAsync(folder, [], null, null, ct) ?? NotFound();

    [HttpPost("thu-muc"), ValidateAntiForgeryToken]
    public async Task<IActionResult> CreateFolder([FromQuery(Name = "thu-muc")] Guid? folder, [FromForm(Name = "ten")] string? name, CancellationToken ct)
    {
        var result = await media.CreateFolderAsync(folder, name, User.Identity!.Name!, ct);
        if (result.Success)
        {
            return Redirect($"/backoffice/media?thu-muc={result.Result!.Key}");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await FolderPageAsync(folder, [], null, Problem(result.Status, name ?? ""), ct) ?? NotFound();
    }

    /// <summary>Each file is checked and stored on its own: one refused file does not stop the others.</summary>
    [HttpPost("tai-len"), ValidateAntiForgeryToken, RequestSizeLimit(RequestLimit), RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Upload([FromQuery(Name = "thu-muc")] Guid? folder, CancellationToken ct)
    {
        var outcomes = new List<UploadOutcome>();
        var files = Request.Form.Files.GetFiles("tep");
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var result = await media.UploadAsync(folder, file.FileName, stream, User.Identity!.Name!, ct);
            outcomes.Add(new UploadOutcome(file.FileName, result.Success, result.Success ? text["MediaStored", file.FileName].Value : Problem(result.Status, file.FileName), result.Result?.Key));
        }

        if (files.Count == 0)
        {
            outcomes.Add(new UploadOutcome("", false, text["MediaNoFile"].Value, null));
        }

        Response.StatusCode = outcomes.All(o => o.Stored) ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        if (Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.Ordinal) == true))
        {
            return Json(outcomes);
        }

        return await FolderPageAsync(folder, outcomes, null, null, ct) ?? NotFound();
    }

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Item(Guid key, CancellationToken ct) =>
        await ItemPageAsync(key, null, null, ct) ?? NotFound();

    [HttpPost("{key:guid}/alt"), ValidateAntiForgeryToken]
    public async Task<IActionResult> AltText(Guid key, CancellationToken ct)
    {
        var texts = cms.Value.Cultures.ToDictionary(c => c, c => (string?)Request.Form[$"alt.{c}"].ToString());
        var result = await media.SetAltTextsAsync(key, texts, ct);
        return result.Success ? await ItemPageAsync(key, text["MediaAltSaved"], null, ct) ?? NotFound() : NotFound();
    }

    /// <summary>The focal point in percent from the left and from the top, as the form (or a click on the picture) sends it.</summary>
    [HttpPost("{key:guid}/tieu-diem"), ValidateAntiForgeryToken]
    public async Task<IActionResult> FocalPoint(Guid key, [FromForm] string? x, [FromForm] string? y, CancellationToken ct)
    {
        if (!TryPercent(x, out var left) || !TryPercent(y, out var top))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ItemPageAsync(key, null, text["MediaFocalPointInvalid"], ct) ?? NotFound();
        }

        var result = await media.SetFocalPointAsync(key, Cms.Media.FocalPoint.Create(left / 100, top / 100), ct);
        if (result.Status == MediaStatus.NotFound)
        {
            return NotFound();
        }

        Response.StatusCode = result.Success ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return await ItemPageAsync(key, result.Success ? text["MediaFocalPointSaved"].Value : null, result.Success ? null : text["MediaFocalPointInvalid"].Value, ct) ?? NotFound();
    }

    [HttpPost("{key:guid}/thay-tep"), ValidateAntiForgeryToken, RequestSizeLimit(RequestLimit), RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Replace(Guid key, CancellationToken ct)
    {
        if (Request.Form.Files.GetFile("tep") is not { } file)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ItemPageAsync(key, null, text["MediaNoFile"], ct) ?? NotFound();
        }

        await using var stream = file.OpenReadStream();
        var result = await media.ReplaceAsync(key, file.FileName, stream, ct);
        if (result.Status == MediaStatus.NotFound)
        {
            return NotFound();
        }

        Response.StatusCode = result.Success ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return await ItemPageAsync(key, result.Success ? text["MediaReplaced"].Value : null, result.Success ? null : Problem(result.Status, file.FileName), ct) ?? NotFound();
    }

    [HttpPost("{key:guid}/xoa"), Authorize(Policy = BackofficePolicies.Publish), ValidateAntiForgeryToken]
    public async Task<IActionResult> Delete(Guid key, CancellationToken ct)
    {
        var item = await media.GetAsync(key, ct);
        var result = await media.DeleteAsync(key, ct);
        if (result.Success)
        {
            return Redirect(item!.ParentId is null ? "/backoffice/media" : $"/backoffice/media?thu-muc={(await media.GetAncestorsAsync(item, ct))[^1].Key}");
        }

        if (result.Status == MediaStatus.NotFound)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        var problem = Problem(result.Status, item!.Name);
        return (item.IsFolder ? await FolderPageAsync(key, [], null, problem, ct) : await ItemPageAsync(key, null, problem, ct)) ?? NotFound();
    }

    /// <summary>The picker's list (a fragment the content editor's dialog loads): a folder's files, or a search.</summary>
    [HttpGet("chon")]
    public async Task<IActionResult> Picker([FromQuery(Name = "thu-muc")] Guid? folder, [FromQuery] string? q, [FromQuery(Name = "anh")] bool imagesOnly, CancellationToken ct)
    {
        var items = string.IsNullOrWhiteSpace(q)
            ? (await media.GetChildrenAsync(folder, ct)).Where(m => m.IsFolder || !imagesOnly || m.IsImage).ToList()
            : await media.FindAsync(q, imagesOnly, ct);
        var current = folder is null ? null : await media.GetAsync(folder.Value, ct);
        return PartialView("~/Features/Backoffice/Media/_Picker.cshtml", new MediaPickerViewModel(current, items, q));
    }

    private string Problem(MediaStatus status, string name) =>
        text[$"Media{status}", name, options.Value.MaxFileBytes / (1024 * 1024)];

    private async Task<IActionResult?> FolderPageAsync(Guid? folderKey, IReadOnlyList<UploadOutcome> uploads, string? message, string? error, CancellationToken ct)
    {
        MediaItem? folder = null;
        if (folderKey is not null && (folder = await media.GetAsync(folderKey.Value, ct)) is not { IsFolder: true })
        {
            return null;
        }

        var ancestors = folder is null ? [] : await media.GetAncestorsAsync(folder, ct);
        return View("~/Features/Backoffice/Media/Index.cshtml", new MediaFolderViewModel(folder, ancestors, await media.GetChildrenAsync(folderKey, ct), uploads, message, error));
    }

    private async Task<IActionResult?> ItemPageAsync(Guid key, string? message, string? error, CancellationToken ct)
    {
        if (await media.GetAsync(key, ct) is not { IsFolder: false } item)
        {
            return null;
        }

        var canDelete = (await authorization.AuthorizeAsync(User, BackofficePolicies.Publish)).Succeeded;
        var previewUrl = item.IsImage ? signer.Url(item, new ImageVariantQuery(Width: Math.Min(PreviewWidth, item.Width ?? PreviewWidth))) : null;
        var cropPreviews = item.IsImage
            ? crops.All.Select(c => CropPreviewOf(item, c)).ToList()
            : [];
        return View("~/Features/Backoffice/Media/Item.cshtml", new MediaItemViewModel(item, await media.GetAncestorsAsync(item, ct), cms.Value.Cultures, canDelete, previewUrl, cropPreviews, message, error));
    }

    private CropPreview CropPreviewOf(MediaItem item, ImageCrop crop)
    {
        var width = Math.Min(crop.Width, CropPreviewWidth);
        var url = signer.Url(item, new ImageVariantQuery(Width: width, Crop: crop.Alias, FocalPoint: item.FocalPoint));
        return new CropPreview(crop, url, width, (int)Math.Round((double)width * crop.Height / crop.Width));
    }

    private static bool TryPercent(string? text, out double value) =>
        double.TryParse(text?.Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value)
        && value is >= 0 and <= 100;
}
