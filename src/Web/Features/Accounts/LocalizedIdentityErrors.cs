using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Accounts;

/// <summary>Identity's messages in the reader's language (its own are English only).</summary>
internal sealed class LocalizedIdentityErrors(IStringLocalizer<AccountsText> text) : IdentityErrorDescriber
{
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), text["IdentityInvalidToken"]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), text["IdentityPasswordTooShort", length]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), text["IdentityPasswordRequiresDigit"]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), text["IdentityPasswordRequiresLower"]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), text["IdentityPasswordRequiresUpper"]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), text["IdentityPasswordRequiresNonAlphanumeric"]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), text["IdentityPasswordRequiresUniqueChars", uniqueChars]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), text["IdentityDuplicateEmail", email]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
