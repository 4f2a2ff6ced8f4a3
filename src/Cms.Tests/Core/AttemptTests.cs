using ChildProtection.Cms.Content;
using ChildProtection.Core;

namespace ChildProtection.Cms.Tests.Core;

public sealed class AttemptTests
{
    [Fact]
    public void SucceedWithStatus_WithResult_IsSuccessfulAndCarriesBoth()
    {
        var attempt = Attempt.SucceedWithStatus(ApprovalStatus.Success, "kết quả");

        Assert.True(attempt.Success);
        Assert.Equal(ApprovalStatus.Success, attempt.Status);
        Assert.Equal("kết quả", attempt.Result);
        // Compiles without a nullable warning (warnings are errors): Success proves Result is not null.
        Assert.Equal(7, attempt.Success ? attempt.Result.Length : 0);
    }

    [Fact]
    public void SucceedWithStatus_NullResult_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Attempt.SucceedWithStatus<string?, ApprovalStatus>(ApprovalStatus.Success, null));
    }

    [Fact]
    public void FailWithStatus_WithResult_IsFailedAndKeepsTheResult()
    {
        IReadOnlyList<string> errors = ["Tên là bắt buộc."];

        var attempt = Attempt.FailWithStatus(ApprovalStatus.CommentRequired, errors);

        Assert.False(attempt.Success);
        Assert.Equal(ApprovalStatus.CommentRequired, attempt.Status);
        Assert.Same(errors, attempt.Result);
    }

    [Fact]
    public void Fail_ConvertedToResultAttempt_IsFailedWithNoResult()
    {
        Attempt<string, ApprovalStatus> attempt = Attempt.Fail(ApprovalStatus.NotFound);

        Assert.False(attempt.Success);
        Assert.Equal(ApprovalStatus.NotFound, attempt.Status);
        Assert.Null(attempt.Result);
    }

    [Fact]
    public void Succeed_ConvertedToResultAttempt_Throws()
    {
        var statusOnly = Attempt.Succeed(ApprovalStatus.Success);

        Assert.True(statusOnly.Success);
        Assert.Throws<InvalidOperationException>(() => (Attempt<string, ApprovalStatus>)statusOnly);
    }

    [Fact]
    public void Equals_SameOutcome_AreEqual()
    {
        Assert.Equal(Attempt.SucceedWithStatus(ApprovalStatus.Success, 7), Attempt.SucceedWithStatus(ApprovalStatus.Success, 7));
        Assert.NotEqual(Attempt.Fail(ApprovalStatus.NotFound), Attempt.Fail(ApprovalStatus.InRecycleBin));
    }

    [Fact]
    public void Deconstruct_FailedAttempt_GivesStatusAndNoResult()
    {
        Attempt<string, ApprovalStatus> attempt = Attempt.Fail(ApprovalStatus.InRecycleBin);

        var (status, result) = attempt;

        Assert.Equal(ApprovalStatus.InRecycleBin, status);
        Assert.Null(result);
    }
}
