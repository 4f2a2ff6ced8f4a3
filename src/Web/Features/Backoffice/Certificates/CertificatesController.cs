using ChildProtection.Training.Learning;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Learning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using CertificateRegistry = ChildProtection.Training.Learning.Certificates;

namespace ChildProtection.Web.Features.Backoffice.Certificates;

public sealed record CertificatesViewModel(string? Code, Certificate? Certificate, string? Message = null, string? Error = null);

/// <summary>
/// Training managers look a certificate up by its code and revoke one issued in error (with the reason); a manager of a
/// unit sees only certificates of learners in that part of the tree, as in the reports.
/// </summary>
[Route("backoffice/chung-nhan"), Authorize(Policy = BackofficePolicies.ManageTraining)]
public sealed class CertificatesController(CertificateRegistry certificates, StaffUnitScopes scopes, IStringLocalizer<LearningText> text) : Controller
{
    private const string PageView = "~/Features/Backoffice/Certificates/Index.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "ma")] string? code, CancellationToken ct) =>
        View(PageView, new CertificatesViewModel(code, string.IsNullOrWhiteSpace(code) ? null : await certificates.FindWithinAsync(await scopes.ForAsync(User, ct), code, ct)));

    [HttpPost("thu-hoi"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Revoke([FromForm(Name = "ma")] string? code, [FromForm(Name = "ly-do")] string? reason, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(User, ct);
        var status = await certificates.RevokeAsync(scope, code ?? "", User.Identity!.Name!, reason, ct);
        if (status != CertificateStatus.Success)
        {
            Response.StatusCode = status == CertificateStatus.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        }

        var certificate = await certificates.FindWithinAsync(scope, code, ct);
        return View(PageView, status == CertificateStatus.Success
            ? new CertificatesViewModel(code, certificate, Message: text["CertificateRevokedDone"])
            : new CertificatesViewModel(code, certificate, Error: text[$"Certificate{status}", code ?? ""]));
    }
}
