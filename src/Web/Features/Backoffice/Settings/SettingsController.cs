using System.Text.RegularExpressions;
using ChildProtection.Web.Features.Backoffice;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Settings;

public sealed record SettingsForm(string? UnitName, string? UnitHotline, IReadOnlyList<string>? Errors = null, string? Message = null);

/// <summary>The unit's name and hotline shown on every public page (Administrators only).</summary>
[Route("backoffice/cai-dat"), Authorize(Policy = BackofficePolicies.Administer)]
public sealed partial class SettingsController(SiteSettings settings, IStringLocalizer<BackofficeText> text) : Controller
{
    private const string ViewPath = "~/Features/Backoffice/Settings/Index.cshtml";

    [HttpGet("")]
    public IActionResult Index() => View(ViewPath, new SettingsForm(settings.Current.UnitName, settings.Current.UnitHotline));

    [HttpPost(""), ValidateAntiForgeryToken]
    public async Task<IActionResult> Save([FromForm] SettingsForm form, CancellationToken ct)
    {
        var name = form.UnitName?.Trim() ?? "";
        var hotline = (form.UnitHotline ?? "").Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        var errors = new List<string>();
        if (name.Length is 0 or > 300)
        {
            errors.Add(text["SettingsUnitNameInvalid"]);
        }

        if (hotline.Length > 0 && !Hotline().IsMatch(hotline))
        {
            errors.Add(text["SettingsHotlineInvalid"]);
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(ViewPath, form with { Errors = errors });
        }

        await settings.SaveAsync(name, hotline.Length == 0 ? null : hotline, ct);
        return View(ViewPath, new SettingsForm(name, hotline, Message: text["SettingsSaved"]));
    }

    // As dialled: 3 to 15 digits (111, 18008079, 02363 123 456).
    [GeneratedRegex("^[0-9]{3,15}$")]
    private static partial Regex Hotline();
}
