using ChildProtection.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace ChildProtection.Web.Features.Backoffice;

/// <summary>Who may do what in the backoffice, in one place; every endpoint names one of these.</summary>
public static class BackofficePolicies
{
    /// <summary>Any signed-in staff user (never a learner: learners have their own cookie and scheme).</summary>
    public const string Staff = "Backoffice.Staff";

    /// <summary>Rebuilding indexes, users, settings.</summary>
    public const string Administer = "Backoffice.Administer";

    /// <summary>Publishing and what goes with it: the audit log, redirects.</summary>
    public const string Publish = "Backoffice.Publish";

    /// <summary>Writing content: saving drafts and sending them for approval (courses are content too).</summary>
    public const string Write = "Backoffice.Write";

    /// <summary>Units, courses, assignments and training reports.</summary>
    public const string ManageTraining = "Backoffice.ManageTraining";

    /// <summary>Law contests: rounds, live counts, approving results, exports of entries.</summary>
    public const string Contests = "Backoffice.Contests";

    /// <summary>Reports of concern: the officers who receive them, and no one else (not even administrators).</summary>
    public const string Concerns = "Backoffice.Concerns";

    /// <summary>
    /// The reports of concern's statistics, counts without content: their officers for their own units, and
    /// administrators for the whole province (the yearly reports are theirs to send, though they read no report).
    /// </summary>
    public const string ConcernStatistics = "Backoffice.ConcernStatistics";

    /// <summary>Question banks, shared by course quizzes and contests.</summary>
    public const string QuestionBanks = "Backoffice.QuestionBanks";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Publish, policy => policy.AddAuthenticationSchemes(StaffAccountsExtensions.Scheme).RequireRole(StaffRoles.Editor, StaffRoles.Administrator));
        options.AddPolicy(Write, policy => policy.AddAuthenticationSchemes(StaffAccountsExtensions.Scheme)
            .RequireRole(StaffRoles.Writer, StaffRoles.Editor, StaffRoles.Administrator, StaffRoles.TrainingManager));
        options.AddPolicy(ManageTraining, policy => policy.AddAuthenticationSchemes(StaffAccountsExtensions.Scheme).RequireRole(StaffRoles.TrainingManager, StaffRoles.Administrator));
        options.AddPolicy(QuestionBanks, policy => policy.AddAuthenticationSchemes(StaffAccountsExtensions.Scheme)
            .RequireRole(StaffRoles.TrainingManager, StaffRoles.ContestOrganiser, StaffRoles.Administrator));
        options.AddPolicy(Contests, policy => policy.AddAuthenticationSchemes(StaffAccountsExtensions.Scheme).RequireRole(StaffRoles.ContestOrganiser, StaffRoles.Administrator));
        options.AddPolicy(Concerns, policy => policy.AddAuthenticationSchemes(StaffAccountsExtensions.Scheme).RequireRole(StaffRoles.ConcernOfficer));
        options.AddPolicy(ConcernStatistics, policy => policy.AddAuthenticationSchemes(StaffAccountsExtensions.Scheme).RequireRole(StaffRoles.ConcernOfficer, StaffRoles.Administrator));
        options.AddPolicy(Staff, policy => policy.AddAuthenticationSchemes(StaffAccountsExtensions.Scheme).RequireAuthenticatedUser());
        // An administrator acts as one only once two-factor sign-in is set up.
        options.AddPolicy(Administer, policy => policy.AddAuthenticationSchemes(StaffAccountsExtensions.Scheme).RequireRole(StaffRoles.Administrator)
            .RequireAssertion(context => !context.User.HasClaim(c => c.Type == Shell.StaffSignIn.NeedsTwoFactorClaim)));
    }
}
