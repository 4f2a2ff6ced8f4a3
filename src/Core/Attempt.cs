using System.Diagnostics.CodeAnalysis;

namespace ChildProtection.Core;

/// <summary>
/// The outcome of an operation that can fail for a business reason, in the shape of Umbraco's
/// <c>Attempt&lt;TResult, TStatus&gt;</c>: whether it succeeded, the status that says why (and picks the user's
/// message), and what it produced. A success always carries its result; a failure may carry one too when the
/// caller needs it to answer (the validation errors of a refused save, the attempt a stale answer belongs to).
/// </summary>
public sealed record Attempt<TResult, TStatus>
    where TStatus : struct, Enum
{
    internal Attempt(bool success, TStatus status, TResult? result)
    {
        Success = success;
        Status = status;
        Result = result;
    }

    [MemberNotNullWhen(true, nameof(Result))]
    public bool Success { get; }

    public TStatus Status { get; }

    public TResult? Result { get; }

    /// <summary>Lets a caller that reads the status and the result apart write <c>var (status, item) = …</c>.</summary>
    public void Deconstruct(out TStatus status, out TResult? result) => (status, result) = (Status, Result);

    /// <summary>
    /// Lets a method that returns a result answer a failure with <c>return Attempt.Fail(status);</c>, without
    /// spelling out the result type that a failure does not have.
    /// </summary>
    public static implicit operator Attempt<TResult, TStatus>(Attempt<TStatus> attempt) =>
        attempt.Success
            ? throw new InvalidOperationException($"A successful attempt ({attempt.Status}) must carry its result.")
            : new(false, attempt.Status, default);
}

/// <summary>
/// The outcome of an operation that produces nothing but its status (a delete, an approval). It exists so that such
/// methods keep the same <c>Success</c>/<c>Status</c> vocabulary as the others without a placeholder result type;
/// a failed one converts to any <see cref="Attempt{TResult, TStatus}"/> of the same status.
/// </summary>
public sealed record Attempt<TStatus>(bool Success, TStatus Status)
    where TStatus : struct, Enum;

/// <summary>The factories, named as Umbraco's; the type arguments are inferred from the status and result.</summary>
public static class Attempt
{
    public static Attempt<TResult, TStatus> SucceedWithStatus<TResult, TStatus>(TStatus status, TResult result)
        where TStatus : struct, Enum =>
        new(true, status, result ?? throw new ArgumentNullException(nameof(result), "A successful attempt must carry its result."));

    public static Attempt<TResult, TStatus> FailWithStatus<TResult, TStatus>(TStatus status, TResult? result)
        where TStatus : struct, Enum =>
        new(false, status, result);

    public static Attempt<TStatus> Succeed<TStatus>(TStatus status)
        where TStatus : struct, Enum =>
        new(true, status);

    public static Attempt<TStatus> Fail<TStatus>(TStatus status)
        where TStatus : struct, Enum =>
        new(false, status);
}
