using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Schema;
using ChildProtection.Web.Features.Backoffice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.RecycleBin;

public sealed record RecycleBinViewModel(IReadOnlyList<ContentDocument> Items, ContentSchema Schema, string Culture, string? Message, string? Error);

/// <summary>Deleted pages wait here: restored to where they were, or deleted for good when the bin is emptied.</summary>
[Route("backoffice/thung-rac"), Authorize(Policy = BackofficePolicies.Publish)]
public sealed class RecycleBinController(ContentService content, ContentSchema schema, IOptions<CmsOptions> cms, IStringLocalizer<BackofficeText> text) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await PageAsync(null, null, ct);

    [HttpPost("{key:guid}/khoi-phuc"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Restore(Guid key, CancellationToken ct)
    {
        var result = await content.RestoreAsync(key, User.Identity!.Name!, ct);
        return result.Success
            ? await PageAsync(text["RecycleBinRestored"], null, ct)
            : await PageAsync(null, text[$"Content{result.Status}"], ct, StatusCodes.Status400BadRequest);
    }

    [HttpPost("don-sach"), ValidateAntiForgeryToken]
    public async Task<IActionResult> EmptyBin(CancellationToken ct)
    {
        var count = await content.EmptyRecycleBinAsync(User.Identity!.Name!, ct);
        return await PageAsync(text["RecycleBinEmptied", count], null, ct);
    }

    private async Task<IActionResult> PageAsync(string? message, string? error, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        Response.StatusCode = status;
        return View("~/Features/Backoffice/RecycleBin/Index.cshtml", new RecycleBinViewModel(await content.GetRecycleBinAsync(ct), schema, cms.Value.DefaultCulture, message, error));
    }
}
