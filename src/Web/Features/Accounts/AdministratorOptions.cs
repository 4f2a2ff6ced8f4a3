using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Web.Features.Accounts;

/// <summary>The "Admin" section: the first administrator, created at first start when there is none.</summary>
public sealed class AdministratorOptions
{
    public const string Section = "Admin";

    [Display(Name = $"{Section}:{nameof(Email)}"), Required, EmailAddress]
    public string Email { get; set; } = "admin@localhost";

    /// <summary>When empty, a password is generated and printed once in the log.</summary>
    public string? Password { get; set; }
}
