using ChildProtection.Training.Learning;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Web.Features.Learning;

public sealed record CertificateCheckViewModel(string? Code, Certificate? Certificate);

/// <summary>
/// The public check of a certificate by its code (the QR code leads here): only the name, the course and the
/// date, so an employer can verify without seeing anything else about the learner.
/// </summary>
[Route("chung-nhan")]
public sealed class CertificateCheckController(Certificates certificates) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Find([FromQuery(Name = "ma")] string? code, CancellationToken ct) =>
        await PageAsync(code, ct);

    [HttpGet("{code}")]
    public async Task<IActionResult> Check(string code, CancellationToken ct) => await PageAsync(code, ct);

    private async Task<IActionResult> PageAsync(string? code, CancellationToken ct)
    {
        var certificate = string.IsNullOrWhiteSpace(code) ? null : await certificates.FindAsync(code, ct);
        if (!string.IsNullOrWhiteSpace(code) && certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        Response.Headers["X-Robots-Tag"] = "noindex";
        return View("~/Features/Learning/CertificateCheck.cshtml", new CertificateCheckViewModel(code, certificate));
    }
}
