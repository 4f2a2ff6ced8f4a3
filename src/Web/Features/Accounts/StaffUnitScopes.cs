using System.Security.Claims;
using ChildProtection.Training.Units;
using ChildProtection.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Web.Features.Accounts;

/// <summary>The unit subtree a signed-in staff user may see in training: read on every request, so a change applies at once.</summary>
public sealed class StaffUnitScopes(SiteDbContext staff, UnitDirectory units)
{
    private UnitScope? current;

    public async Task<UnitScope> ForAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (current is not null)
        {
            return current;
        }

        var name = user.Identity?.Name;
        var unitId = name is null ? null : await staff.Users.Where(u => u.UserName == name).Select(u => u.UnitId).SingleOrDefaultAsync(ct);
        current = unitId is null
            ? name is null ? UnitScope.Nothing : UnitScope.Everything
            : await units.FindAsync(unitId.Value, ct) is { } unit ? UnitScope.Under(unit) : UnitScope.Nothing;
        return current;
    }
}
