using ChildProtection.Cms.Publishing;
using ChildProtection.Web.Features.Backoffice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Redirects;

public sealed record RedirectsViewModel(IReadOnlyList<RedirectView> Redirects, string? Message, string? Error, string? OldUrl = null, string? NewUrl = null);

/// <summary>Old addresses that answer 301 to a page's current one: recorded on renames and moves, added or removed by editors.</summary>
[Route("backoffice/chuyen-huong"), Authorize(Policy = BackofficePolicies.Publish)]
public sealed class RedirectsController(RedirectService redirects, IStringLocalizer<BackofficeText> text) : Controller
{
    private const string ViewPath = "~/Features/Backoffice/Redirects/Index.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(ViewPath, new RedirectsViewModel(await redirects.ListAsync(ct), null, null));

    [HttpPost("them"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Add([FromForm] string? oldUrl, [FromForm] string? newUrl, CancellationToken ct)
    {
        var status = string.IsNullOrWhiteSpace(oldUrl) || string.IsNullOrWhiteSpace(newUrl)
            ? RedirectStatus.TargetNotFound
            : await redirects.AddAsync(PathOf(oldUrl), PathOf(newUrl), ct);
        if (status != RedirectStatus.Success)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(ViewPath, new RedirectsViewModel(await redirects.ListAsync(ct), null, text[$"Redirect{status}"], oldUrl, newUrl));
        }

        return View(ViewPath, new RedirectsViewModel(await redirects.ListAsync(ct), text["RedirectAdded"], null));
    }

    [HttpPost("{id:int}/xoa"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        var deleted = await redirects.DeleteAsync(id, ct) == RedirectStatus.Success;
        return View(ViewPath, new RedirectsViewModel(await redirects.ListAsync(ct), deleted ? text["RedirectDeleted"].Value : null, deleted ? null : text["RedirectNotFound"].Value));
    }

    // Editors paste whole addresses ("https://…/to-gap/cu/"); the site keeps paths.
    private static string PathOf(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsolutePath : url.Trim();
}
