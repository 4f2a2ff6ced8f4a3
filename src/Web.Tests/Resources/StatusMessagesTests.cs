using ChildProtection.Cms.Content;
using ChildProtection.Cms.Media;
using ChildProtection.Cms.Publishing;
using ChildProtection.Concerns.Reports;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Forum;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Backoffice;
using ChildProtection.Web.Features.Backoffice.Forum;
using ChildProtection.Web.Features.Concerns;
using ChildProtection.Web.Features.Contests;
using ChildProtection.Web.Features.Forum;
using ChildProtection.Web.Features.Learning;

namespace ChildProtection.Web.Tests.Resources;

/// <summary>
/// Every value of every enum whose message a page looks up by name (<c>text[$"Forum{status}"]</c>) has that message
/// in Vietnamese and in English: a status added to a service without its message would otherwise show its resource
/// key to the user. Each is looked for where the localizer of the code that looks it up reads (its feature's file,
/// then the shared one).
/// </summary>
public sealed class StatusMessagesTests
{
    /// <summary>
    /// The prefix each look-up puts before the value's name, and the values it can be given: all of the enum's but those
    /// named, which each page answers otherwise (a success shows the result itself).
    /// </summary>
    public static TheoryData<Type, string, string> LookedUp()
    {
        var data = new TheoryData<Type, string, string>();
        // Two enums may share a prefix and a value's name (a quiz's and a course's "Success"): one message serves both.
        var seen = new HashSet<(Type, string, string)>();
        void Add<TEnum>(Type reader, string prefix, params TEnum[] answeredOtherwise)
            where TEnum : struct, Enum
        {
            foreach (var value in Enum.GetValues<TEnum>().Except(answeredOtherwise))
            {
                if (seen.Add((reader, prefix, value.ToString())))
                {
                    data.Add(reader, prefix, value.ToString());
                }
            }
        }

        Add<ContentOperationStatus>(typeof(BackofficeText), "Content");
        Add<ApprovalStatus>(typeof(BackofficeText), "Approval", ApprovalStatus.Success);
        Add<ScheduleStatus>(typeof(BackofficeText), "Schedule");
        Add<ScheduledAction>(typeof(BackofficeText), "Schedule");
        Add<RedirectStatus>(typeof(BackofficeText), "Redirect");
        Add<MediaStatus>(typeof(BackofficeText), "Media");
        Add<ForumStatus>(typeof(ForumText), "Forum", ForumStatus.Success);
        Add<ForumState>(typeof(ForumText), "ForumState");
        Add<OpinionStatus>(typeof(ForumText), "ForumOpinion");
        // A form's several mistakes and the forum's own refusal (its ForumStatus, above) are their own messages.
        Add<ForumActionStatus>(typeof(ForumText), "Forum", ForumActionStatus.InvalidForm, ForumActionStatus.Refused);
        // A wrong, expired or used-up code and an entry already made are answered alike (ContestCodeNotAccepted).
        Add<ContestStatus>(typeof(ContestsText), "Contest", ContestStatus.Success, ContestStatus.AlreadyEntered, ContestStatus.WrongCode, ContestStatus.CodeExpired, ContestStatus.TooManyTries);
        Add<RoundState>(typeof(ContestsText), "ContestState");
        Add<ChildProtection.Training.Quizzes.Paper.PaperRowProblem>(typeof(ContestsText), "PaperRow.");
        Add<AssignmentStatus>(typeof(LearningText), "Assignment");
        Add<CertificateStatus>(typeof(LearningText), "Certificate");
        Add<LearningStatus>(typeof(LearningText), "Quiz");
        Add<AttemptStatus>(typeof(LearningText), "Quiz");
        // A contest's attempt page saves its answers as the learner area's does (AttemptForm), with the contest's localizer.
        Add<AttemptStatus>(typeof(ContestsText), "Quiz");
        Add<UnitKind>(typeof(BackofficeText), "UnitKind");
        Add<UnitImportProblemKind>(typeof(BackofficeText), "UnitProblem");
        // The report form says each choice in a child's words and in an adult's; the officers' pages use the adult's.
        Add<ReporterRole>(typeof(ConcernsText), "ChildReporter");
        Add<ReporterRole>(typeof(ConcernsText), "AdultReporter");
        Add<ConcernCategory>(typeof(ConcernsText), "ChildCategory");
        Add<ConcernCategory>(typeof(ConcernsText), "AdultCategory");
        Add<ConcernResult>(typeof(ConcernsText), "Result");
        Add<CaseStatus>(typeof(ConcernsText), "Status");
        Add<ConcernUrgency>(typeof(ConcernsText), "Urgency");
        Add<Referral>(typeof(ConcernsText), "Referral");
        Add<CaseOutcome>(typeof(ConcernsText), "Outcome");
        Add<CaseEntryKind>(typeof(ConcernsText), "Entry");
        foreach (var role in StaffRoles.All)
        {
            data.Add(typeof(BackofficeText), "Role", role);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LookedUp))]
    public void Status_LookedUpByName_HasVietnameseAndEnglishMessages(Type reader, string prefix, string value)
    {
        var key = prefix + value;
        Assert.True(ResourceFiles.ReadBy(reader, ResourceFiles.Vietnamese).TryGetValue(key, out var vi) && vi.Length > 0, $"{key} has no Vietnamese message for {reader.Name}");
        Assert.True(ResourceFiles.ReadBy(reader, ResourceFiles.English).TryGetValue(key, out var en) && en.Length > 0, $"{key} has no English message for {reader.Name}");
    }
}
