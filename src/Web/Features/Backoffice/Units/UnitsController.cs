using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Backoffice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Units;

/// <param name="Problems">Row → what is wrong with it, in the reader's language.</param>
/// <param name="Scope">The part of the tree the user works in: the page shows it; only staff of the whole tree import.</param>
public sealed record UnitsViewModel(IReadOnlyList<Unit> Units, UnitScope Scope, string? Message, IReadOnlyList<(int Row, string Problem)> Problems)
{
    public bool CanImport => Scope.Root is null;

    public IEnumerable<Unit> ChildrenOf(int? parentId) => Units.Where(u => u.ParentId == parentId).OrderBy(u => u.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false));
}

/// <summary>The unit tree (province → commune/ward → school, Youth Union → grassroots), imported from a spreadsheet.</summary>
[Route("backoffice/don-vi"), Authorize(Policy = BackofficePolicies.ManageTraining)]
public sealed class UnitsController(UnitDirectory units, UnitImporter importer, StaffUnitScopes scopes, IStringLocalizer<BackofficeText> text) : Controller
{
    private const string ViewPath = "~/Features/Backoffice/Units/Index.cshtml";
    private const long MaxFileBytes = 5 * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await PageAsync(null, [], ct);

    [HttpPost("nhap"), ValidateAntiForgeryToken, RequestSizeLimit(MaxFileBytes + 64 * 1024)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken ct)
    {
        if ((await scopes.ForAsync(User, ct)).Root is not null)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return await PageAsync(null, [(0, text["UnitImportWholeTreeOnly"].Value)], ct);
        }

        if (file is null || file.Length == 0)
        {
            return await Refuse([(0, text["UnitFileMissing"].Value)]);
        }

        if (file.Length > MaxFileBytes)
        {
            return await Refuse([(0, text["UnitFileTooLarge", MaxFileBytes / 1024 / 1024].Value)]);
        }

        await using var stream = file.OpenReadStream();
        var result = await importer.ImportAsync(stream, file.FileName, ct);
        if (!result.Success)
        {
            return await Refuse(result.Problems.Select(p => (p.Row, text[$"UnitProblem{p.Kind}", p.Value ?? ""].Value)).ToList());
        }

        return await PageAsync(text["UnitImported", result.Created, result.Updated], [], ct);
    }

    private async Task<IActionResult> Refuse(IReadOnlyList<(int Row, string Problem)> problems)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await PageAsync(text["UnitImportRefused"], problems, HttpContext.RequestAborted);
    }

    private async Task<IActionResult> PageAsync(string? message, IReadOnlyList<(int Row, string Problem)> problems, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(User, ct);
        return View(ViewPath, new UnitsViewModel(await units.WithinAsync(scope, ct), scope, message, problems));
    }
}
