using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Web.Features.Accounts;

/// <summary>A backoffice user (Umbraco's "user"); learners are a separate account kind with their own cookie.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// The unit (in the training database) this user works for: training reports, assignments and enrolments are
    /// limited to its subtree. Null for staff of the whole province.
    /// </summary>
    public int? UnitId { get; set; }
}

public static class StaffRoles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string Writer = "Writer";
    public const string TrainingManager = "TrainingManager";
    public const string ContestOrganiser = "ContestOrganiser";

    /// <summary>
    /// Cán bộ tiếp nhận: receives the reports of concern of their unit and the units below it. Administrators manage
    /// the accounts but read no report unless they hold this role too.
    /// </summary>
    public const string ConcernOfficer = "ConcernOfficer";

    public static IReadOnlyList<string> All { get; } = [Administrator, Editor, Writer, TrainingManager, ContestOrganiser, ConcernOfficer];
}
