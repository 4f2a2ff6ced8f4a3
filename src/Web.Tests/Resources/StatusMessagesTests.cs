using ChildProtection.Cms.Content;
using ChildProtection.Cms.Media;
using ChildProtection.Cms.Publishing;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Forum;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Forum;

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
        void Add<TEnum>(Type reader, string prefix, params TEnum[] answeredOtherwise)
            where TEnum : struct, Enum
        {
            foreach (var value in Enum.GetValues<TEnum>().Except(answeredOtherwise))
            {
                data.Add(reader, prefix, value.ToString());
            }
        }

        Add<ContentOperationStatus>(typeof(SharedResource), "Content");
        Add<ApprovalStatus>(typeof(SharedResource), "Approval", ApprovalStatus.Success);
        Add<ScheduleStatus>(typeof(SharedResource), "Schedule");
        Add<ScheduledAction>(typeof(SharedResource), "Schedule");
        Add<RedirectStatus>(typeof(SharedResource), "Redirect");
        Add<MediaStatus>(typeof(SharedResource), "Media");
        Add<ForumStatus>(typeof(ForumText), "Forum", ForumStatus.Success);
        Add<ForumState>(typeof(ForumText), "ForumState");
        Add<OpinionStatus>(typeof(ForumText), "ForumOpinion");
        // A wrong, expired or used-up code and an entry already made are answered alike (ContestCodeNotAccepted).
        Add<ContestStatus>(typeof(SharedResource), "Contest", ContestStatus.Success, ContestStatus.AlreadyEntered, ContestStatus.WrongCode, ContestStatus.CodeExpired, ContestStatus.TooManyTries);
        Add<RoundState>(typeof(SharedResource), "ContestState");
        Add<AssignmentStatus>(typeof(SharedResource), "Assignment");
        Add<CertificateStatus>(typeof(SharedResource), "Certificate");
        Add<LearningStatus>(typeof(SharedResource), "Quiz");
        Add<AttemptStatus>(typeof(SharedResource), "Quiz");
        Add<UnitKind>(typeof(SharedResource), "UnitKind");
        Add<UnitImportProblemKind>(typeof(SharedResource), "UnitProblem");
        foreach (var role in StaffRoles.All)
        {
            data.Add(typeof(SharedResource), "Role", role);
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
