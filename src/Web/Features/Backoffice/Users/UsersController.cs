using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Backoffice.Shell;
using ChildProtection.Web.Features.Backoffice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Users;

/// <param name="UnitCode">The unit the user works for; null for the whole province.</param>
public sealed record StaffRow(string Id, string Name, string Email, IReadOnlyList<string> Roles, bool TwoFactor, bool Locked, string? UnitCode, string? UnitName);

public sealed record UsersViewModel(IReadOnlyList<StaffRow> Users, string? Message, IReadOnlyList<string> Errors);

public sealed record NewStaffForm(string? DisplayName, string? Email, List<string>? Roles, string? UnitCode);

/// <summary>Staff users and their roles (Administrators only). A new user sets a password from an e-mailed link.</summary>
[Route("backoffice/nguoi-dung"), Authorize(Policy = BackofficePolicies.Administer)]
public sealed class UsersController(UserManager<StaffUser> users, UnitDirectory unitDirectory, PasswordLinkSender links, TimeProvider clock, IStringLocalizer<BackofficeText> text) : Controller
{
    private const string ViewPath = "~/Features/Backoffice/Users/Index.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index() => await PageAsync(null, []);

    [HttpPost("tao"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Create([FromForm] NewStaffForm form, CancellationToken ct)
    {
        var email = form.Email?.Trim() ?? "";
        var name = form.DisplayName?.Trim() ?? "";
        var roles = (form.Roles ?? []).Where(StaffRoles.All.Contains).ToList();
        if (name.Length == 0 || email.Length == 0 || roles.Count == 0)
        {
            return await PageAsync(null, [text["UserFormIncomplete"]], StatusCodes.Status400BadRequest);
        }

        var (unitFound, unitId) = await FindUnitAsync(form.UnitCode);
        if (!unitFound)
        {
            return await PageAsync(null, [text["StaffUnitUnknown", form.UnitCode!.Trim()]], StatusCodes.Status400BadRequest);
        }

        var user = new StaffUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true, UnitId = unitId };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return await PageAsync(null, created.Errors.Select(e => e.Description).ToList(), StatusCodes.Status400BadRequest);
        }

        await users.AddToRolesAsync(user, roles);
        await links.SendAsync(user, Request, newAccount: true, ct);
        return await PageAsync(text["UserCreated", email], []);
    }

    [HttpPost("{id}/vai-tro"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Roles(string id, [FromForm] List<string>? roles)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        var wanted = (roles ?? []).Where(StaffRoles.All.Contains).ToHashSet();
        var current = (await users.GetRolesAsync(user)).ToHashSet();
        if (current.Contains(StaffRoles.Administrator) && !wanted.Contains(StaffRoles.Administrator) && await IsLastAdministratorAsync(user))
        {
            return await PageAsync(null, [text["LastAdministrator"]], StatusCodes.Status400BadRequest);
        }

        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // Roles live in the sign-in cookie: a new stamp signs the user out everywhere, so new roles apply at once.
        await users.UpdateSecurityStampAsync(user);
        return await PageAsync(text["UserRolesSaved", user.Email!], []);
    }

    /// <summary>Ties the user to a unit (by its code), or to the whole province when the code is left empty.</summary>
    [HttpPost("{id}/don-vi"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Unit(string id, [FromForm(Name = "ma-don-vi")] string? unitCode)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        var (found, unitId) = await FindUnitAsync(unitCode);
        if (!found)
        {
            return await PageAsync(null, [text["StaffUnitUnknown", unitCode!.Trim()]], StatusCodes.Status400BadRequest);
        }

        user.UnitId = unitId;
        await users.UpdateAsync(user);
        return await PageAsync(text["StaffUnitSaved", user.Email!], []);
    }

    /// <summary>An empty code is found: it means the whole province.</summary>
    private async Task<(bool Found, int? UnitId)> FindUnitAsync(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return (true, null);
        }

        var trimmed = code.Trim();
        var id = await unitDirectory.FindIdAsync(trimmed);
        return (id is not null, id);
    }

    [HttpPost("{id}/khoa"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Lock(string id, [FromForm] bool locked)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        if (locked && await users.IsInRoleAsync(user, StaffRoles.Administrator) && await IsLastAdministratorAsync(user))
        {
            return await PageAsync(null, [text["LastAdministrator"]], StatusCodes.Status400BadRequest);
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        await users.UpdateSecurityStampAsync(user);
        return await PageAsync(text[locked ? "UserLocked" : "UserUnlocked", user.Email!], []);
    }

    private async Task<bool> IsLastAdministratorAsync(StaffUser user)
    {
        var now = clock.GetUtcNow();
        var active = (await users.GetUsersInRoleAsync(StaffRoles.Administrator)).Where(u => u.LockoutEnd is null || u.LockoutEnd <= now);
        return active.All(u => u.Id == user.Id);
    }

    private async Task<IActionResult> PageAsync(string? message, IReadOnlyList<string> errors, int status = StatusCodes.Status200OK)
    {
        var now = clock.GetUtcNow();
        var rows = new List<StaffRow>();
        var staff = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var unitIds = staff.Where(u => u.UnitId is not null).Select(u => u.UnitId!.Value).Distinct().ToList();
        var units = await unitDirectory.FindManyAsync(unitIds);
        foreach (var user in staff)
        {
            var unit = user.UnitId is { } unitId ? units.GetValueOrDefault(unitId) : null;
            rows.Add(new StaffRow(user.Id, user.DisplayName, user.Email ?? "", (await users.GetRolesAsync(user)).Order().ToList(), user.TwoFactorEnabled, user.LockoutEnd > now, unit?.Code, unit?.Name));
        }

        Response.StatusCode = status;
        return View(ViewPath, new UsersViewModel(rows, message, errors));
    }
}
