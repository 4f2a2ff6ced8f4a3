using System.Security.Cryptography;
using System.Text.Json;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Enrolment;

/// <summary>What a manager previewed: who uploaded it, the courses chosen, and the file's rows once read.</summary>
public sealed record EnrolmentDraft(string UserName, IReadOnlyList<Guid> Courses, IReadOnlyList<LearnerImportRow> Rows);

/// <param name="AccountProblems">Rows whose account Identity refused (e.g. an address it cannot take as a user name), in the reader's language.</param>
/// <param name="Conflict">Someone else wrote the same learners meanwhile; nothing of this file was saved.</param>
public sealed record EnrolmentOutcome(
    IReadOnlyList<LearnerImportProblem> Problems,
    IReadOnlyList<(int Row, string Problem)> AccountProblems,
    int Accounts = 0,
    int Learners = 0,
    int Enrolments = 0,
    bool Conflict = false)
{
    public bool Success => Problems.Count == 0 && AccountProblems.Count == 0 && !Conflict;
}

/// <summary>
/// The previewed file travels back with the confirm button, encrypted and signed with the data-protection key ring
/// and valid two hours, rather than as a file kept on the server: it needs no clean-up, no disk holding personal
/// data, and it works whichever node the confirmation reaches (the key ring is shared). It is tied to the manager
/// who uploaded it, and everything in it is checked again on confirmation.
/// </summary>
public sealed class EnrolmentDrafts(IDataProtectionProvider protection)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("ChildProtection.BulkEnrolment").ToTimeLimitedDataProtector();

    public string Protect(EnrolmentDraft draft) => Protector.Protect(JsonSerializer.Serialize(draft), Lifetime);

    /// <summary>The draft, if the text is one this site made for <paramref name="userName"/> and it has not expired.</summary>
    public EnrolmentDraft? Read(string? text, string userName)
    {
        try
        {
            return text is null ? null : JsonSerializer.Deserialize<EnrolmentDraft>(Protector.Unprotect(text)) is { } draft && draft.UserName == userName ? draft : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Confirms a spreadsheet of learners: accounts (Identity), learners and enrolments (training), and invitation
/// e-mails (the outbox) are written in ONE transaction (<see cref="OutboxTransaction"/>); so a failure anywhere leaves
/// nothing behind, not even an e-mail. A file confirmed twice finds
/// its learners the second time and adds nothing. A learner uploaded again who never set a password and whose
/// invitation has expired is invited again: that is how a manager helps a teacher who lost the e-mail.
/// </summary>
public sealed class BulkEnrolment(
    UserManager<LearnerUser> accounts,
    LearnerImporter importer,
    LearnerPasswordEmails invitations,
    OutboxTransaction transaction,
    IOptions<LearnerAccountOptions> options,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The accounts of the plan's learners who will be invited again, by learner: no password set, and the last
    /// invitation (if any) past its link's lifetime, so a double click or a second upload the same week sends nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, LearnerUser>> InvitedAgainAsync(LearnerImportPlan plan, CancellationToken ct)
    {
        var byAccount = plan.Lines.Where(l => l.Existing is not null).ToDictionary(l => l.Existing!.AccountId, l => l.Existing!.Id);
        var ids = byAccount.Keys.ToList();
        var lapsed = Now - options.Value.LinkLifetime;
        var waiting = await accounts.Users
            .Where(u => ids.Contains(u.Id) && u.PasswordHash == null && (u.InvitedUtc == null || u.InvitedUtc <= lapsed))
            .ToListAsync(ct);
        return waiting.ToDictionary(u => byAccount[u.Id]);
    }

    /// <summary>Rows whose address Identity would refuse as a user name: the preview tells at once (confirming checks again).</summary>
    public IReadOnlyList<LearnerImportRow> UnusableAddresses(LearnerImportPlan plan)
    {
        var allowed = accounts.Options.User.AllowedUserNameCharacters;
        return string.IsNullOrEmpty(allowed) ? [] : plan.Lines.Where(l => l.Existing is null && l.Row.Email.Any(c => !allowed.Contains(c))).Select(l => l.Row).ToList();
    }

    public async Task<EnrolmentOutcome> ConfirmAsync(IReadOnlyList<LearnerImportRow> rows, IReadOnlyList<Guid> courses, UnitScope scope, string baseUrl, CancellationToken ct)
    {
        try
        {
            return await transaction.RunAsync(token => WriteAsync(rows, courses, scope, baseUrl, token), outcome => outcome.Success, ct);
        }
        catch (DbUpdateException)
        {
            return new EnrolmentOutcome([], [], Conflict: true);
        }
    }

    private async Task<EnrolmentOutcome> WriteAsync(IReadOnlyList<LearnerImportRow> rows, IReadOnlyList<Guid> courses, UnitScope scope, string baseUrl, CancellationToken ct)
    {
        var plan = await importer.PlanAsync(rows, scope, ct);
        if (!plan.Success)
        {
            return new EnrolmentOutcome(plan.Problems, []);
        }

        var accountIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var invited = new List<(LearnerUser Account, string FullName)>();
        var refused = new List<(int Row, string Problem)>();
        foreach (var line in plan.Lines.Where(l => l.Existing is null))
        {
            // An account without a learner (a registration cut short) is taken up rather than duplicated.
            var account = await accounts.FindByEmailAsync(line.Row.Email);
            if (account is null)
            {
                // The manager vouches for the address: the invitation's link proves it is read, as a confirmation would.
                account = new LearnerUser { UserName = line.Row.Email, Email = line.Row.Email, EmailConfirmed = true, InvitedUtc = Now };
                var created = await accounts.CreateAsync(account);
                if (!created.Succeeded)
                {
                    refused.AddRange(created.Errors.Select(e => (line.Row.Row, e.Description)));
                    continue;
                }

                invited.Add((account, line.Row.FullName));
            }

            accountIds[line.Row.Email] = account.Id;
        }

        if (refused.Count > 0)
        {
            return new EnrolmentOutcome([], refused);
        }

        var again = await InvitedAgainAsync(plan, ct);
        foreach (var line in plan.Lines.Where(l => l.Existing is not null && again.ContainsKey(l.Existing.Id)))
        {
            var account = again[line.Existing!.Id];
            account.InvitedUtc = Now;
            await accounts.UpdateAsync(account);
            invited.Add((account, line.Existing.FullName));
        }

        var saved = await importer.SaveAsync(plan, courses, accountIds, ct);
        foreach (var (account, fullName) in invited)
        {
            await invitations.SendInvitationAsync(account, fullName, baseUrl, ct);
        }

        return new EnrolmentOutcome([], [], invited.Count, saved.Created.Count, saved.Enrolments);
    }
}
