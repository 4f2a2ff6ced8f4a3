using ChildProtection.Concerns.Reports;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Web.Features.Concerns;

/// <summary>
/// Who handles a report: the officers (cán bộ tiếp nhận) of the unit where it happened, or, where that unit has none,
/// of the nearest unit above it that has; a report that names no unit, or whose units up to the top have no officer,
/// goes to the province's officers (those tied to no unit). An officer sees the reports of their unit and every unit below.
/// </summary>
public sealed class ConcernRouting(SiteDbContext site, UnitDirectory units)
{
    /// <summary>The unit whose officers handle a report about <paramref name="placeUnitId"/>; null for the province's.</summary>
    public async Task<int?> ResponsibleUnitAsync(int? placeUnitId, CancellationToken ct = default)
    {
        if (placeUnitId is not { } id || await units.FindAsync(id, ct) is not { } place)
        {
            return null;
        }

        return await NearestWithOfficersAsync(PathOf(place), ct);
    }

    /// <summary>The unit above <paramref name="unitId"/> that has officers, for a report no one acknowledged in time; null for the province's.</summary>
    public async Task<int?> UnitAboveAsync(int unitId, CancellationToken ct = default) =>
        await units.FindAsync(unitId, ct) is { } unit ? await NearestWithOfficersAsync(PathOf(unit)[..^1], ct) : null;

    /// <summary>The e-mail addresses of the officers of <paramref name="unitId"/> (the province's for null).</summary>
    public async Task<IReadOnlyList<string>> OfficerAddressesAsync(int? unitId, CancellationToken ct = default) =>
        await Officers().Where(u => u.UnitId == unitId && u.Email != null).Select(u => u.Email!).ToListAsync(ct);

    /// <summary>
    /// Who is told of a report at <paramref name="unitId"/>: its officers, or, where there are none (only the province can
    /// have none, as a report goes to the nearest unit with some), the administrators, who must give someone the role.
    /// </summary>
    public async Task<(IReadOnlyList<string> Addresses, bool ToOfficers)> NoticeRecipientsAsync(int? unitId, CancellationToken ct = default)
    {
        var officers = await OfficerAddressesAsync(unitId, ct);
        return officers.Count > 0
            ? (officers, true)
            : (await InRole(StaffRoles.Administrator).Where(u => u.Email != null).Select(u => u.Email!).ToListAsync(ct), false);
    }

    /// <summary>
    /// The officers who see a report of <paramref name="unitId"/>: those of that unit and of every unit above it, and the
    /// province's; the case may be assigned to any of them.
    /// </summary>
    public async Task<IReadOnlyList<CaseColleague>> ColleaguesAsync(int? unitId, CancellationToken ct = default)
    {
        var path = unitId is { } id && await units.FindAsync(id, ct) is { } unit ? PathOf(unit) : [];
        return await Officers().Where(u => u.UnitId == null || path.Contains(u.UnitId.Value))
            .OrderBy(u => u.DisplayName)
            .Select(u => new CaseColleague(u.Id, u.DisplayName, u.Email))
            .ToListAsync(ct);
    }

    /// <summary>The reports an officer tied to <paramref name="unitId"/> may see: their unit and every unit below it.</summary>
    public async Task<CaseScope> ScopeAsync(int? unitId, CancellationToken ct = default)
    {
        if (unitId is not { } id)
        {
            return CaseScope.Everything;
        }

        // A unit that no longer exists leaves its officer nothing rather than everything.
        var root = await units.FindAsync(id, ct);
        var within = root is null ? [] : await units.WithinAsync(UnitScope.Under(root), ct);
        return new CaseScope(within.Select(u => u.Id).ToHashSet());
    }

    private async Task<int?> NearestWithOfficersAsync(int[] path, CancellationToken ct)
    {
        var staffed = await Officers().Where(u => u.UnitId != null && path.Contains(u.UnitId.Value)).Select(u => u.UnitId!.Value).Distinct().ToListAsync(ct);
        return path.Reverse().Cast<int?>().FirstOrDefault(id => staffed.Contains(id!.Value));
    }

    private static int[] PathOf(Unit unit) => unit.Path.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

    private IQueryable<StaffUser> Officers() => InRole(StaffRoles.ConcernOfficer);

    private IQueryable<StaffUser> InRole(string role) =>
        from user in site.Users
        join userRole in site.UserRoles on user.Id equals userRole.UserId
        join r in site.Roles on userRole.RoleId equals r.Id
        where r.Name == role
        select user;
}

/// <summary>An officer a case can be assigned to.</summary>
public sealed record CaseColleague(string Id, string Name, string? Email);
