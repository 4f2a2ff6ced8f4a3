using System.Xml.Linq;
using ChildProtection.Cms.Content;
using ChildProtection.Cms.Media;
using ChildProtection.Cms.Publishing;
using ChildProtection.Training.Contests;
using ChildProtection.Training.Forum;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;

namespace ChildProtection.Web.Tests.Resources;

/// <summary>
/// Every value of every enum whose message a page looks up by name (<c>text[$"Forum{status}"]</c>) has that message
/// in Vietnamese and in English: a status added to a service without its message would otherwise show its resource
/// key to the user.
/// </summary>
public sealed class StatusMessagesTests
{
    /// <summary>
    /// The prefix each look-up puts before the value's name, and the values it can be given: all of the enum's but those
    /// named, which each page answers otherwise (a success shows the result itself).
    /// </summary>
    public static TheoryData<string, string> LookedUp()
    {
        var data = new TheoryData<string, string>();
        void Add<TEnum>(string prefix, params TEnum[] answeredOtherwise)
            where TEnum : struct, Enum
        {
            foreach (var value in Enum.GetValues<TEnum>().Except(answeredOtherwise))
            {
                data.Add(prefix, value.ToString());
            }
        }

        Add<ContentOperationStatus>("Content");
        Add<ApprovalStatus>("Approval", ApprovalStatus.Success);
        Add<ScheduleStatus>("Schedule");
        Add<ScheduledAction>("Schedule");
        Add<RedirectStatus>("Redirect");
        Add<MediaStatus>("Media");
        Add<ForumStatus>("Forum", ForumStatus.Success);
        Add<ForumState>("ForumState");
        Add<OpinionStatus>("ForumOpinion");
        // A wrong, expired or used-up code and an entry already made are answered alike (ContestCodeNotAccepted).
        Add<ContestStatus>("Contest", ContestStatus.Success, ContestStatus.AlreadyEntered, ContestStatus.WrongCode, ContestStatus.CodeExpired, ContestStatus.TooManyTries);
        Add<RoundState>("ContestState");
        Add<AssignmentStatus>("Assignment");
        Add<CertificateStatus>("Certificate");
        Add<LearningStatus>("Quiz");
        Add<AttemptStatus>("Quiz");
        Add<UnitKind>("UnitKind");
        Add<UnitImportProblemKind>("UnitProblem");
        foreach (var role in StaffRoles.All)
        {
            data.Add("Role", role);
        }

        return data;
    }

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Vietnamese = new(() => Read("SharedResource.resx"));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> English = new(() => Read("SharedResource.en.resx"));

    [Theory]
    [MemberData(nameof(LookedUp))]
    public void Status_LookedUpByName_HasVietnameseAndEnglishMessages(string prefix, string value)
    {
        var key = prefix + value;
        Assert.True(Vietnamese.Value.TryGetValue(key, out var vi) && vi.Length > 0, $"{key} has no Vietnamese message");
        Assert.True(English.Value.TryGetValue(key, out var en) && en.Length > 0, $"{key} has no English message");
    }

    private static IReadOnlyDictionary<string, string> Read(string file, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        XDocument.Load(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "Web", "Resources", file))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => ((string?)d.Element("value"))?.Trim() ?? "");
}
