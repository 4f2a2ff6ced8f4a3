using Microsoft.AspNetCore.Identity;

namespace ChildProtection.Web.Features.Accounts;

/// <summary>
/// The password step of signing in, for staff and learners alike. It fails the same way, and takes as long, whatever
/// exists: an unknown address, a locked account, an account without a password yet and a wrong password each cost one
/// password hash and give the same answer, so neither the message nor its time tells anyone which addresses have
/// accounts. Five wrong passwords in a row lock the account for a while (Identity's lockout).
/// </summary>
public sealed class PasswordSignInCheck<TUser>(UserManager<TUser> users)
    where TUser : class, new()
{
    private static readonly TUser _nobody = new();

    /// <summary>A hash of a random password, made with the same hasher and settings as real ones, for failures that have no hash of their own to check.</summary>
    private static string? _decoyHash;

    /// <summary>How long a locked account waits, as the one message for every failure says it.</summary>
    public int LockoutMinutes => (int)users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes;

    /// <returns>The account when the password is right and the account may sign in now; null otherwise.</returns>
    public async Task<TUser?> CheckAsync(string? email, string? password)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || await users.IsLockedOutAsync(user) || !await users.HasPasswordAsync(user))
        {
            _decoyHash ??= users.PasswordHasher.HashPassword(_nobody, Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(_nobody, _decoyHash, password ?? "");
            return null;
        }

        if (!await users.CheckPasswordAsync(user, password ?? ""))
        {
            await users.AccessFailedAsync(user);
            return null;
        }

        // With two-factor sign-in the count is reset by the right code, as Identity's sign-in manager does: wrong codes add to wrong passwords.
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        return user;
    }
}
