using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Web.Features.Backoffice.Shell;

[Route("backoffice"), Authorize(Policy = BackofficePolicies.Staff)]
public sealed class DashboardController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View("~/Features/Backoffice/Shell/Dashboard.cshtml");
}
