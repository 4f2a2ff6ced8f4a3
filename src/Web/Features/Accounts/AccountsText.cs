namespace ChildProtection.Web.Features.Accounts;

/// <summary>
/// Marker for the messages of accounts, staff's and learners' alike (passwords, Identity's errors):
/// Resources/Features/Accounts/AccountsText.resx (Vietnamese) and .en.resx, then <see cref="SharedResource"/>.
/// </summary>
public sealed class AccountsText;
