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
/// Its context also holds the outbox and the other accounts, so a change Identity refused must not stay pending
/// there: the next save of anything else (an e-mail) would try it again and fail, or write what was refused.
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
        }
    }

    /// <summary>A refused update (invalid, or another request's change won) is undone: the account is read again.</summary>
    protected override async Task<IdentityResult> UpdateUserAsync(TUser user)
    {
        var result = await base.UpdateUserAsync(user);
        if (!result.Succeeded && db.Entry(user).State != EntityState.Detached)
        {
            await db.Entry(user).ReloadAsync(CancellationToken);
        }

        return result;
    }

    /// <summary>An account another request created first (the unique index decided) is no longer tracked as new.</summary>
    public override async Task<IdentityResult> CreateAsync(TUser user)
    {
        try
        {
            return await base.CreateAsync(user);
        }
        catch (DbUpdateException)
        {
            db.Entry(user).State = EntityState.Detached;
            throw;
        }
    }
}
