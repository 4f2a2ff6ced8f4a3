using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Accounts;

/// <summary>
/// Once the site answers (the public site need not wait for password hashing), creates the roles and the first
/// administrator when there is none: with the configured password, or a generated one that is printed once and never
/// stored in clear.
/// </summary>
internal sealed class AdministratorBootstrap(IServiceProvider services, IOptions<AdministratorOptions> options, ILogger<AdministratorBootstrap> logger) : IHostedLifecycleService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if ((await users.GetUsersInRoleAsync(StaffRoles.Administrator)).Count > 0)
        {
            return;
        }

        var generated = string.IsNullOrWhiteSpace(options.Value.Password);
        var password = generated ? GeneratePassword() : options.Value.Password!;
        var admin = new StaffUser { UserName = options.Value.Email, Email = options.Value.Email, EmailConfirmed = true, DisplayName = "Quản trị viên" };
        Check(await users.CreateAsync(admin, password), $"administrator {admin.Email}");
        Check(await users.AddToRoleAsync(admin, StaffRoles.Administrator), "administrator role");

        if (generated)
        {
            // Shown once: the hash is all that is kept.
            logger.LogWarning("Đã tạo tài khoản quản trị đầu tiên / First administrator created: {Email} — mật khẩu / password: {Password}", admin.Email, password);
        }
        else
        {
            logger.LogInformation("First administrator {Email} created with the configured password.", admin.Email);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string GeneratePassword() =>
        $"Cp-{Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y')}9";

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
