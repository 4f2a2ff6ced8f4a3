namespace ChildProtection.Web.Features.Learning;

/// <summary>
/// Marker for training's messages: the learner area's and the training managers' backoffice pages'
/// (<c>Backoffice/Assignments</c>, <c>Certificates</c>, <c>Enrolment</c>, <c>QuestionBanks</c>, <c>Reports</c>):
/// Resources/Features/Learning/LearningText.resx (Vietnamese) and .en.resx, then <see cref="SharedResource"/>.
/// </summary>
public sealed class LearningText;
