using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Accounts;

/// <summary>
/// Identity's user manager, except that every wrong password counts towards the lockout. Identity writes the new
/// failed count with the account's concurrency stamp, so of several wrong passwords for one account at the same
/// moment only the first was counted (the others ended in a concurrency failure and were dropped), and an attacker
/// sending guesses in parallel got many times the five tries. A failed count that lost such a race is counted again on
/// top of the winner's.
/// </summary>
internal sealed class LockoutCountingUserManager<TUser, TContext>(
    TContext db,
    IUserStore<TUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<TUser> passwordHasher,
    IEnumerable<IUserValidator<TUser>> userValidators,
    IEnumerable<IPasswordValidator<TUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<TUser>> logger)
    : UserManager<TUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
    where TUser : class
    where TContext : DbContext
{
    /// <summary>More wrong passwords at once than this for one account would be a flood the lockout has already stopped.</summary>
    private const int MaxTries = 20;

    public override async Task<IdentityResult> AccessFailedAsync(TUser user)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await base.AccessFailedAsync(user);
            if (result.Succeeded || attempt == MaxTries || !result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                return result;
            }

            await db.Entry(user).ReloadAsync(CancellationToken);
        }
    }
}
