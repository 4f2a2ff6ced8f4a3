using ChildProtection.Training.Persistence;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>
/// A unit tree of one test's own on the shared seeded site (codes end with <see cref="Tag"/>), and training managers
/// tied to its units.
/// </summary>
public sealed class TestProvince(SiteFactory site)
{
    public string Tag { get; } = Guid.NewGuid().ToString("n")[..8];

    /// <summary>The units added so far, by the short code they were added with.</summary>
    public Dictionary<string, Unit> Units { get; } = [];

    /// <summary>Adds the unit "<paramref name="code"/>-tag" below <paramref name="parent"/> (or a root), with its materialised path.</summary>
    /// <param name="name">The unit's name; "Đơn vị code tag" when null.</param>
    public async Task AddUnitAsync(string code, string? parent, string? name = null)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var parentUnit = parent is null ? null : Units[parent];
        var unit = new Unit { Code = $"{code}-{Tag}", Name = name ?? $"Đơn vị {code} {Tag}", Kind = UnitKind.Other, ParentId = parentUnit?.Id, Level = (parentUnit?.Level ?? -1) + 1 };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = parentUnit is null ? $"{unit.Id}" : $"{parentUnit.Path},{unit.Id}";
        await db.SaveChangesAsync();
        Units[code] = unit;
    }

    /// <summary>A province ("tinh") with two communes: "xa-a" with the schools "truong-a1" and "truong-a2", "xa-b" with "truong-b1".</summary>
    public async Task AddTwoCommunesAsync()
    {
        await AddUnitAsync("tinh", null);
        await AddUnitAsync("xa-a", "tinh");
        await AddUnitAsync("truong-a1", "xa-a");
        await AddUnitAsync("truong-a2", "xa-a");
        await AddUnitAsync("xa-b", "tinh");
        await AddUnitAsync("truong-b1", "xa-b");
    }

    /// <summary>A signed-in training manager tied to <paramref name="unit"/>, or working for the whole tree when null.</summary>
    public async Task<StaffClient> ManagerAsync(string? unit)
    {
        var client = new StaffClient(site);
        await client.SignInAsync(await NewManagerAsync(unit));
        return client;
    }

    /// <summary>A new training manager tied to <paramref name="unit"/> (null: the whole tree); their e-mail, to sign in with.</summary>
    public async Task<string> NewManagerAsync(string? unit)
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.UnitId = unit is null ? null : Units[unit].Id;
            await users.UpdateAsync(user);
        }

        return email;
    }
}
